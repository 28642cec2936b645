/**
 * The published packages, as an app would install them: each `@l10n-sync/*` package is staged
 * under `<dir>/node_modules` with its published manifest (`publishConfig` merged in) and a copy of
 * its `dist/`, so `@l10n-sync/core` resolves to `dist/index.mjs`, never to `src/`. Third-party
 * dependencies are linked to the ones pnpm installed. Needs `pnpm build` first.
 */
import { cpSync, existsSync, mkdirSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'

const NAMES = ['core', 'gengo', 'gengo-emulator', 'cli', 'vite'] as const

export interface Published {
  dir: string
  /** `node <cliBin> …` runs the published `l10n` (its dist/bin.mjs). */
  cliBin: string
  emulatorBin: string
  cleanup(): void
}

/** Stages the built packages of `packagesDir` (default: this workspace's) under `dir`. */
export function stagePublished(dir: string, packagesDir: string): Published {
  rmSync(dir, { recursive: true, force: true })
  const nm = join(dir, 'node_modules')
  mkdirSync(join(nm, '@l10n-sync'), { recursive: true })
  const linked = new Set<string>()
  const link = (name: string, from: string) => {
    if (linked.has(name) || name.startsWith('@l10n-sync/')) return
    const target = join(from, 'node_modules', name)
    if (!existsSync(target)) return
    linked.add(name)
    mkdirSync(dirname(join(nm, name)), { recursive: true })
    symlinkSync(realpathSync(target), join(nm, name))
  }
  for (const name of NAMES) {
    const src = join(packagesDir, name)
    if (!existsSync(join(src, 'dist'))) throw new Error(`${src}/dist is missing: run \`pnpm build\` first`)
    const manifest = JSON.parse(readFileSync(join(src, 'package.json'), 'utf8'))
    const published = { ...manifest, ...manifest.publishConfig }
    delete published.publishConfig
    const out = join(nm, '@l10n-sync', name)
    mkdirSync(out, { recursive: true })
    writeFileSync(join(out, 'package.json'), JSON.stringify(published, null, 2))
    cpSync(join(src, 'dist'), join(out, 'dist'), { recursive: true })
    for (const extra of ['bin', 'virtual.d.ts'])
      if (existsSync(join(src, extra))) cpSync(join(src, extra), join(out, extra), { recursive: true })
    for (const dep of Object.keys({ ...manifest.dependencies, ...manifest.peerDependencies })) link(dep, src)
  }
  // The apps' own dependency: vite (for the plugin case).
  link('vite', join(packagesDir, 'vite'))
  return {
    dir,
    cliBin: join(nm, '@l10n-sync/cli/dist/bin.mjs'),
    emulatorBin: join(nm, '@l10n-sync/gengo-emulator/dist/bin.mjs'),
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  }
}
