import { existsSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'

export type PackageManager = 'npm' | 'pnpm' | 'yarn' | 'bun'

const LOCKFILES: [string, PackageManager][] = [
  ['pnpm-lock.yaml', 'pnpm'],
  ['yarn.lock', 'yarn'],
  ['bun.lock', 'bun'],
  ['bun.lockb', 'bun'],
  ['package-lock.json', 'npm'],
  ['npm-shrinkwrap.json', 'npm'],
]

/**
 * The package manager of the project in `cwd`: the lock file in it or the nearest parent (a workspace's root), else the
 * one running this command (`npm_config_user_agent`, which npm, pnpm, Yarn and bun set), else npm.
 */
export function packageManager(cwd: string, env: Readonly<Record<string, string | undefined>>): PackageManager {
  for (let dir = resolve(cwd); ; dir = dirname(dir)) {
    const found = LOCKFILES.find(([file]) => existsSync(join(dir, file)))
    if (found) return found[1]
    if (dirname(dir) === dir) break
  }
  const agent = /^(npm|pnpm|yarn|bun)\//.exec(env.npm_config_user_agent ?? '')?.[1]
  return (agent as PackageManager | undefined) ?? 'npm'
}

/** The command that adds `packages`, as dev dependencies or not, with this package manager. */
export function installCommand(pm: PackageManager, packages: string[], dev: boolean): string {
  const verb = pm === 'npm' ? 'i' : 'add'
  const flag = dev ? ' -D' : ''
  return `${pm} ${verb}${flag} ${packages.join(' ')}`
}
