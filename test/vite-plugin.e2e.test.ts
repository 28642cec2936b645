import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { l10n } from '@l10n-sync/vite'
import { build, createLogger, type Logger } from 'vite'
import { afterEach, describe, expect, it } from 'vitest'
import { copyPlayground } from './utils/playground.ts'
import { createProject, type TestProject } from './utils/project.ts'

const cleanups: (() => unknown)[] = []
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c()
})

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
    await build({ root: p.dir, configFile: false, plugins: [l10n()], customLogger: capturingLogger().logger, logLevel: 'silent' })
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
    await build({ root: p.dir, configFile: false, plugins: [l10n()], customLogger: logger, logLevel: 'info' })
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
    await build({ root: p.dir, configFile: false, plugins: [l10n()], customLogger: logger, logLevel: 'info' })
    expect(warnings.join('\n')).toMatch(/over gengo\.maxCredits \(0\)/)
    const { logger: l2, infos } = capturingLogger()
    await build({
      root: p.dir,
      configFile: false,
      plugins: [l10n({ config: { gengo: { maxCredits: 5 } } })],
      customLogger: l2,
      logLevel: 'info',
    })
    expect(infos.join('\n')).toMatch(/synced: ordered 2 job\(s\)/)
  })
})
