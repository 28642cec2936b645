/** Generated projects for the bench: every target translated and a fully synced lock (a no-op). */
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { pluralForms, serializeLock } from '@l10n-sync/core'

export const LANGS = [
  'ja',
  'ru',
  'ar',
  'fr',
  'de',
  'es',
  'it',
  'pt-BR',
  'zh-Hans',
  'ko',
  'nl',
  'pl',
  'sv',
  'tr',
  'cs',
  'da',
  'fi',
  'hu',
  'id',
  'uk',
]

export interface ProjectShape {
  keys: number
  langs: string[]
  namespaces: number
  /** Extra config for `gengo` (endpoint etc.). */
  gengo?: Record<string, unknown>
}

type Src = Record<string, Record<string, string>>

/** Source trees per namespace: groups of 20 keys; every 50th key is a plural pair (`_one`/`_other`). */
function sourceTrees(shape: ProjectShape): Map<string, Src> {
  const perNs = Math.round(shape.keys / shape.namespaces)
  const out = new Map<string, Src>()
  for (let n = 0; n < shape.namespaces; n++) {
    const src: Src = {}
    for (let k = 0; k < perNs; k++) {
      const group = (src[`group${Math.floor(k / 20)}`] ??= {})
      if (k % 50 === 49) {
        group[`items${k}_one`] = `{{count}} item in list ${k}`
        group[`items${k}_other`] = `{{count}} items in list ${k}`
      } else group[`key${k}`] = `String number ${k} in ns${n} with {{value}} and some words`
    }
    out.set(`ns${n}`, src)
  }
  return out
}

function targetTree(src: Src, lng: string): Src {
  const out: Src = {}
  for (const [g, keys] of Object.entries(src)) {
    const t: Record<string, string> = {}
    for (const [k, v] of Object.entries(keys)) {
      const m = /^(.*)_(one|other)$/.exec(k)
      if (!m) t[k] = `[${lng}] ${v}`
      else if (m[2] === 'one') for (const form of pluralForms(lng)) t[`${m[1]}_${form}`] = `[${lng} ${form}] ${keys[`${m[1]}_other`]}`
    }
    out[g] = t
  }
  return out
}

const json = (v: unknown) => `${JSON.stringify(v, null, 2)}\n`

/** Writes the project; returns the source trees (for edits). */
export function writeProject(dir: string, shape: ProjectShape): Map<string, Src> {
  const trees = sourceTrees(shape)
  const strings: Record<string, Record<string, string>> = {}
  for (const [ns, src] of trees) {
    const flat: Record<string, string> = {}
    for (const [g, keys] of Object.entries(src)) for (const [k, v] of Object.entries(keys)) flat[`${g}.${k}`] = v
    strings[ns] = flat
    for (const lng of ['en', ...shape.langs]) {
      mkdirSync(join(dir, 'locales', lng), { recursive: true })
      writeFileSync(join(dir, 'locales', lng, `${ns}.json`), json(lng === 'en' ? src : targetTree(src, lng)))
    }
  }
  const config = { source: 'en', targets: shape.langs, gengo: { endpoint: 'http://127.0.0.1:9/v2/', ...shape.gengo } }
  // A .ts config, as `l10n init` writes it: loading it is part of every run.
  writeFileSync(
    join(dir, 'l10n.config.ts'),
    `import { defineConfig } from '@l10n-sync/core'\n\nexport default defineConfig(${JSON.stringify(config, null, 2)})\n`,
  )
  writeFileSync(join(dir, 'l10n.lock.json'), serializeLock({ version: 1, source: 'en', strings, targets: {} }))
  return trees
}

/** The floor: a plain Node script that reads and parses the same files (locales, lock, config). */
export const FLOOR_SCRIPT = `import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
const dir = process.argv[2]
let n = 0
for (const lng of readdirSync(join(dir, 'locales')))
  for (const f of readdirSync(join(dir, 'locales', lng))) n += Object.keys(JSON.parse(readFileSync(join(dir, 'locales', lng, f), 'utf8'))).length
n += Object.keys(JSON.parse(readFileSync(join(dir, 'l10n.lock.json'), 'utf8'))).length
readFileSync(join(dir, 'l10n.config.ts'), 'utf8')
if (n === 0) process.exitCode = 1
`

/**
 * The vite case's app (run.ts, compare.ts): `src/main.js` imports the plugin's virtual module; its twin without the
 * plugin (`glob.html`, `src/main.glob.js`, `vite.glob.config.mjs`, built to dist-glob/) is what a team without
 * l10n-sync writes: every locale file through `import.meta.glob`, turned into the same `resources`, the rest the same.
 */
export function viteApp(dir: string): void {
  writeFileSync(join(dir, 'index.html'), '<!doctype html><script type="module" src="/src/main.js"></script>\n')
  writeFileSync(join(dir, 'glob.html'), '<!doctype html><script type="module" src="/src/main.glob.js"></script>\n')
  mkdirSync(join(dir, 'src'), { recursive: true })
  const use = 'console.log(Object.keys(resources).length, namespaces.length)\n'
  writeFileSync(join(dir, 'src/main.js'), `import resources, { namespaces } from 'virtual:l10n-sync/resources'\n${use}`)
  writeFileSync(
    join(dir, 'src/main.glob.js'),
    `const files = import.meta.glob('../locales/*/*.json', { eager: true, import: 'default' })
const resources = {}
for (const [path, data] of Object.entries(files)) {
  const [, lng, ns] = /([^/]+)\\/([^/]+)\\.json$/.exec(path)
  ;(resources[lng] ??= {})[ns] = data
}
const namespaces = Object.keys(resources.en).sort()
${use}`,
  )
  writeFileSync(
    join(dir, 'vite.config.mjs'),
    "import l10n from '@l10n-sync/vite'\nimport { defineConfig } from 'vite'\nexport default defineConfig({ plugins: [l10n()] })\n",
  )
  writeFileSync(
    join(dir, 'vite.glob.config.mjs'),
    "import { defineConfig } from 'vite'\nexport default defineConfig({ build: { outDir: 'dist-glob', rollupOptions: { input: 'glob.html' } } })\n",
  )
}
