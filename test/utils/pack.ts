import { spawn } from 'node:child_process'
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { fileURLToPath } from 'node:url'
import { alive } from '../../packages/core/src/lock/project-lock.ts'

export const ROOT = fileURLToPath(new URL('../../', import.meta.url))
/** The published packages, in the order a user's install needs them. */
export const PACKAGES = ['gengo', 'core', 'gengo-emulator', 'cli', 'vite'] as const

export interface RunResult {
  code: number | null
  stdout: string
  stderr: string
}

/**
 * The environment of a user's shell, not of this test run: no pnpm or npm script variables,
 * no vitest's NODE_ENV, no NODE_OPTIONS, and no workspace `node_modules/.bin` on PATH.
 * Variables set to undefined are dropped by `spawn`.
 */
export function userEnv(extra: Record<string, string | undefined> = {}): Record<string, string | undefined> {
  const env: Record<string, string | undefined> = {}
  for (const key of Object.keys(process.env)) {
    if (/^(npm_|pnpm_|PNPM_|VITEST|NODE_ENV$|NODE_OPTIONS$|TEST$|FORCE_COLOR$|INIT_CWD$)/i.test(key)) env[key] = undefined
  }
  const path = (process.env.PATH ?? '')
    .split(':')
    .filter((p) => !p.includes('node_modules'))
    .join(':')
  return { ...env, PATH: path, NO_COLOR: '1', npm_config_yes: 'true', npm_config_fund: 'false', npm_config_audit: 'false', ...extra }
}

/** Runs a command to its end and collects its output. */
export function run(cmd: string, args: string[], cwd: string, env: Record<string, string | undefined> = userEnv()): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd, env: { ...process.env, ...env } as NodeJS.ProcessEnv, stdio: ['ignore', 'pipe', 'pipe'] })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d) => {
      stdout += d
    })
    child.stderr.on('data', (d) => {
      stderr += d
    })
    child.once('error', reject)
    child.on('close', (code) => resolve({ code, stdout, stderr }))
  })
}

/** Like `run`, but a non-zero exit is an error carrying the output. */
export async function runOk(cmd: string, args: string[], cwd: string, env?: Record<string, string | undefined>): Promise<RunResult> {
  const r = await run(cmd, args, cwd, env)
  if (r.code !== 0) throw new Error(`${cmd} ${args.join(' ')} (in ${cwd}) exited ${r.code}\n${r.stdout}\n${r.stderr}`)
  return r
}

const BUILD_LOCK = join(ROOT, 'test/.tmp/build-and-pack.lock')

/**
 * One build-and-pack at a time across the test files running in parallel (pack, pnpm, Yarn PnP): each rebuilds every
 * package's dist/, and two at once would pack a half-written one. A directory as the lock, with its owner's pid, so a
 * killed run's lock is taken over.
 */
async function withBuildLock<T>(fn: () => Promise<T>): Promise<T> {
  mkdirSync(join(ROOT, 'test/.tmp'), { recursive: true })
  for (;;) {
    try {
      mkdirSync(BUILD_LOCK)
      writeFileSync(join(BUILD_LOCK, 'pid'), String(process.pid))
      break
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
      let owner = 0
      try {
        owner = Number(readFileSync(join(BUILD_LOCK, 'pid'), 'utf8'))
      } catch {}
      if (owner > 0 && !alive(owner)) rmSync(BUILD_LOCK, { recursive: true, force: true })
      else await sleep(250)
    }
  }
  try {
    return await fn()
  } finally {
    rmSync(BUILD_LOCK, { recursive: true, force: true })
  }
}

/**
 * `pnpm pack`s each package into `dest`, from a tree without `dist/`: each package's `prepack` builds it (tsdown, the
 * shared config), so a pack never ships a tarball without its build. Returns the tarballs by package.
 */
export function buildAndPack(dest: string): Promise<Record<(typeof PACKAGES)[number], string>> {
  return withBuildLock(() => buildAndPackNow(dest))
}

async function buildAndPackNow(dest: string): Promise<Record<(typeof PACKAGES)[number], string>> {
  const out = {} as Record<(typeof PACKAGES)[number], string>
  for (const name of PACKAGES) {
    rmSync(join(ROOT, 'packages', name, 'dist'), { recursive: true, force: true })
    await runOk('pnpm', ['pack', '--pack-destination', dest], join(ROOT, 'packages', name))
    const file = readdirSync(dest).find((f) => new RegExp(`^l10n-sync-${name}-\\d.*\\.tgz$`).test(f))
    if (!file) throw new Error(`pnpm pack wrote no tarball for ${name} into ${dest}`)
    out[name] = join(dest, file)
  }
  return out
}
