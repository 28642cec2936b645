/**
 * The stat stamp never answers for a changed file: not for an edit made while a sync ran (the result may be of the
 * old text), not for the Vite plugin's kept virtual module after a same-size edit with its mtime put back.
 */
import { readdirSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { l10n } from '@l10n-sync/vite'
import { build, createServer } from 'vite'
import { describe, expect, it } from 'vitest'
import { projectPerTest } from './utils/project.ts'

const newProject = projectPerTest()

function bundleText(dir: string): string {
  const assets = join(dir, 'dist/assets')
  return readdirSync(assets)
    .filter((f) => f.endsWith('.js'))
    .map((f) => readFileSync(join(assets, f), 'utf8'))
    .join('\n')
}

describe('the stamp and edits', () => {
  it('a source edited while a sync runs is not covered by that run’s stamp: the next sync orders it', async () => {
    const p = await newProject({ 'locales/en/common.json': { hello: 'Hello', bye: 'Goodbye' } }, { targets: ['ja'] })
    p.write('node_modules/.keep', '')
    await p.sync()
    expect((await p.sync()).complete).toBe(true) // fetched: complete, stamped
    // A person edits a translation: the next run is a full one, and complete (their value is kept).
    const ja = p.readJson('locales/ja/common.json')
    p.write('locales/ja/common.json', { ...ja, bye: 'またね' })
    // While it runs, after its read, a source key is added: the run is of the old source, so it must not be stamped.
    const during = await p.sync({
      onEvent: (e) => {
        if (e.type === 'plan') p.write('locales/en/common.json', { hello: 'Hello', bye: 'Goodbye', more: 'More' })
      },
    })
    expect(during).toMatchObject({ complete: true, ordered: { jobs: 0 } })
    const next = await p.sync()
    expect(next.ordered.jobs + next.reused).toBe(1) // `more`: a full run, not the stamp's answer
  })

  it('vite build: the kept virtual module is used while nothing changed, and a same-size edit with its mtime put back is bundled', async () => {
    const p = await newProject({ 'locales/en/common.json': { hello: 'Hello', bye: 'Goodbye' } }, { targets: ['ja'] })
    p.write('locales/ja/common.json', { hello: 'Konnichiwa', bye: 'Sayonara' })
    p.write('index.html', '<!doctype html><script type="module" src="/main.js"></script>')
    p.write('main.js', "import resources from 'virtual:l10n-sync/resources'\nconsole.log(JSON.stringify(resources))\n")
    const cacheDir = join(p.dir, 'vite-cache')
    const run = () => build({ root: p.dir, cacheDir, configFile: false, plugins: [l10n({ sync: false })], logLevel: 'silent' })
    await run()
    expect(bundleText(p.dir)).toContain('Sayonara')
    const kept = join(cacheDir, 'l10n-sync')
    const keptJs = readdirSync(kept).filter((f) => f.endsWith('.js'))
    expect(keptJs).toHaveLength(1)
    await run() // nothing changed: the same kept file
    expect(readdirSync(kept).filter((f) => f.endsWith('.js'))).toEqual(keptJs)
    expect(bundleText(p.dir)).toContain('Sayonara')

    const file = join(p.dir, 'locales/ja/common.json')
    const t = Math.floor(statSync(file).mtimeMs / 1000)
    utimesSync(file, t, t)
    await run()
    writeFileSync(file, readFileSync(file, 'utf8').replace('Sayonara', 'Sayonora')) // same size
    utimesSync(file, t, t) // and the same mtime
    await run()
    const js = bundleText(p.dir)
    expect(js).toContain('Sayonora')
    expect(js).not.toContain('Sayonara')
    expect(readdirSync(kept).filter((f) => f.endsWith('.js'))).toHaveLength(1) // the one before is removed
  })
  it('vite dev serves a same-size edit with its mtime put back, from the files and not the kept module', async () => {
    const p = await newProject({ 'locales/en/common.json': { hello: 'Hello', bye: 'Goodbye' } }, { targets: ['ja'] })
    p.write('locales/ja/common.json', { hello: 'Konnichiwa', bye: 'Sayonara' })
    const server = await createServer({
      root: p.dir,
      cacheDir: join(p.dir, 'vite-cache'),
      configFile: false,
      plugins: [l10n({ sync: false })],
      logLevel: 'silent',
      server: { port: 0, watch: null },
    })
    try {
      const file = join(p.dir, 'locales/ja/common.json')
      const t = Math.floor(statSync(file).mtimeMs / 1000)
      utimesSync(file, t, t)
      expect((await server.transformRequest('virtual:l10n-sync/resources'))?.code).toContain('Sayonara')
      server.moduleGraph.invalidateAll()
      expect((await server.transformRequest('virtual:l10n-sync/resources'))?.code).toContain('Sayonara') // kept
      writeFileSync(file, readFileSync(file, 'utf8').replace('Sayonara', 'Sayonora'))
      utimesSync(file, t, t)
      server.moduleGraph.invalidateAll()
      const code = (await server.transformRequest('virtual:l10n-sync/resources'))?.code
      expect(code).toContain('Sayonora')
      expect(code).not.toContain('Sayonara')
    } finally {
      await server.close()
    }
  })
})
