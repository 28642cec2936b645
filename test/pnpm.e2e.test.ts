import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildAndPack, PACKAGES, run, runOk, userEnv } from './utils/pack.ts'
import { tempDir } from './utils/tmp.ts'

// The packed packages in a pnpm app outside the workspace (issue 23 §4): pnpm's node_modules let the app import only
// what its package.json lists. The app starts as the old install line left it: the CLI and the emulator, no
// @l10n-sync/core, which its l10n.config imports. The @l10n-sync packages are the tarballs, pinned through `overrides`.

const MINUTES = 60_000

let tmp: { dir: string; cleanup: () => void }
let app: string
let tarballs: Awaited<ReturnType<typeof buildAndPack>>
const started = Date.now()

const env = () => userEnv({ GENGO_PUBLIC_KEY: undefined, GENGO_PRIVATE_KEY: undefined })
const pnpm = (args: string[]) => run('pnpm', args, app, env())

beforeAll(async () => {
  tmp = tempDir('l10n-pnpm-')
  const packs = join(tmp.dir, 'packs')
  mkdirSync(packs)
  tarballs = await buildAndPack(packs)
  app = join(tmp.dir, 'app')
  mkdirSync(app)
  const file = (p: (typeof PACKAGES)[number]) => `file:${tarballs[p]}`
  const devDependencies = { '@l10n-sync/cli': file('cli'), '@l10n-sync/gengo-emulator': file('gengo-emulator') }
  writeFileSync(
    join(app, 'package.json'),
    `${JSON.stringify({ name: 'app', private: true, type: 'module', dependencies: { i18next: '~26.7.2' }, devDependencies }, null, 2)}\n`,
  )
  writeFileSync(join(app, 'pnpm-workspace.yaml'), `overrides:\n${PACKAGES.map((p) => `  '@l10n-sync/${p}': '${file(p)}'\n`).join('')}`)
  await runOk('pnpm', ['install'], app, env())
}, 10 * MINUTES)

afterAll(() => {
  tmp?.cleanup()
  console.info(`pnpm.e2e: ${((Date.now() - started) / 1000).toFixed(1)} s from build to the last check`)
})

describe('pnpm: an app without @l10n-sync/core in its package.json (issue 23 §4)', () => {
  it('l10n init names the missing core in a pnpm install command', async () => {
    const init = await pnpm(['exec', 'l10n', 'init', '--yes', '--endpoint', 'emulator', '--targets', 'ja'])
    expect(init.code, `${init.stdout}\n${init.stderr}`).toBe(0)
    expect(init.stderr).toContain('Install what the setup uses: pnpm add -D @l10n-sync/core')
  })

  it('a .mjs config with code that imports @l10n-sync/core still loads, and sync --wait writes the translations', async () => {
    rmSync(join(app, 'l10n.config.ts'))
    writeFileSync(
      join(app, 'l10n.config.mjs'),
      `import { defineConfig } from '@l10n-sync/core'
const targets = ['ja', 'fr'].filter((l) => l !== 'fr')
export default defineConfig({ source: 'en', targets, gengo: { endpoint: 'emulator', acceptReviewable: true } })
`,
    )
    const sync = await pnpm(['exec', 'l10n', 'sync', '--wait', '120', '--poll', '0.5'])
    expect(sync.code, `${sync.stdout}\n${sync.stderr}`).toBe(0)
    expect(JSON.parse(readFileSync(join(app, 'locales/ja/common.json'), 'utf8')).welcome).toBe('[ja] Wélcómé, {{name}}!')
  })

  it('with core added as init says, the l10n.config.ts init writes type-checks', async () => {
    rmSync(join(app, 'l10n.config.mjs'))
    await runOk('pnpm', ['add', '-D', tarballs.core, 'typescript@~5.9.3'], app, env())
    const init = await pnpm(['exec', 'l10n', 'init', '--yes', '--endpoint', 'emulator', '--targets', 'ja'])
    expect(init.code, init.stderr).toBe(0)
    expect(init.stderr).not.toContain('Install what the setup uses')
    const compilerOptions = { noEmit: true, strict: true, skipLibCheck: true, module: 'nodenext', target: 'es2022', types: [] }
    writeFileSync(join(app, 'tsconfig.json'), JSON.stringify({ compilerOptions, files: ['l10n.config.ts'] }))
    const tsc = await pnpm(['exec', 'tsc', '-p', 'tsconfig.json'])
    expect(tsc.code, `${tsc.stdout}\n${tsc.stderr}`).toBe(0)
  })
})
