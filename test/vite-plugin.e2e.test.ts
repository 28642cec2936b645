import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { l10n } from '@l10n-sync/vite'
import { build, createLogger, type Logger } from 'vite'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { outsideCi, setEnv } from './utils/env.ts'
import { copyPlayground } from './utils/playground.ts'
import { createProject, type TestProject } from './utils/project.ts'

const cleanups: (() => unknown)[] = []
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c()
})
// Whether a build orders depends on the CI it runs in (ordering.ts): these tests run as on a developer's machine.
beforeEach(outsideCi)

function capturingLogger(): { logger: Logger; warnings: string[]; infos: string[] } {
  const warnings: string[] = []
  const infos: string[] = []
  const logger = createLogger('info', { allowClearScreen: false })
  logger.warn = (msg) => void warnings.push(msg)
  logger.info = (msg) => void infos.push(msg)
  return { logger, warnings, infos }
}

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const f = join(dir, name)
    return statSync(f).isDirectory() ? files(f) : [f]
  })
}

/** A build expected to fail: its error. */
function failingBuild(root: string, plugin: ReturnType<typeof l10n>): Promise<Error | undefined> {
  return build({ root, configFile: false, plugins: [plugin], customLogger: capturingLogger().logger, logLevel: 'silent' }).then(
    () => undefined,
    (e: Error) => e,
  )
}

/** Every JavaScript file the build wrote, as one text. */
function bundleText(dir: string): string {
  return files(join(dir, 'dist'))
    .filter((f) => f.endsWith('.js'))
    .map((f) => readFileSync(f, 'utf8'))
    .join('\n')
}

/** A minimal app that imports the virtual module. */
async function app(config: Record<string, unknown>, emulator = {}): Promise<TestProject> {
  const p = await createProject({ 'locales/en/common.json': { hello: 'Hello {{name}}', bye: 'Goodbye' } }, config, emulator)
  cleanups.push(p.cleanup)
  p.write('index.html', '<!doctype html><div id="app"></div><script type="module" src="/main.js"></script>')
  p.write(
    'main.js',
    "import resources from 'virtual:l10n-sync/resources'\ndocument.getElementById('app').textContent = JSON.stringify(resources)\n",
  )
  return p
}

describe('vite build with l10n()', () => {
  it('syncs at buildStart and bundles what is available; the private key reaches no output file', async () => {
    const secret = 'build-secret-PRIVATE-key-5e1'
    const { dir, cleanup } = copyPlayground((s) =>
      s.replace("speed: 'fast'", "speed: 'instant'").replace("targets: ['ja', 'ru', 'ar', 'fr', 'de', 'zh-Hans']", "targets: ['ja']"),
    )
    cleanups.push(cleanup)
    const before = { pub: process.env.GENGO_PUBLIC_KEY, priv: process.env.GENGO_PRIVATE_KEY }
    process.env.GENGO_PUBLIC_KEY = 'build-public'
    process.env.GENGO_PRIVATE_KEY = secret
    cleanups.push(() => {
      // Assigning undefined would store the string "undefined", a key that a later plugin would send.
      for (const [name, value] of [
        ['GENGO_PUBLIC_KEY', before.pub],
        ['GENGO_PRIVATE_KEY', before.priv],
      ] as const) {
        if (value === undefined) delete process.env[name]
        else process.env[name] = value
      }
    })
    const { logger, warnings, infos } = capturingLogger()
    // First build: orders everything, bundles what exists (nothing yet), says so.
    await build({ root: dir, configFile: false, plugins: [l10n()], customLogger: logger, logLevel: 'info' })
    expect(infos.join('\n')).toMatch(/\[l10n\] synced: ordered 94 job\(s\) for [0-9.]+ USD · 95 key\(s\) pending/)
    expect(warnings.join('\n')).toMatch(/95 key\(s\) not translated yet \(ja: 95\); the bundle falls back to en for them/)
    // Second build: the emulator finished; the bundle carries the translations.
    await build({ root: dir, configFile: false, plugins: [l10n()], customLogger: logger, logLevel: 'info' })
    const out = files(join(dir, 'dist'))
    const js = out
      .filter((f) => f.endsWith('.js'))
      .map((f) => readFileSync(f, 'utf8'))
      .join('\n')
    expect(js).toContain('[ja] Wélcómé báck, {{name}}!')
    for (const f of out) {
      const text = readFileSync(f, 'utf8')
      expect(text).not.toContain(secret)
      expect(text).not.toContain('build-public')
      expect(text).not.toMatch(/maxCredits|gengo-emulator|api_sig/)
    }
  })

  it('a no-op build skips the sync when nothing changed since the last complete one; an edit syncs again', async () => {
    const p = await app({ targets: ['ja'] })
    p.write('node_modules/.keep', '') // an app's node_modules: core keeps its cache in node_modules/.cache
    const run = async () => {
      const { logger, infos } = capturingLogger()
      await build({ root: p.dir, configFile: false, plugins: [l10n({ strict: true })], customLogger: logger, logLevel: 'info' })
      return infos.join('\n')
    }
    await build({
      root: p.dir,
      configFile: false,
      plugins: [l10n({ order: 'always' })],
      customLogger: capturingLogger().logger,
      logLevel: 'silent',
    })
    expect(await run()).toMatch(/synced: /) // fetches what the first build ordered: complete, so the stamp is written
    const requests = (await p.ledger()).requests
    expect(await run()).toMatch(/synced: up to date/)
    expect((await p.ledger()).requests).toBe(requests)
    expect(readdirSync(join(p.dir, 'node_modules/.cache/l10n-sync'))).toHaveLength(1)
    expect(bundleText(p.dir)).toContain('[ja]')
    p.write('locales/en/common.json', { hello: 'Hello {{name}}', bye: 'Goodbye', later: 'See you later' })
    await failingBuild(p.dir, l10n({ strict: true })) // the new key is ordered, not yet fetched
    expect((await p.ledger()).by_route['POST translate/jobs']).toBe(2)
  })

  it('strict: fails with a clear list while anything is not translated', async () => {
    const p = await app({ targets: ['ja'] }, { speed: 'realistic' })
    const error = await failingBuild(p.dir, l10n({ strict: true }))
    expect(String(error?.message)).toMatch(/strict: 2 key\(s\) are not translated yet \(ja: 2\)/)
    expect(String(error?.message)).toMatch(/ja\s+common:hello \(pending\)/)
  })

  it('strict names the first 30 keys and counts the rest, pointing at `l10n status --json` for every one', async () => {
    const p = await app({ targets: ['ja'] }, { speed: 'realistic' })
    p.write(
      'locales/en/common.json',
      Object.fromEntries(Array.from({ length: 35 }, (_, i) => [`k${String(i).padStart(2, '0')}`, `Key ${i}`])),
    )
    const message = String((await failingBuild(p.dir, l10n({ strict: true })))?.message)
    expect(message).toMatch(/strict: 35 key\(s\) are not translated yet \(ja: 35\)/)
    expect(message.match(/^\s+ja\s+common:k\d\d \(pending\)$/gm)).toHaveLength(30)
    expect(message).toMatch(/… and 5 more \(`l10n status --json` lists every key\)/)
  })

  it('with Gengo unreachable: warns and builds from the files on disk; strict fails', async () => {
    const p = await app({ targets: ['ja'] })
    p.write('locales/ja/common.json', { hello: 'こんにちは {{name}}', bye: 'さようなら' })
    p.write(
      'l10n.config.mjs',
      "export default { source: 'en', targets: ['ja'], gengo: { endpoint: 'http://127.0.0.1:9/v2/', retries: 1 } }\n",
    )
    p.write('locales/en/common.json', { hello: 'Hello {{name}}', bye: 'Goodbye', extra: 'New string' })
    const { logger, warnings } = capturingLogger()
    await build({ root: p.dir, configFile: false, plugins: [l10n({ order: 'always' })], customLogger: logger, logLevel: 'info' })
    expect(warnings.join('\n')).toMatch(/Could not reach Gengo .*\nBuilding from the translations on disk\./)
    const js = bundleText(p.dir)
    expect(js).toContain('さようなら')
    const error = await failingBuild(p.dir, l10n({ strict: true }))
    expect(String(error?.message)).toMatch(/Could not reach Gengo[\s\S]*strict: the build needs every translation/)
  })

  it('a plugin with no config gives a clear error', async () => {
    const p = await app({})
    p.remove('l10n.config.mjs')
    const error = await build({ root: p.dir, configFile: false, plugins: [l10n()], logLevel: 'silent' }).catch((e) => e)
    expect(String(error?.message)).toMatch(
      /No l10n\.config\.ts .* found in .* Or pass the options inline: l10n\(\{ config: \{ source: 'en', targets: \['ja'\] \} \}\)/,
    )
    const bad = await build({
      root: p.dir,
      configFile: false,
      plugins: [l10n({ configFile: false, config: { source: 'en' } as never })],
      logLevel: 'silent',
    }).catch((e) => e)
    expect(String(bad?.message)).toMatch(/Invalid option `targets`/)
    expect(() => l10n({ pollInterval: 5 })).toThrow(/Invalid l10n\(\) option `pollInterval`: 5/)
  })

  it('inline options override the file', async () => {
    const p = await app({ targets: ['ja'] })
    writeFileSync(join(p.dir, 'l10n.config.mjs'), p.read('l10n.config.mjs').replace('"maxCredits": 100', '"maxCredits": 0'))
    const { logger, warnings } = capturingLogger()
    await build({ root: p.dir, configFile: false, plugins: [l10n({ order: 'always' })], customLogger: logger, logLevel: 'info' })
    expect(warnings.join('\n')).toMatch(/over gengo\.maxCredits \(0\)/)
    const { logger: l2, infos } = capturingLogger()
    await build({
      root: p.dir,
      configFile: false,
      plugins: [l10n({ order: 'always', config: { gengo: { maxCredits: 5 } } })],
      customLogger: l2,
      logLevel: 'info',
    })
    expect(infos.join('\n')).toMatch(/synced: ordered 2 job\(s\)/)
  })

  it('against a URL endpoint a build orders only when strict or in CI on the default branch; otherwise it warns and bundles the files on disk', async () => {
    const p = await app({ targets: ['ja'] })
    p.write('locales/ja/common.json', { hello: 'こんにちは {{name}}' })
    const posts = async () => (await p.ledger()).by_route['POST translate/jobs'] ?? 0
    const { logger, warnings } = capturingLogger()
    await build({ root: p.dir, configFile: false, plugins: [l10n()], customLogger: logger, logLevel: 'info' })
    expect(warnings.join('\n')).toMatch(
      /not ordering: a build that is neither strict nor a CI build of the default branch \(not in CI\); order: 'always' or L10N_ORDER=1 orders it \(1 key\(s\) left unordered\)/,
    )
    expect(warnings.join('\n')).toMatch(/1 key\(s\) not translated yet \(ja: 1\); the bundle falls back to en/)
    expect(bundleText(p.dir)).toContain('こんにちは')
    expect(await posts()).toBe(0)
    // A preview: GitHub Actions on a feature branch, and a pull request of main.
    const event = join(p.dir, 'event.json')
    writeFileSync(event, JSON.stringify({ repository: { default_branch: 'main' } }))
    const github = { GITHUB_ACTIONS: 'true', CI: 'true', GITHUB_EVENT_PATH: event, GITHUB_REF_TYPE: 'branch' }
    cleanups.push(setEnv({ ...github, GITHUB_EVENT_NAME: 'push', GITHUB_REF_NAME: 'feature/greeting' }))
    await build({ root: p.dir, configFile: false, plugins: [l10n()], customLogger: capturingLogger().logger, logLevel: 'info' })
    cleanups.push(setEnv({ GITHUB_EVENT_NAME: 'pull_request', GITHUB_REF_NAME: 'main' }))
    await build({ root: p.dir, configFile: false, plugins: [l10n()], customLogger: capturingLogger().logger, logLevel: 'info' })
    expect(await posts()).toBe(0)
    // The push to the default branch orders.
    cleanups.push(setEnv({ GITHUB_EVENT_NAME: 'push', GITHUB_REF_NAME: 'main' }))
    const { logger: l2, infos } = capturingLogger()
    await build({ root: p.dir, configFile: false, plugins: [l10n()], customLogger: l2, logLevel: 'info' })
    expect(infos.join('\n')).toMatch(/synced: ordered 1 job\(s\)/)
    expect(await posts()).toBe(1)
    // A strict (release) build orders, CI or not; L10N_ORDER=0 stops even that.
    cleanups.push(outsideCi())
    p.write('locales/en/common.json', { hello: 'Hello {{name}}', bye: 'Goodbye', later: 'See you later' })
    cleanups.push(setEnv({ L10N_ORDER: '0' }))
    await failingBuild(p.dir, l10n({ strict: true }))
    expect(await posts()).toBe(1)
    cleanups.push(setEnv({ L10N_ORDER: undefined }))
    expect(String((await failingBuild(p.dir, l10n({ strict: true })))?.message)).toMatch(/strict: 1 key\(s\) are not translated yet/)
    expect(await posts()).toBe(2)
  })

  it('a build without Gengo keys warns and builds from the files on disk; strict fails, naming the keys', async () => {
    const p = await app({ targets: ['ja'] })
    p.write('locales/ja/common.json', { hello: 'こんにちは {{name}}' })
    p.remove('.env')
    cleanups.push(setEnv({ GENGO_PUBLIC_KEY: undefined, GENGO_PRIVATE_KEY: undefined }))
    for (const order of ['auto', 'always'] as const) {
      const { logger, warnings } = capturingLogger()
      await build({ root: p.dir, configFile: false, plugins: [l10n({ order })], customLogger: logger, logLevel: 'info' })
      expect(warnings.join('\n')).toMatch(
        /Gengo keys are missing: GENGO_PUBLIC_KEY and GENGO_PRIVATE_KEY\.[^\n]*\nNo Gengo keys: building from the files on disk\./,
      )
      expect(bundleText(p.dir)).toContain('こんにちは')
    }
    const error = await failingBuild(p.dir, l10n({ strict: true }))
    expect(String(error?.message)).toMatch(/Gengo keys are missing[\s\S]*strict: the build needs every translation, and the sync failed/)
    expect((await p.ledger()).requests).toBe(0)
  })
})
