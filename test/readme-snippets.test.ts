import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { isL10nError, resolveConfig } from '@l10n-sync/core'
import i18next from 'i18next'
import { afterEach, describe, expect, it } from 'vitest'
import { virtualModule } from '../packages/vite/src/virtual.ts'
import { ssrBackend } from './utils/backend.ts'
import { tempDir } from './utils/tmp.ts'

// The READMEs' app snippets, run as written: the `i18next.init(…)` line is taken from each README and called with real
// i18next on what the plugin's virtual module exports for a project with two namespaces, `cart` and `common`.

const READMES = {
  'README.md': readFileSync(new URL('../README.md', import.meta.url), 'utf8'),
  'packages/vite/README.md': readFileSync(new URL('../packages/vite/README.md', import.meta.url), 'utf8'),
}

const cleanups: (() => unknown)[] = []
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c()
})

/** The README's `import … from 'virtual:l10n-sync/resources'` names and its `await i18next.init(ARGS)` argument text. */
function snippet(readme: string): { names: string[]; initArgs: string } {
  const imp = /^import resources, \{([^}]*)\} from 'virtual:l10n-sync\/resources'$/m.exec(readme)
  const init = /^await i18next\.init\((.*)\)$/m.exec(readme)
  if (!imp?.[1] || !init?.[1]) throw new Error('README has no virtual-module import or i18next.init line')
  return { names: imp[1].split(',').map((s) => s.trim()), initArgs: init[1] }
}

/** The README's first example: `import l10nBackend, { … } from 'virtual:l10n-sync/backend'` and its init's arguments. */
function backendSnippet(readme: string): { names: string[]; initArgs: string; first: boolean } {
  const imp = /^import l10nBackend, \{([^}]*)\} from 'virtual:l10n-sync\/backend'$/m.exec(readme)
  const init = /^await i18next\.use\(l10nBackend\)\.init\((.*)\)$/m.exec(readme)
  if (!imp?.[1] || !init?.[1]) throw new Error('README has no backend import or i18next.use(l10nBackend).init line')
  const first = imp.index < readme.search(/^import resources, /m) && imp.index < readme.search(/^await i18next\.init\(/m)
  return { names: imp[1].split(',').map((s) => s.trim()), initArgs: init[1], first }
}

/** The backend module the plugin serves for these locale files, loaded for real through Vite (dynamic imports and all). */
async function backendExports(files: Record<string, unknown>) {
  const { dir, cleanup } = tempDir('l10n-snippet-')
  cleanups.push(cleanup)
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true })
    writeFileSync(join(dir, path), JSON.stringify(content))
  }
  return ssrBackend(dir, { source: 'en', targets: ['ja'] }, (fn) => cleanups.push(fn))
}

/** The virtual module the plugin would serve for these locale files, imported for real. */
async function virtualExports(files: Record<string, unknown>, i18nextOptions?: Record<string, unknown>) {
  const { dir, cleanup } = tempDir('l10n-snippet-')
  cleanups.push(cleanup)
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true })
    writeFileSync(join(dir, path), JSON.stringify(content))
  }
  const config = resolveConfig({ source: 'en', targets: ['ja'], i18next: i18nextOptions }, dir)
  const mod = await virtualModule(config)
  const file = join(dir, 'virtual.mjs')
  writeFileSync(file, mod.code())
  return (await import(pathToFileURL(file).href)) as Record<string, unknown>
}

const CART_AND_COMMON = {
  'locales/en/cart.json': { checkout: 'Check out' },
  'locales/en/common.json': { welcome: 'Welcome' },
  'locales/ja/cart.json': { checkout: 'レジに進む' },
  'locales/ja/common.json': { welcome: 'ようこそ' },
}

describe('README: the i18next snippet (issue 23 §1)', () => {
  for (const [name, readme] of Object.entries(READMES)) {
    it(`${name}: its first example uses the backend; its init, with namespaces cart and common, loads ja and reads common.json`, async () => {
      const backend = await backendExports(CART_AND_COMMON)
      const { names, initArgs, first } = backendSnippet(readme)
      expect(first).toBe(true)
      expect(names).toContain('defaultNS')
      const i18n = i18next.createInstance()
      await new Function('i18next', 'l10nBackend', ...names, `return i18next.use(l10nBackend).init(${initArgs})`)(
        i18n,
        backend.default,
        ...names.map((n) => backend[n]),
      )
      expect(i18n.t('welcome')).toBe('ようこそ')
      expect(i18n.t('cart:checkout')).toBe('レジに進む')
    })

    it(`${name}: its init, with namespaces cart and common, makes t('welcome') read common.json`, async () => {
      const virtual = await virtualExports(CART_AND_COMMON)
      const { names, initArgs } = snippet(readme)
      expect(names).toContain('defaultNS')
      const i18n = i18next.createInstance()
      // The README's line, verbatim, with the names its import brings into scope.
      await new Function('i18next', 'resources', ...names, `return i18next.init(${initArgs})`)(
        i18n,
        virtual.default,
        ...names.map((n) => virtual[n]),
      )
      expect(virtual.namespaces).toEqual(['cart', 'common'])
      expect(virtual.defaultNS).toBe('common')
      expect(i18n.t('welcome')).toBe('ようこそ')
      expect(i18n.t('cart:checkout')).toBe('レジに進む')
    })
  }

  it('without defaultNS i18next takes ns[0] (cart), which is the bug the snippet had', async () => {
    const virtual = await virtualExports(CART_AND_COMMON)
    const i18n = i18next.createInstance()
    await i18n.init({ lng: 'ja', resources: virtual.default as never, ns: virtual.namespaces as string[] })
    expect(i18n.t('welcome')).toBe('welcome')
  })

  it("defaultNS: i18next.defaultNS of the config; else 'translation', 'common', else the first by name", async () => {
    expect((await virtualExports(CART_AND_COMMON, { defaultNS: 'cart' })).defaultNS).toBe('cart')
    expect((await virtualExports({ 'locales/en/b.json': {}, 'locales/en/a.json': {} })).defaultNS).toBe('a')
    expect((await virtualExports({ 'locales/en/common.json': {}, 'locales/en/translation.json': {} })).defaultNS).toBe('translation')
    const error = await virtualExports(CART_AND_COMMON, { defaultNS: 'home' }).catch((e) => e)
    expect(isL10nError(error) && error.code).toBe('L10N_CONFIG')
    expect(error.message).toMatch(/^\[l10n\] i18next\.defaultNS is 'home'.*found: cart, common/)
  })
})
