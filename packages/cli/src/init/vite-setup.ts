import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'

export const VITE_CONFIG_NAMES = [
  'vite.config.ts',
  'vite.config.mts',
  'vite.config.js',
  'vite.config.mjs',
  'vite.config.cts',
  'vite.config.cjs',
]
export const PLUGIN_IMPORT = "import l10n from '@l10n-sync/vite'"
export const TYPES_ID = '@l10n-sync/vite/virtual'
export const TYPES_REFERENCE = `/// <reference types="${TYPES_ID}" />`

export const NEW_VITE_CONFIG = `${PLUGIN_IMPORT}
import { defineConfig } from 'vite'

export default defineConfig({
  // Syncs translations at the start of \`vite build\` and in the background of \`vite dev\`.
  // L10N_SYNC=0 builds from the locale files on disk without contacting Gengo.
  plugins: [l10n()],
})
`

export function findViteConfig(cwd: string): string | undefined {
  return VITE_CONFIG_NAMES.find((name) => existsSync(join(cwd, name)))
}

/**
 * Adds the plugin to a Vite config's text: the import after the last import, `l10n()` first in
 * `plugins: [`, or a new `plugins` in `defineConfig({` / `export default {`. Undefined when the
 * text has no place it can safely edit (the caller says what to add by hand).
 */
export function addPlugin(text: string, call = 'l10n()'): string | undefined {
  let out: string
  const list = text.match(/plugins\s*:\s*\[(\s*)/)
  if (list?.index !== undefined) {
    const at = list.index + list[0].length
    const rest = text.slice(at)
    const space = list[1] ?? ''
    const insert = rest.startsWith(']') ? call : space.includes('\n') ? `${call},${space}` : `${call}, `
    out = `${text.slice(0, at)}${insert}${rest}`
  } else {
    const object = text.match(/(defineConfig\(\s*\{|export default\s*\{)/)
    if (object?.index === undefined) return undefined
    const at = object.index + object[0].length
    out = `${text.slice(0, at)}\n  plugins: [${call}],${text.slice(at)}`
  }
  const imports = [...out.matchAll(/^import\s[^;]*?['"][^'"\n]+['"];?[ \t]*$/gm)]
  const last = imports[imports.length - 1]
  if (last?.index === undefined) return `${PLUGIN_IMPORT}\n${out}`
  const at = last.index + last[0].length
  return `${out.slice(0, at)}\n${PLUGIN_IMPORT}${out.slice(at)}`
}

export interface TypeReferenceEdit {
  /** Relative to cwd. */
  file: string
  before: string | undefined
  after: string
}

/**
 * Where the app's TypeScript learns about `virtual:l10n-sync/resources`: next to Vite's own client
 * types, wherever the project declares those (a `/// <reference types="vite/client" />` in a
 * `.d.ts` under src/, or `"types": ["vite/client"]` in a tsconfig), else a new `src/l10n-sync.d.ts`.
 * Undefined when there is nothing to do (already referenced) or no TypeScript at all.
 */
export function typeReference(cwd: string): TypeReferenceEdit | undefined {
  const src = join(cwd, 'src')
  const dts = existsSync(src)
    ? readdirSync(src)
        .filter((f) => f.endsWith('.d.ts'))
        .map((f) => `src/${f}`)
    : []
  const tsconfigs = ['tsconfig.app.json', 'tsconfig.json'].filter((f) => existsSync(join(cwd, f)))
  const read = (f: string) => readFileSync(join(cwd, f), 'utf8')
  if ([...dts, ...tsconfigs].some((f) => read(f).includes(TYPES_ID))) return undefined
  for (const file of dts) {
    const text = read(file)
    const m = text.match(/^\/\/\/\s*<reference types=["']vite\/client["']\s*\/>.*$/m)
    if (m?.index !== undefined) {
      const at = m.index + m[0].length
      return { file, before: text, after: `${text.slice(0, at)}\n${TYPES_REFERENCE}${text.slice(at)}` }
    }
  }
  for (const file of tsconfigs) {
    const text = read(file)
    const m = text.match(/("types"\s*:\s*\[[^\]]*?)(["']vite\/client["'])/)
    if (m?.index !== undefined) {
      const at = m.index + m[0].length
      return { file, before: text, after: `${text.slice(0, at)}, "${TYPES_ID}"${text.slice(at)}` }
    }
  }
  if (tsconfigs.length === 0) return undefined
  const file = existsSync(src) ? 'src/l10n-sync.d.ts' : 'l10n-sync.d.ts'
  return { file, before: undefined, after: `// Types for import ... from 'virtual:l10n-sync/resources'\n${TYPES_REFERENCE}\n` }
}
