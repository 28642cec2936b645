import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { l10n } from '@l10n-sync/vite'
import { acceptTranslations, type L10nUpdate, UPDATE_EVENT } from '@l10n-sync/vite/client'
import i18next from 'i18next'
import { build } from 'vite'
import { afterEach, describe, expect, it } from 'vitest'
import { ssrBackend, ssrServer } from './utils/backend.ts'
import { tempDir } from './utils/tmp.ts'

// virtual:l10n-sync/backend (issue 22): an i18next backend that loads each language × namespace as its own chunk.
// Builds run with `sync: false` on hand-written locale files: what is bundled, not what is ordered, is under test.

const cleanups: (() => unknown)[] = []
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c()
})

const CONFIG = { source: 'en', targets: ['ja', 'fr'], files: 'locales/{{lng}}/{{ns}}.json' }
const LOCALES: Record<string, unknown> = {
  'locales/en/common.json': { hello: 'Hello EN-COMMON', nested: { deep: 'Deep EN-COMMON' } },
  'locales/en/cart.json': { checkout: 'Check out EN-CART' },
  'locales/en/admin.json': { ban: 'Ban EN-ADMIN' },
  'locales/ja/common.json': { hello: 'こんにちは JA-COMMON', nested: { deep: '深い JA-COMMON' } },
  'locales/ja/cart.json': { checkout: 'レジ JA-CART' },
  'locales/ja/admin.json': { ban: '禁止 JA-ADMIN' },
  'locales/fr/common.json': { hello: 'Bonjour FR-COMMON', nested: { deep: 'Profond FR-COMMON' } },
  // fr/cart.json and fr/admin.json not written yet: their chunks are `{}`.
}
const MARKERS = ['EN-COMMON', 'EN-CART', 'EN-ADMIN', 'JA-COMMON', 'JA-CART', 'JA-ADMIN', 'FR-COMMON']

function app(main: string): string {
  const { dir, cleanup } = tempDir('l10n-backend-')
  cleanups.push(cleanup)
  const files = {
    ...LOCALES,
    'index.html': '<!doctype html><div id="app"></div><script type="module" src="/main.js"></script>',
    'main.js': main,
  }
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true })
    writeFileSync(join(dir, path), typeof content === 'string' ? content : JSON.stringify(content, null, 2))
  }
  return dir
}

/** The built scripts by file name, and the entry's name. */
async function built(dir: string, options: Parameters<typeof l10n>[0] = {}): Promise<{ entry: string; chunks: Map<string, string> }> {
  await build({
    root: dir,
    configFile: false,
    logLevel: 'silent',
    plugins: [l10n({ configFile: false, config: CONFIG, sync: false, ...options })],
  })
  const assets = join(dir, 'dist/assets')
  const chunks = new Map(readdirSync(assets).map((f) => [f, readFileSync(join(assets, f), 'utf8')]))
  const entry = /src="\/assets\/([^"]+\.js)"/.exec(readFileSync(join(dir, 'dist/index.html'), 'utf8'))?.[1] as string
  return { entry, chunks }
}

const found = (text: string) => MARKERS.filter((m) => text.includes(m))

const BACKEND_MAIN = `import l10nBackend, { source, languages, namespaces, defaultNS } from 'virtual:l10n-sync/backend'
window.app = { l10nBackend, source, languages, namespaces, defaultNS }
`

describe('virtual:l10n-sync/backend in vite build', () => {
  it('makes one chunk per language × namespace; the entry holds the names and no locale text', async () => {
    const { entry, chunks } = await built(app(BACKEND_MAIN))
    const entryText = chunks.get(entry) as string
    expect(found(entryText)).toEqual([])
    expect(entryText).toMatch(/\[.admin.,.cart.,.common.\]/)
    expect(entryText).toMatch(/\[.ja.,.fr.\]/)
    // Each marker sits alone in its own chunk: one language × namespace each.
    for (const marker of MARKERS) {
      const holding = [...chunks].filter(([name]) => name !== entry).filter(([, text]) => text.includes(marker))
      expect(holding.length, marker).toBe(1)
      expect(found((holding[0] as [string, string])[1]), marker).toEqual([marker])
    }
    // 3 languages × 3 namespaces, the two fr files not written yet included (as `{}`), and the entry.
    expect([...chunks.keys()].filter((f) => f.endsWith('.js')).length).toBe(10)
  })

  it('importing only `source`, `languages` and `namespaces` from virtual:l10n-sync/resources bundles none of the data; the default export all of it', async () => {
    const names = await built(
      app(`import { source, languages, namespaces, defaultNS } from 'virtual:l10n-sync/resources'
document.getElementById('app').textContent = [source, ...languages, ...namespaces, defaultNS].join()
`),
    )
    expect(found([...names.chunks.values()].join('\n'))).toEqual([])
    expect(names.chunks.get(names.entry)).toMatch(/\[.admin.,.cart.,.common.\]/)
    const all = await built(
      app(`import resources from 'virtual:l10n-sync/resources'\ndocument.getElementById('app').textContent = JSON.stringify(resources)\n`),
    )
    expect(found(all.chunks.get(all.entry) as string)).toEqual(MARKERS)
  })

  it('l10n({ namespaces }) takes only those namespaces, in the backend and the resources module', async () => {
    const { entry, chunks } = await built(app(BACKEND_MAIN), { namespaces: ['common', 'cart'] })
    const text = [...chunks.values()].join('\n')
    expect(found(text)).toEqual(['EN-COMMON', 'EN-CART', 'JA-COMMON', 'JA-CART', 'FR-COMMON'])
    expect(chunks.get(entry)).toMatch(/\[.cart.,.common.\]/)
    expect([...chunks.keys()].filter((f) => f.endsWith('.js')).length).toBe(7)
    const r = await built(app(`import resources from 'virtual:l10n-sync/resources'\nwindow.r = resources\n`), { namespaces: ['admin'] })
    expect(found(r.chunks.get(r.entry) as string)).toEqual(['EN-ADMIN', 'JA-ADMIN'])
  })

  it('an unknown namespace in l10n({ namespaces }) fails the build naming it and the ones there are; a bad value fails at once', async () => {
    const error = await built(app(BACKEND_MAIN), { namespaces: ['commn'] }).then(
      () => undefined,
      (e: Error) => e,
    )
    expect(error?.message).toMatch(
      /Unknown namespace 'commn' in `l10n\(\{ namespaces \}\)`; the source has the namespaces admin, cart, common/,
    )
    expect(() => l10n({ namespaces: [] })).toThrow(/Invalid l10n\(\) option `namespaces`: \[\]\. Use a list of the source's namespaces/)
    expect(() => l10n({ namespaces: 'common' as never })).toThrow(/option `namespaces`/)
  })
})

/** The plugin's backend module, served by a real Vite dev server (SSR: the dynamic imports go through the plugin too). */
const devBackend = (dir: string) => ssrBackend(dir, CONFIG, (fn) => cleanups.push(fn))

describe('virtual:l10n-sync/backend with real i18next', () => {
  it('acceptTranslations replaces a loaded bundle of a backend-loaded store and leaves an unloaded language unloaded', async () => {
    const m = await devBackend(app(BACKEND_MAIN))
    const i18n = i18next.createInstance()
    await i18n.use(m.default).init({ lng: 'ja', fallbackLng: m.source, ns: m.namespaces, defaultNS: m.defaultNS })
    // Vite's import.meta.hot, as far as acceptTranslations uses it: the plugin's custom event.
    const handlers: ((u: L10nUpdate) => void)[] = []
    const hot = { on: (event: string, cb: (u: L10nUpdate) => void) => void (event === UPDATE_EVENT && handlers.push(cb)) }
    const seen: string[] = []
    acceptTranslations(i18n, hot, (u) => seen.push(`${u.lng}/${u.ns}`))
    const send = (u: L10nUpdate) => {
      for (const h of handlers) h(u)
    }
    send({ lng: 'ja', ns: 'common', resources: { hello: '新しい JA-COMMON' } })
    expect(i18n.t('hello')).toBe('新しい JA-COMMON')
    expect(i18n.t('nested.deep')).toBe('Deep EN-COMMON') // the bundle is replaced whole: a deleted key falls back
    expect(i18n.store.data.ja?.common).toEqual({ hello: '新しい JA-COMMON' })
    send({ lng: 'fr', ns: 'common', resources: { hello: 'Nouveau FR-COMMON' } })
    expect(Object.keys(i18n.store.data).sort()).toEqual(['en', 'ja'])
    expect(seen).toEqual(['ja/common'])
    // Without a backend (the resources module) every update lands, as before.
    const plain = i18next.createInstance()
    await plain.init({ lng: 'ja', resources: { ja: { common: { hello: 'x' } } }, ns: ['common'], defaultNS: 'common' })
    const plainHandlers: ((u: L10nUpdate) => void)[] = []
    acceptTranslations(plain, { on: (_e: string, cb: (u: L10nUpdate) => void) => void plainHandlers.push(cb) })
    for (const h of plainHandlers) h({ lng: 'fr', ns: 'common', resources: { hello: 'Nouveau' } })
    expect(plain.store.data.fr?.common).toEqual({ hello: 'Nouveau' })
  })

  it('loads the asked language and the fallback only; a language the project lacks answers {} without failing', async () => {
    const dir = app(BACKEND_MAIN)
    const server = await ssrServer(dir, CONFIG, (fn) => cleanups.push(fn))
    const m = (await server.ssrLoadModule('virtual:l10n-sync/backend')) as Record<string, any>
    expect([m.source, m.languages, m.namespaces, m.defaultNS]).toEqual(['en', ['ja', 'fr'], ['admin', 'cart', 'common'], 'common'])
    const i18n = i18next.createInstance()
    await i18n.use(m.default).init({ lng: 'ja', fallbackLng: m.source, ns: m.namespaces, defaultNS: m.defaultNS })
    expect(i18n.t('hello')).toBe('こんにちは JA-COMMON')
    expect(i18n.t('nested.deep')).toBe('深い JA-COMMON')
    expect(i18n.t('cart:checkout')).toBe('レジ JA-CART')
    expect(Object.keys(i18n.store.data).sort()).toEqual(['en', 'ja'])
    // fr/cart.json is not written: the chunk is {} and i18next falls back to English.
    await i18n.changeLanguage('fr')
    expect(i18n.t('hello')).toBe('Bonjour FR-COMMON')
    expect(i18n.t('cart:checkout')).toBe('Check out EN-CART')
    // fr-CA → fr-CA ({}: not the project's), fr, en.
    await i18n.changeLanguage('fr-CA')
    expect(i18n.t('hello')).toBe('Bonjour FR-COMMON')
    expect(i18n.store.data['fr-CA']).toEqual({ admin: {}, cart: {}, common: {} })
    // A per-file module of another language or namespace is refused, naming what there is.
    await expect(server.ssrLoadModule('virtual:l10n-sync/resources/de/common')).rejects.toThrow(
      /'de' is neither the source nor a target \(en, ja, fr\)/,
    )
    await expect(server.ssrLoadModule('virtual:l10n-sync/resources/ja/nope')).rejects.toThrow(/the app has no namespace 'nope'/)
  })
})
