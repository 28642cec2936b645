import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { chromiumPerFile } from './utils/browser.ts'
import { freePort, type Proc, start, VITE_BIN } from './utils/playground.ts'

// A small react-i18next app (useTranslation, <Trans>, a plural) and a small i18next-vue app on the plugin's dev server,
// in Chromium: a changed English string reaches the open page translated, without a reload, with the app calling only
// `acceptTranslations(i18next, import.meta.hot)` as the README shows (issue 23 §2); the React app loads through the
// backend (virtual:l10n-sync/backend), the Vue app takes the whole resources module. react-i18next re-renders on a store
// event only when `bindI18nStore` names it, and acceptTranslations names 'added'; i18next-vue listens to 'added' and
// 'removed' by default.

const TMP = fileURLToPath(new URL('./.tmp/', import.meta.url))

const REACT_MAIN = `import i18next from 'i18next'
import { createElement as h } from 'react'
import { createRoot } from 'react-dom/client'
import { initReactI18next, Trans, useTranslation } from 'react-i18next'
import l10nBackend, { defaultNS, namespaces, source } from 'virtual:l10n-sync/backend'
import { acceptTranslations } from '@l10n-sync/vite/client'

await i18next.use(l10nBackend).use(initReactI18next).init({ lng: 'ja', fallbackLng: source, ns: namespaces, defaultNS, interpolation: { escapeValue: false } })
acceptTranslations(i18next, import.meta.hot)

function App() {
  const { t } = useTranslation()
  return h('main', null,
    h('h1', { id: 'welcome' }, t('welcome', { name: 'Ada' })),
    h('p', { id: 'items' }, t('items', { count: 3 })),
    h('p', { id: 'terms' }, h(Trans, { i18nKey: 'terms', components: [h('a', { href: '#terms' })] })),
    h('p', { id: 'cart' }, t('cart:checkout')),
  )
}
createRoot(document.getElementById('root')).render(h(App))
`

const VUE_MAIN = `import i18next from 'i18next'
import { createApp, defineComponent, h } from 'vue'
import I18NextVue, { useTranslation } from 'i18next-vue'
import resources, { defaultNS, namespaces, source } from 'virtual:l10n-sync/resources'
import { acceptTranslations } from '@l10n-sync/vite/client'

await i18next.init({ lng: 'ja', fallbackLng: source, resources, ns: namespaces, defaultNS })
acceptTranslations(i18next, import.meta.hot)

const App = defineComponent({
  setup() {
    const { t } = useTranslation()
    return () => h('main', null, [
      h('h1', { id: 'welcome' }, t('welcome', { name: 'Ada' })),
      h('p', { id: 'items' }, t('items', { count: 3 })),
      h('p', { id: 'terms' }, t('terms')),
      h('p', { id: 'cart' }, t('cart:checkout')),
    ])
  },
})
createApp(App).use(I18NextVue, { i18next }).mount('#root')
`

const FILES: Record<string, unknown> = {
  'index.html': '<!doctype html><html><body><div id="root"></div><script type="module" src="/src/main.js"></script></body></html>\n',
  'vite.config.mjs': `import l10n from '@l10n-sync/vite'
export default { plugins: [l10n({ pollInterval: 1000 })], optimizeDeps: { include: ['react', 'react-dom/client', 'react-i18next', 'i18next', 'vue', 'i18next-vue'] } }
`,
  'l10n.config.mjs': `export default { source: 'en', targets: ['ja'], gengo: { endpoint: 'emulator', emulator: { speed: 'fast' }, acceptReviewable: true, maxCredits: 100 } }
`,
  'locales/en/common.json': {
    welcome: 'Welcome, {{name}}!',
    items_one: '{{count}} item',
    items_other: '{{count}} items',
    terms: 'Read the <0>terms</0>.',
  },
  'locales/en/cart.json': { checkout: 'Check out' },
}

const { browser, defer } = chromiumPerFile()

/** The app inside the workspace (test/.tmp), so it resolves react, vue, i18next and @l10n-sync/* from test/node_modules. */
function bindingApp(name: string, main: string): string {
  const dir = join(TMP, `${name}-${process.pid}-${Math.random().toString(36).slice(2, 8)}`)
  for (const [file, content] of Object.entries({ ...FILES, 'src/main.js': main })) {
    mkdirSync(dirname(join(dir, file)), { recursive: true })
    writeFileSync(join(dir, file), typeof content === 'string' ? content : `${JSON.stringify(content, null, 2)}\n`)
  }
  defer(() => rmSync(dir, { recursive: true, force: true }))
  return dir
}

function track(p: Proc): Proc {
  defer(() => p.stop())
  return p
}

const APPS = [
  // #terms: <Trans> renders the link; the Vue app shows the raw text (its <0> tag as text).
  { name: 'react', title: 'react-i18next: useTranslation and <Trans> re-render', main: REACT_MAIN, terms: '<a href="#terms">' },
  { name: 'vue', title: 'i18next-vue: useTranslation re-renders', main: VUE_MAIN, terms: '<0>' },
]

describe.each(APPS)('a $name app on the dev server, in Chromium', ({ name, title, main, terms }) => {
  it(`shows a changed English string translated without a reload (${title})`, async () => {
    const dir = bindingApp(name, main)
    const termsOf = (p: Page) => (name === 'react' ? p.innerHTML('#terms') : p.textContent('#terms'))
    const port = await freePort()
    const dev = track(start(['--import', 'tsx', VITE_BIN, '--configLoader', 'native', '--port', String(port), '--strictPort'], dir))
    await dev.waitFor(/Local:\s+http/)
    const page = await browser().newPage()
    defer(() => page.close())
    await page.goto(`http://127.0.0.1:${port}/`)
    // The first sync's translations, over HMR or already in the module.
    await expect.poll(() => page.textContent('#welcome'), { timeout: 40_000 }).toBe('[ja] Wélcómé, Ada!')
    await expect.poll(() => page.textContent('#cart'), { timeout: 20_000 }).toBe('[ja] Chéck óút')
    await expect.poll(() => page.textContent('#items'), { timeout: 20_000 }).toBe('[ja] 3 ítéms')
    await expect
      .poll(() => termsOf(page), { timeout: 20_000 })
      .toBe(`[ja] Réád thé ${terms}térms${terms.replace('<', '</').replace(/ .*>/, '>')}.`)
    await page.evaluate(() => {
      ;(window as unknown as { __marker: number }).__marker = 42
    })

    const en = JSON.parse(readFileSync(join(dir, 'locales/en/common.json'), 'utf8'))
    const edited = { ...en, welcome: 'Welcome home, {{name}}!', terms: 'Read our <0>terms</0>.' }
    writeFileSync(join(dir, 'locales/en/common.json'), `${JSON.stringify(edited, null, 2)}\n`)
    await expect
      .poll(() => page.textContent('#welcome'), { timeout: 40_000 })
      .toBe('[ja] Wélcómé hómé, Ada!')
      .catch(async (e) => {
        const st = await (await fetch(`http://127.0.0.1:${port}/__l10n-sync/status`)).text()
        const ja = readFileSync(join(dir, 'locales/ja/common.json'), 'utf8').match(/"welcome".*/)?.[0]
        throw new Error(`${(e as Error).message}\nstatus: ${st}\nja welcome on disk: ${ja}\ndev output:\n${dev.output()}`)
      })
    await expect
      .poll(() => termsOf(page), { timeout: 20_000 })
      .toBe(`[ja] Réád óúr ${terms}térms${terms.replace('<', '</').replace(/ .*>/, '>')}.`)
    expect(await page.evaluate(() => (window as unknown as { __marker?: number }).__marker)).toBe(42)
    expect(dev.output()).not.toMatch(/page reload/)
  }, 120_000)
})
