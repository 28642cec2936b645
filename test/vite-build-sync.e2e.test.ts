import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { nodeFileSystem } from '@l10n-sync/core'
import { l10n } from '@l10n-sync/vite'
import { build, createLogger } from 'vite'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { outsideCi } from './utils/env.ts'
import { createProject, type TestProject } from './utils/project.ts'

// Issue 22, the cold `vite build`: the build's sync runs at buildStart, before the bundler loads the modules that
// bundle locale data; a made resources module is kept for the next build only once the bundler has its code; the
// backend's modules share one look at the namespaces. These are the guarantees the faster build must keep.

const cleanups: (() => unknown)[] = []
afterEach(async () => {
  vi.restoreAllMocks()
  for (const c of cleanups.splice(0).reverse()) await c()
})
beforeEach(outsideCi)

const quiet = () => {
  const logger = createLogger('silent')
  logger.warn = () => {}
  return logger
}

function files(dir: string): string[] {
  if (!existsSync(dir)) return []
  return readdirSync(dir).flatMap((name) => {
    const f = join(dir, name)
    return statSync(f).isDirectory() ? files(f) : [f]
  })
}

const bundleText = (dir: string) =>
  files(join(dir, 'dist'))
    .filter((f) => f.endsWith('.js'))
    .map((f) => readFileSync(f, 'utf8'))
    .join('\n')

/** The resources module kept in Vite's cache directory (`<root>/.vite` or `node_modules/.vite`), if any. */
const keptModules = (dir: string) =>
  [...files(join(dir, '.vite/l10n-sync')), ...files(join(dir, 'node_modules/.vite/l10n-sync'))].filter((f) => f.endsWith('.js'))

async function project(main: string): Promise<TestProject> {
  const p = await createProject(
    { 'locales/en/common.json': { hello: 'Hello {{name}}', bye: 'Goodbye' }, 'locales/en/cart.json': { pay: 'Pay now' } },
    { targets: ['ja'] },
  )
  cleanups.push(p.cleanup)
  p.write('index.html', '<!doctype html><script type="module" src="/main.js"></script>')
  p.write('main.js', main)
  return p
}

const RESOURCES_AND_BACKEND = `import resources from 'virtual:l10n-sync/resources'
import backend from 'virtual:l10n-sync/backend'
backend.read('ja', 'cart', (_e, data) => console.log(JSON.stringify(resources), JSON.stringify(data)))
`

const run = (p: TestProject, options: Parameters<typeof l10n>[0] = {}) =>
  build({ root: p.dir, configFile: false, plugins: [l10n(options)], customLogger: quiet(), logLevel: 'silent' })

describe('vite build: the sync and the bundle (issue 22)', () => {
  it("waits for its sync before the locale modules are made: what the sync fetched is in this build's bundle", async () => {
    const p = await project(RESOURCES_AND_BACKEND)
    await run(p, { order: 'always' }) // orders; the emulator finishes at once, the next sync fetches
    expect(p.exists('locales/ja/common.json')).toBe(false)
    expect(bundleText(p.dir)).not.toContain('[ja]')
    await run(p)
    // The sync wrote the translations during this build, and the resources module and ja's chunks hold them.
    expect(p.readJson('locales/ja/cart.json').pay).toMatch(/^\[ja\]/)
    const text = bundleText(p.dir)
    expect(text).toContain(p.readJson('locales/ja/common.json').hello)
    expect(text).toContain(p.readJson('locales/ja/cart.json').pay)
    const chunk = files(join(p.dir, 'dist/assets')).find((f) => readFileSync(f, 'utf8').includes(p.readJson('locales/ja/cart.json').pay))
    expect(chunk).toBeDefined()
    // Kept after the bundler had the code: the next build reads it (and it is the code of this build).
    const kept = keptModules(p.dir)
    expect(kept).toHaveLength(1)
    expect(readFileSync(kept[0] as string, 'utf8')).toContain(p.readJson('locales/ja/common.json').hello)
    await run(p)
    expect(bundleText(p.dir)).toContain(p.readJson('locales/ja/common.json').hello)
  })

  it('a sync that fails fails the build with the file named and writes no bundle, whether or not the app imports the module', async () => {
    for (const main of [RESOURCES_AND_BACKEND, 'console.log("no locale module here")\n']) {
      const p = await project(main)
      p.write('locales/ja/common.json', '{\n  "hello": "こんにちは",\n  "bye": \n')
      const error = await run(p).then(
        () => undefined,
        (e: Error) => e,
      )
      expect(error?.message).toMatch(/locales\/ja\/common\.json:4:1 is not valid JSON/)
      expect(existsSync(join(p.dir, 'dist/index.html'))).toBe(false)
    }
  })

  it('finds the namespaces once per build, not once per module of the backend', async () => {
    const p = await project(RESOURCES_AND_BACKEND)
    p.write('locales/ja/common.json', { hello: 'こんにちは {{name}}', bye: 'さようなら' })
    p.write('locales/ja/cart.json', { pay: '今払う' })
    const sourceDir = resolve(p.dir, 'locales/en')
    const spy = vi.spyOn(nodeFileSystem, 'readdirSync')
    const looks = () => spy.mock.calls.filter(([dir]) => resolve(String(dir)) === sourceDir).length
    // The same build without the app's modules: what the status check of a sync-less build looks at.
    p.write('main.js', 'console.log(1)\n')
    await run(p, { sync: false })
    const base = looks()
    spy.mockClear()
    p.write('main.js', RESOURCES_AND_BACKEND)
    await run(p, { sync: false })
    // The resources module looks once (core's runtimeResources); the backend and its 4 chunks (2 languages × 2
    // namespaces) once between them.
    expect(looks() - base).toBe(2)
  })
})
