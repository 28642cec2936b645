import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { l10n } from '@l10n-sync/vite'
import { build, createLogger, createServer, type Logger } from 'vite'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { outsideCi } from './utils/env.ts'
import { createProject, type TestProject } from './utils/project.ts'

// The escape hatch: `l10n({ sync: false })` or `L10N_SYNC=0` builds from the locale files on disk,
// with the virtual module still resolving and no request to Gengo (the emulator's ledger counts them).

const cleanups: (() => unknown)[] = []
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c()
})
beforeEach(outsideCi) // what a build orders depends on the CI it runs in (ordering.ts)

function capturingLogger(): { logger: Logger; warnings: string[]; infos: string[] } {
  const warnings: string[] = []
  const infos: string[] = []
  const logger = createLogger('info', { allowClearScreen: false })
  logger.warn = (msg) => void warnings.push(msg)
  logger.info = (msg) => void infos.push(msg)
  return { logger, warnings, infos }
}

function bundleText(dir: string): string {
  const walk = (d: string): string[] =>
    readdirSync(d).flatMap((name) => (statSync(join(d, name)).isDirectory() ? walk(join(d, name)) : [join(d, name)]))
  return walk(join(dir, 'dist'))
    .filter((f) => f.endsWith('.js'))
    .map((f) => readFileSync(f, 'utf8'))
    .join('\n')
}

/** An app whose Japanese file on disk lacks one key that English has. */
async function app(): Promise<TestProject> {
  const p = await createProject(
    { 'locales/en/common.json': { hello: 'Hello {{name}}', bye: 'Goodbye', extra: 'A new string' } },
    { targets: ['ja'] },
  )
  cleanups.push(p.cleanup)
  p.write('locales/ja/common.json', { hello: 'こんにちは {{name}}', bye: 'さようなら' })
  p.write('index.html', '<!doctype html><div id="app"></div><script type="module" src="/main.js"></script>')
  p.write(
    'main.js',
    "import resources, { source } from 'virtual:l10n-sync/resources'\ndocument.getElementById('app').textContent = source + JSON.stringify(resources)\n",
  )
  return p
}

function setEnv(name: string, value: string | undefined): void {
  const before = process.env[name]
  if (value === undefined) delete process.env[name]
  else process.env[name] = value
  cleanups.push(() => {
    if (before === undefined) delete process.env[name]
    else process.env[name] = before
  })
}

describe('building without syncing', () => {
  it('sync: false bundles the files on disk and sends Gengo nothing', async () => {
    const p = await app()
    const { logger, infos, warnings } = capturingLogger()
    await build({ root: p.dir, configFile: false, plugins: [l10n({ sync: false })], customLogger: logger, logLevel: 'info' })
    expect(infos.join('\n')).toMatch(/sync is off .*building from the locale files on disk, without contacting Gengo/)
    expect(warnings.join('\n')).toMatch(/1 key\(s\) not translated yet \(ja: 1\); the bundle falls back to en/)
    const js = bundleText(p.dir)
    expect(js).toContain('さようなら')
    expect(js).toContain('A new string')
    const ledger = await p.ledger()
    expect(ledger.requests).toBe(0)
    expect(ledger.jobs_created).toBe(0)
    expect(p.exists('l10n.lock.json')).toBe(false)
  })

  it('strict still checks the files on disk when sync is off, and still sends nothing', async () => {
    const p = await app()
    const error = await build({ root: p.dir, configFile: false, plugins: [l10n({ sync: false, strict: true })], logLevel: 'silent' }).then(
      () => undefined,
      (e: Error) => e,
    )
    expect(String(error?.message)).toMatch(/strict: 1 key\(s\) are not translated yet \(ja: 1\):\n\s+ja\s+common:extra \(missing\)/)
    expect((await p.ledger()).requests).toBe(0)
  })

  it('L10N_SYNC=0 turns syncing off for a plugin configured to sync (a hotfix build while Gengo is down)', async () => {
    const p = await app()
    setEnv('L10N_SYNC', '0')
    const { logger, infos } = capturingLogger()
    await build({ root: p.dir, configFile: false, plugins: [l10n()], customLogger: logger, logLevel: 'info' })
    expect(infos.join('\n')).toMatch(/sync is off/)
    expect(bundleText(p.dir)).toContain('こんにちは')
    expect((await p.ledger()).requests).toBe(0)
    // And the same build syncs once the variable is gone.
    setEnv('L10N_SYNC', undefined)
    await build({
      root: p.dir,
      configFile: false,
      plugins: [l10n({ order: 'always' })],
      customLogger: capturingLogger().logger,
      logLevel: 'info',
    })
    expect((await p.ledger()).jobs_created).toBe(1)
  })

  it('vite dev with sync: false serves the virtual module from the files on disk and sends nothing', async () => {
    const p = await app()
    const { logger, infos } = capturingLogger()
    const server = await createServer({
      root: p.dir,
      configFile: false,
      plugins: [l10n({ sync: false })],
      customLogger: logger,
      server: { port: 0 },
    })
    cleanups.push(() => server.close())
    await server.listen()
    const mod = await server.transformRequest('virtual:l10n-sync/resources')
    expect(mod?.code).toContain('さようなら')
    expect(infos.join('\n')).toMatch(/sync is off .*serving the locale files on disk/)
    expect((await p.ledger()).requests).toBe(0)
  })

  it('a value of L10N_SYNC that means nothing is an error that names it', async () => {
    setEnv('L10N_SYNC', 'later')
    expect(() => l10n()).toThrow(/\[l10n\] Invalid environment variable L10N_SYNC="later"\. Use 0 \(build from the files on disk\) or 1\./)
  })
})
