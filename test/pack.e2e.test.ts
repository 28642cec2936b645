import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { hasChromium, launchChromium } from './utils/browser.ts'
import { buildAndPack, PACKAGES, ROOT, run, runOk, userEnv } from './utils/pack.ts'
import { freePort, start } from './utils/playground.ts'
import { tempDir } from './utils/tmp.ts'

// The published packages as a team gets them: built, `pnpm pack`ed, npm-installed into a fresh
// `npm create vite` vanilla-ts app in a temp dir outside the workspace, and used as the README says.
// Needs the npm registry (or npm's cache) for create-vite, vite, typescript and i18next.

const CREATE_VITE = 'vite@9.3.0' // npm create vite@9.3.0: create-vite 9.3.0
const SECRET = 'pack-e2e-PRIVATE-key-90c1'
const MINUTES = 60_000

let tmp: { dir: string; cleanup: () => void }
let tarballs: Awaited<ReturnType<typeof buildAndPack>>
let app: string
let browser: Browser | undefined
const started = Date.now()

const env = (extra: Record<string, string | undefined> = {}) =>
  userEnv({ GENGO_PUBLIC_KEY: 'pack-e2e-public', GENGO_PRIVATE_KEY: SECRET, ...extra })
const bin = (name: string) => join(app, 'node_modules', '.bin', name)
const l10n = (args: string[], cwd = app) => run(bin('l10n'), args, cwd, env())
const tarList = async (file: string) => (await runOk('tar', ['-tzf', file], ROOT)).stdout.trim().split('\n')
const tarRead = async (file: string, path: string) => (await runOk('tar', ['-xzOf', file, `package/${path}`], ROOT)).stdout

beforeAll(async () => {
  if (!hasChromium()) throw new Error('Chromium is missing at /usr/bin/chromium: run `apt-get install -y chromium` (.ci/run does).')
  tmp = tempDir('l10n-pack-')
  const packs = join(tmp.dir, 'packs')
  mkdirSync(packs)
  tarballs = await buildAndPack(packs)
  // A fresh app, as `npm create vite` makes it.
  await runOk('npm', ['create', CREATE_VITE, 'app', '--', '--template', 'vanilla-ts', '--no-interactive'], tmp.dir)
  app = join(tmp.dir, 'app')
  await runOk('npm', ['install', '--prefer-offline', 'i18next@~26.7.2'], app)
  await runOk('npm', ['install', '--prefer-offline', '-D', ...PACKAGES.map((p) => tarballs[p])], app)
  browser = await launchChromium()
}, 10 * MINUTES)

afterAll(async () => {
  await browser?.close()
  tmp?.cleanup()
  console.info(`pack.e2e: ${((Date.now() - started) / 1000).toFixed(1)} s from build to the last check`)
})

describe('the packed tarballs', () => {
  it('hold dist, README, LICENSE and a manifest with engines, exports and types that point at files in the tarball', async () => {
    const license = readFileSync(join(ROOT, 'LICENSE'), 'utf8')
    for (const name of PACKAGES) {
      const file = tarballs[name]
      const files = await tarList(file)
      expect(files, name).toEqual(
        expect.arrayContaining(['package/README.md', 'package/LICENSE', 'package/package.json', 'package/dist/index.mjs']),
      )
      expect(
        files.filter((f) => /^package\/(src|test)\//.test(f) || f.endsWith('.test.ts')),
        name,
      ).toEqual([])
      expect(await tarRead(file, 'LICENSE'), name).toBe(license)
      const text = await tarRead(file, 'package.json')
      const pkg = JSON.parse(text)
      expect(text, name).not.toMatch(/workspace:|\.\.\//)
      expect(pkg.engines, name).toEqual({ node: '>=20.19' })
      expect(pkg.license, name).toBe('MIT')
      expect(pkg.type, name).toBe('module')
      expect(pkg.types, name).toBe('./dist/index.d.mts')
      for (const [subpath, target] of Object.entries(pkg.exports as Record<string, string | Record<string, string>>)) {
        const targets = typeof target === 'string' ? [target] : Object.values(target)
        for (const t of targets) expect(files, `${name} exports ${subpath}`).toContain(`package/${t.replace(/^\.\//, '')}`)
        if (typeof target !== 'string') expect(Object.keys(target)[0], `${name} ${subpath}: types first`).toBe('types')
      }
      for (const target of Object.values((pkg.bin ?? {}) as Record<string, string>))
        expect(files).toContain(`package/${target.replace(/^\.\//, '')}`)
    }
    const cli = JSON.parse(await tarRead(tarballs.cli, 'package.json'))
    expect(cli.dependencies).not.toHaveProperty('@l10n-sync/gengo-emulator')
    expect(cli.peerDependencies).toEqual({ '@l10n-sync/gengo-emulator': '0.1.0' })
    expect(cli.peerDependenciesMeta).toEqual({ '@l10n-sync/gengo-emulator': { optional: true } })
  })

  it(
    'a CI install of the CLI alone leaves the emulator out, works without it, and says how to add it',
    async () => {
      const ci = join(tmp.dir, 'ci')
      mkdirSync(ci)
      writeFileSync(join(ci, 'package.json'), '{ "name": "ci", "private": true, "type": "module" }\n')
      await runOk('npm', ['install', '--prefer-offline', '-D', tarballs.cli, tarballs.core, tarballs.gengo], ci)
      expect(existsSync(join(ci, 'node_modules/@l10n-sync/cli'))).toBe(true)
      expect(existsSync(join(ci, 'node_modules/@l10n-sync/gengo-emulator'))).toBe(false)
      const emulator = await run(join(ci, 'node_modules/.bin/l10n'), ['emulator'], ci, env())
      expect(emulator.code).toBe(2)
      expect(emulator.stderr).toMatch(
        /`l10n emulator` needs @l10n-sync\/gengo-emulator, which is not installed\. Add it: npm i -D @l10n-sync\/gengo-emulator/,
      )
      const version = await run(join(ci, 'node_modules/.bin/l10n'), ['--version'], ci, env())
      expect(version.stdout).toMatch(/0\.1\.0/)
    },
    5 * MINUTES,
  )
})

describe('a fresh Vite vanilla-ts app with the tarballs installed by npm', () => {
  it('l10n init --yes sets up config, .gitignore, scripts, the plugin and the types', async () => {
    const r = await l10n(['init', '--targets', 'ja,fr', '--yes'])
    expect(r.code).toBe(0)
    expect(r.stdout).toMatch(/^\+\+\+ b\/vite\.config\.ts$/m)
    expect(readFileSync(join(app, '.gitignore'), 'utf8')).toMatch(/^\.l10n\/$/m)
    expect(JSON.parse(readFileSync(join(app, 'package.json'), 'utf8')).scripts).toMatchObject({ 'l10n:sync': 'l10n sync --wait' })
    expect(readFileSync(join(app, 'vite.config.ts'), 'utf8')).toMatch(/plugins: \[l10n\(\)\]/)
    expect(readFileSync(join(app, 'tsconfig.json'), 'utf8')).toMatch(/"types": \["vite\/client", "@l10n-sync\/vite\/virtual"\]/)
    // The config it wrote type-checks in the app, against the installed @l10n-sync/core (issue 23 §5).
    const compilerOptions = { noEmit: true, strict: true, skipLibCheck: true, module: 'nodenext', target: 'es2022', types: [] }
    writeFileSync(join(app, 'tsconfig.l10n.json'), JSON.stringify({ compilerOptions, files: ['l10n.config.ts'] }))
    const tsc = await run(bin('tsc'), ['-p', 'tsconfig.l10n.json'], app, env())
    expect(tsc.code, `${tsc.stdout}\n${tsc.stderr}`).toBe(0)
  })

  it('l10n sync --wait orders from the emulator and writes the translations; status --check passes', async () => {
    const r = await l10n(['sync', '--wait', '120', '--poll', '0.5'])
    expect(r.code, r.stderr).toBe(0)
    expect(r.stdout).toMatch(/ordered 6 job\(s\)/)
    expect(JSON.parse(readFileSync(join(app, 'locales/ja/common.json'), 'utf8')).welcome).toBe('[ja] Wélcómé, {{name}}!')
    expect((await l10n(['status', '--check'])).code).toBe(0)
  })

  it('the template’s own build, `tsc && vite build`, type-checks the virtual module and bundles the translations, no secret', async () => {
    writeFileSync(
      join(app, 'src/main.ts'),
      `import i18next from 'i18next'
import resources, { defaultNS, namespaces, source } from 'virtual:l10n-sync/resources'
import { acceptTranslations } from '@l10n-sync/vite/client'

const app = document.querySelector<HTMLDivElement>('#app')!
const render = () => {
  app.textContent = i18next.t('welcome', { name: 'Ada' })
}
await i18next.init({ lng: 'ja', fallbackLng: source, resources, ns: namespaces, defaultNS })
acceptTranslations(i18next, import.meta.hot, render)
render()
`,
    )
    const build = await run('npm', ['run', 'build'], app, env())
    expect(build.code, `${build.stdout}\n${build.stderr}`).toBe(0)
    expect(build.stdout).toMatch(/\[l10n\] synced: up to date/)
    const assets = join(app, 'dist/assets')
    const js = (await runOk('sh', ['-c', 'cat *.js'], assets)).stdout
    expect(js).toContain('[ja] Wélcómé, {{name}}!')
    expect(js).not.toContain(SECRET)
    expect(js).not.toMatch(/maxCredits|gengo-emulator|api_sig/)
  })

  it('vite dev serves the page translated in Chromium, and /__l10n-sync/status reports the sync', async () => {
    const port = await freePort()
    const dev = start(
      [join(app, 'node_modules/vite/bin/vite.js'), '--host', '127.0.0.1', '--port', String(port), '--strictPort'],
      app,
      env(),
    )
    try {
      await dev.waitFor(/Local:\s+http/, 60_000)
      const page = await (browser as Browser).newPage()
      await page.goto(`http://127.0.0.1:${port}/`)
      await expect.poll(() => page.textContent('#app'), { timeout: 30_000 }).toBe('[ja] Wélcómé, Ada!')
      await page.close()
      const status = async () => (await fetch(`http://127.0.0.1:${port}/__l10n-sync/status`)).json()
      await expect.poll(status, { timeout: 30_000 }).toMatchObject({ running: false, complete: true, pending: 0, error: null })
      expect((await status()).syncs).toBeGreaterThanOrEqual(1)
    } finally {
      await dev.stop()
    }
  })

  it('`l10n quote | head -1` and `l10n status | head -1` end cleanly', async () => {
    const en = join(app, 'locales/en/common.json')
    writeFileSync(en, `${JSON.stringify({ ...JSON.parse(readFileSync(en, 'utf8')), bye: 'Goodbye', later: 'See you later' }, null, 2)}\n`)
    for (const cmd of ['quote', 'status']) {
      const r = await run('bash', ['-c', `set -o pipefail; ./node_modules/.bin/l10n ${cmd} | head -1`], app, env())
      expect({ cmd, code: r.code }).toEqual({ cmd, code: 0 })
      expect(r.stdout.trim().split('\n')).toHaveLength(1)
      expect(r.stderr).not.toMatch(/EPIPE|Error|at .*:\d+:\d+/)
    }
  })
})
