import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildAndPack, PACKAGES, run, runOk, userEnv } from './utils/pack.ts'
import { tempDir } from './utils/tmp.ts'

// The packed packages in a Yarn 4 Plug'n'Play project (issue 23 §3): no node_modules, node:fs patched by `.pnp.cjs`,
// whose FileHandle.sync() is "not implemented". Yarn comes from the npm registry (@yarnpkg/cli-dist, pinned), and
// installs i18next from it too; the @l10n-sync packages are the tarballs, pinned through `resolutions`.

const YARN = '@yarnpkg/cli-dist@4.18.1'
const MINUTES = 60_000

let tmp: { dir: string; cleanup: () => void }
let app: string
let yarnJs: string
const started = Date.now()

const env = () =>
  userEnv({
    YARN_ENABLE_TELEMETRY: '0',
    YARN_ENABLE_GLOBAL_CACHE: '0',
    YARN_ENABLE_PROGRESS_BARS: '0',
    YARN_ENABLE_IMMUTABLE_INSTALLS: 'false',
  })
const yarn = (args: string[]) => run(process.execPath, [yarnJs, ...args], app, env())

beforeAll(async () => {
  tmp = tempDir('l10n-pnp-')
  const packs = join(tmp.dir, 'packs')
  mkdirSync(packs)
  const tarballs = await buildAndPack(packs)
  await runOk('npm', ['pack', '--prefer-offline', YARN, '--pack-destination', tmp.dir], tmp.dir)
  const yarnTgz = readdirSync(tmp.dir).find((f) => f.startsWith('yarnpkg-cli-dist-')) as string
  await runOk('tar', ['-xzf', yarnTgz], tmp.dir)
  yarnJs = join(tmp.dir, 'package/bin/yarn.js')
  app = join(tmp.dir, 'app')
  mkdirSync(app)
  const file = (p: (typeof PACKAGES)[number]) => `file:${tarballs[p]}`
  const resolutions = Object.fromEntries(PACKAGES.map((p) => [`@l10n-sync/${p}`, file(p)]))
  // What the README's install line gives: i18next, and core, cli, the plugin and the emulator as devDependencies.
  const devDependencies = {
    '@l10n-sync/core': file('core'),
    '@l10n-sync/cli': file('cli'),
    '@l10n-sync/vite': file('vite'),
    '@l10n-sync/gengo-emulator': file('gengo-emulator'),
    vite: '^8.3.4',
  }
  writeFileSync(
    join(app, 'package.json'),
    `${JSON.stringify({ name: 'app', private: true, type: 'module', dependencies: { i18next: '~26.7.2' }, devDependencies, resolutions }, null, 2)}\n`,
  )
  writeFileSync(join(app, '.yarnrc.yml'), 'nodeLinker: pnp\nnpmRegistryServer: "https://registry.npmjs.org"\n')
  writeFileSync(join(app, 'yarn.lock'), '')
  const install = await yarn(['install'])
  if (install.code !== 0) throw new Error(`yarn install failed\n${install.stdout}\n${install.stderr}`)
}, 10 * MINUTES)

afterAll(() => {
  tmp?.cleanup()
  console.info(`yarn-pnp.e2e: ${((Date.now() - started) / 1000).toFixed(1)} s from build to the last check`)
})

describe('Yarn 4 Plug’n’Play: the packed packages (issue 23 §3)', () => {
  it('is a PnP install: .pnp.cjs, no node_modules', () => {
    expect(readdirSync(app)).toEqual(expect.arrayContaining(['.pnp.cjs']))
    expect(readdirSync(app)).not.toContain('node_modules')
  })

  it('yarn l10n init --yes, then sync --wait writes the translations through PnP’s fs; status --check passes; a second sync orders nothing', async () => {
    const init = await yarn(['l10n', 'init', '--yes', '--endpoint', 'emulator', '--targets', 'ja'])
    expect(init.code, `${init.stdout}\n${init.stderr}`).toBe(0)
    const sync = await yarn(['l10n', 'sync', '--wait', '120', '--poll', '0.5'])
    expect(sync.code, `${sync.stdout}\n${sync.stderr}`).toBe(0)
    expect(sync.stdout).toMatch(/ordered 2 job\(s\)/)
    expect(JSON.parse(readFileSync(join(app, 'locales/ja/common.json'), 'utf8')).welcome).toBe('[ja] Wélcómé, {{name}}!')
    expect(JSON.parse(readFileSync(join(app, 'l10n.lock.json'), 'utf8'))).toBeTypeOf('object')
    const check = await yarn(['l10n', 'status', '--check'])
    expect(check.code, `${check.stdout}\n${check.stderr}`).toBe(0)
    const again = await yarn(['l10n', 'sync', '--json'])
    expect(again.code, again.stderr).toBe(0)
    expect(JSON.parse(again.stdout)).toMatchObject({ complete: true, requests: 0 })
  })

  it('yarn vite build: the plugin syncs (nothing new) and bundles the translations through the virtual module', async () => {
    mkdirSync(join(app, 'src'), { recursive: true })
    writeFileSync(join(app, 'index.html'), '<script type="module" src="/src/main.js"></script>\n')
    writeFileSync(
      join(app, 'src/main.js'),
      `import i18next from 'i18next'
import resources, { defaultNS, namespaces, source } from 'virtual:l10n-sync/resources'
await i18next.init({ lng: 'ja', fallbackLng: source, resources, ns: namespaces, defaultNS })
document.body.textContent = i18next.t('welcome', { name: 'Ada' })
`,
    )
    writeFileSync(join(app, 'vite.config.mjs'), "import l10n from '@l10n-sync/vite'\nexport default { plugins: [l10n()] }\n")
    const build = await yarn(['vite', 'build'])
    expect(build.code, `${build.stdout}\n${build.stderr}`).toBe(0)
    expect(build.stdout).toMatch(/\[l10n\] synced: up to date/)
    const assets = join(app, 'dist/assets')
    const js = readdirSync(assets)
      .filter((f) => f.endsWith('.js'))
      .map((f) => readFileSync(join(assets, f), 'utf8'))
      .join('\n')
    expect(js).toContain('[ja] Wélcómé, {{name}}!')
  })
})
