import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { l10n } from '@l10n-sync/vite'
import { build } from 'vite'
import { afterEach, describe, expect, it } from 'vitest'
import { runL10nInProcess } from './utils/cli.ts'
import { run } from './utils/pack.ts'

// `l10n types` (issue 23 §6): i18next's CustomTypeOptions from the source files, then the real tsc over an app that uses
// i18next's own `t`: the right keys, plurals, nested keys and variables pass; a misspelt key, a missing `{ name }` and
// an unknown namespace key fail, each on its line.

const TMP = fileURLToPath(new URL('./.tmp/', import.meta.url))
const TSC = fileURLToPath(new URL('../node_modules/typescript/bin/tsc', import.meta.url))

const cleanups: (() => unknown)[] = []
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c()
})

/** An app inside the workspace (test/.tmp), so `import i18next from 'i18next'` resolves test/node_modules/i18next. */
function app(files: Record<string, unknown>): string {
  const dir = join(TMP, `types-${process.pid}-${Math.random().toString(36).slice(2, 8)}`)
  for (const [file, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, file)), { recursive: true })
    writeFileSync(join(dir, file), typeof content === 'string' ? content : `${JSON.stringify(content, null, 2)}\n`)
  }
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }))
  return dir
}

const GOOD = `import i18next from 'i18next'
export const lines = [
  i18next.t('welcome', { name: 'Ada' }),
  i18next.t('items', { count: 2 }),
  i18next.t('menu.settings'),
  i18next.t('cart:checkout'),
  i18next.t('checkout', { ns: 'cart' }),
]
`

// Each line below line 1 is one mistake tsc must name.
const BAD = `import i18next from 'i18next'
export const a = i18next.t('welcom', { name: 'Ada' })
export const b = i18next.t('welcome')
export const c = i18next.t('cart:checkot')
export const d = i18next.t('menu.setings')
`

describe('l10n types, then tsc (issue 23 §6)', () => {
  it('writes CustomTypeOptions under src/; tsc accepts the right keys and rejects a misspelt key or a missing { name }', async () => {
    const dir = app({
      'l10n.config.mjs': "export default { source: 'en', targets: ['ja'], gengo: { endpoint: 'emulator' } }\n",
      'locales/en/common.json': {
        welcome: 'Welcome, {{name}}!',
        items_one: '{{count}} item',
        items_other: '{{count}} items',
        menu: { settings: 'Settings' },
      },
      'locales/en/cart.json': { checkout: 'Check out' },
      'tsconfig.json': {
        compilerOptions: {
          strict: true,
          noEmit: true,
          module: 'esnext',
          moduleResolution: 'bundler',
          target: 'es2022',
          skipLibCheck: true,
        },
        include: ['src'],
      },
      'src/good.ts': GOOD,
      'src/bad.ts': BAD,
    })
    const types = await runL10nInProcess(['types'], { cwd: dir })
    expect(types.code, types.stderr).toBe(0)
    expect(types.stdout).toMatch(/^wrote src\/l10n-sync\.i18next\.d\.ts$/m)
    const dts = readFileSync(join(dir, 'src/l10n-sync.i18next.d.ts'), 'utf8')
    expect(dts).toContain('defaultNS: "common"')
    expect(dts).toContain('strictInterpolationChecks: true')

    const tsc = await run(process.execPath, [TSC, '-p', 'tsconfig.json', '--pretty', 'false'], dir)
    const errors = tsc.stdout.split('\n').filter((l) => /error TS/.test(l))
    expect(tsc.code, tsc.stdout).toBe(2)
    expect(
      errors.filter((l) => l.startsWith('src/good.ts')),
      tsc.stdout,
    ).toEqual([])
    const badLines = new Set(errors.map((l) => /^src\/bad\.ts\((\d+),/.exec(l)?.[1]))
    expect([...badLines].sort(), tsc.stdout).toEqual(['2', '3', '4', '5'])

    // Without the declaration, the same app type-checks: it is what catches the mistakes.
    rmSync(join(dir, 'src/l10n-sync.i18next.d.ts'))
    const loose = await run(process.execPath, [TSC, '-p', 'tsconfig.json', '--pretty', 'false'], dir)
    expect(loose.code, loose.stdout).toBe(0)
  }, 120_000)

  it('--check: 0 when current, 1 when missing or out of date (writing nothing); --out and no src/', async () => {
    const dir = app({
      'l10n.config.mjs': "export default { source: 'en', targets: ['ja'], gengo: { endpoint: 'emulator' } }\n",
      'locales/en/common.json': { hello: 'Hello' },
    })
    const check = (args: string[] = []) => runL10nInProcess(['types', '--check', ...args], { cwd: dir })
    const missing = await check()
    expect(missing.code).toBe(1)
    expect(missing.stderr).toMatch(/l10n-sync\.i18next\.d\.ts is missing with the en locale files: run `l10n types`/)
    expect(existsSync(join(dir, 'l10n-sync.i18next.d.ts'))).toBe(false)
    expect((await runL10nInProcess(['types'], { cwd: dir })).code).toBe(0)
    expect((await check()).code).toBe(0)
    writeFileSync(join(dir, 'locales/en/common.json'), JSON.stringify({ hello: 'Hello', bye: 'Bye' }))
    const stale = await check()
    expect(stale.code).toBe(1)
    expect(stale.stderr).toMatch(/is out of date/)
    expect(readFileSync(join(dir, 'l10n-sync.i18next.d.ts'), 'utf8')).not.toContain('bye')
    expect((await runL10nInProcess(['types', '--out', 'types/i18n.d.ts'], { cwd: dir })).code).toBe(0)
    expect(readFileSync(join(dir, 'types/i18n.d.ts'), 'utf8')).toContain('"bye": "Bye"')
    expect((await check(['--out', 'types/i18n.d.ts'])).code).toBe(0)
  })

  it('the Vite plugin keeps a declaration that `l10n types` wrote current; a project without one gets none', async () => {
    const files = {
      'l10n.config.mjs': "export default { source: 'en', targets: ['ja'], gengo: { endpoint: 'emulator' } }\n",
      'locales/en/common.json': { hello: 'Hello' },
      'index.html': '<script type="module" src="/src/main.js"></script>\n',
      'src/main.js': "import resources from 'virtual:l10n-sync/resources'\nconsole.log(resources)\n",
    }
    const viteBuild = (root: string) => build({ root, configFile: false, plugins: [l10n({ sync: false })], logLevel: 'silent' })
    const dir = app(files)
    expect((await runL10nInProcess(['types'], { cwd: dir })).code).toBe(0)
    writeFileSync(join(dir, 'locales/en/common.json'), JSON.stringify({ hello: 'Hello', added: 'Added {{thing}}' }))
    await viteBuild(dir)
    expect(readFileSync(join(dir, 'src/l10n-sync.i18next.d.ts'), 'utf8')).toContain('"added": "Added {{thing}}"')
    expect((await runL10nInProcess(['types', '--check'], { cwd: dir })).code).toBe(0)
    const none = app(files)
    await viteBuild(none)
    expect(existsSync(join(none, 'src/l10n-sync.i18next.d.ts'))).toBe(false)
  }, 60_000)
})
