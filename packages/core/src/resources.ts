import { readFileSync } from 'node:fs'
import { relative, resolve, sep } from 'node:path'
import fg from 'fast-glob'
import type { ResolvedL10nConfig } from './config.ts'
import { L10nError } from './errors.ts'
import { type FlatEntry, flatten, flattenValues } from './flatten.ts'
import { DEFAULT_FORMAT, detectFormat, type JsonFormat, parseJson } from './json.ts'

export const DEFAULT_NS = 'translation'

export interface LocaleFile {
  lng: string
  ns: string
  /** Absolute path. */
  file: string
  /** Path relative to the project root, for messages. */
  name: string
  /** Raw text; undefined when the file does not exist. A target's is read again when asked for (only a rewritten file needs it). */
  text?: string
  entries: FlatEntry[]
  values: Map<string, string>
  format: JsonFormat
}

export interface Resources {
  /** ns → source file. */
  source: Map<string, LocaleFile>
  /** lng → ns → target file (existing or not yet). */
  targets: Map<string, Map<string, LocaleFile>>
  /** ns → key → translator context. */
  context: Map<string, Map<string, string>>
}

function escapeGlob(s: string): string {
  return s.replace(/[*?[\]{}()!]/g, '\\$&')
}

/** The file for a language and namespace. */
export function localePath(config: ResolvedL10nConfig, pattern: string, lng: string, ns: string): string {
  return resolve(config.root, pattern.split('{{lng}}').join(lng).split('{{ns}}').join(ns))
}

/** Matches absolute paths against a `{{lng}}`/`{{ns}}` pattern; the groups `lng` and `ns` name what matched. */
export function patternRegExp(config: ResolvedL10nConfig, pattern: string): RegExp {
  const abs = resolve(config.root, pattern).split(sep).join('/')
  const escaped = abs.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
  return new RegExp(`^${escaped.replace('\\{\\{lng\\}\\}', '(?<lng>[^/]+)').replace('\\{\\{ns\\}\\}', '(?<ns>[^/]+)')}$`)
}

/** Namespaces of the source language, from the files that exist (context files excluded). */
export async function discoverNamespaces(config: ResolvedL10nConfig): Promise<string[]> {
  if (!config.files.includes('{{ns}}')) return [DEFAULT_NS]
  const glob = config.files.split('{{lng}}').join(config.source).split('{{ns}}').map(escapeGlob).join('*')
  const files = patternRegExp(config, config.files)
  const context = config.context ? patternRegExp(config, config.context) : undefined
  const found = await fg(glob, { cwd: config.root, onlyFiles: true, dot: false, absolute: true })
  const names = new Set<string>()
  for (const f of found) {
    const path = f.split(sep).join('/')
    if (context?.test(path)) continue
    const ns = files.exec(path)?.groups?.ns
    if (ns) names.add(ns)
  }
  return [...names].sort()
}

/** Reads a locale file. Synchronously: for many small files one read each beats the thread pool's open, stat, read, close. */
async function readText(file: string): Promise<string | undefined> {
  return readTextSync(file)
}

/**
 * Reads one locale file. `keys` (the source's key strings by path) lets a target share them: its map then
 * holds no key strings of its own, and looking a source key up in it compares strings by identity.
 */
export async function readLocaleFile(config: ResolvedL10nConfig, lng: string, ns: string, keys?: KeyTree): Promise<LocaleFile> {
  const file = localePath(config, config.files, lng, ns)
  const name = relative(config.root, file)
  const text = await readText(file)
  const sep = config.i18next.keySeparator
  const format = text === undefined ? DEFAULT_FORMAT : detectFormat(text)
  if (text === undefined) return { lng, ns, file, name, text, entries: [], values: new Map(), format }
  if (lng === config.source) {
    const entries = flatten(parseJson(text, name), name, sep)
    return { lng, ns, file, name, text, entries, values: new Map(entries.map((e) => [e.key, e.value])), format }
  }
  // Targets are read on every run, but their text and paths are needed only when they are rewritten: a target is held
  // as its values alone, and a file that is rewritten is read again (once) for its text, then flattened with paths.
  const tree = parseJson(text, name)
  const values = (keys && targetValues(tree, keys, sep)) || flattenValues(tree, name, sep)
  let again: string | undefined | null = null
  const textAgain = () => {
    if (again === null) again = readTextSync(file)
    return again
  }
  let entries: FlatEntry[] | undefined
  return {
    lng,
    ns,
    file,
    name,
    get text() {
      return textAgain()
    },
    get entries() {
      const now = textAgain()
      entries ??= now === undefined ? [] : flatten(parseJson(now, name), name, sep)
      return entries
    },
    values,
    format,
  }
}

/** A source's key strings by path: nested maps, each leaf the key string that `flatten` made for it. */
export type KeyTree = Map<string, KeyTree | string>

export function keyTree(entries: readonly FlatEntry[]): KeyTree {
  const root: KeyTree = new Map()
  for (const e of entries) {
    let node = root
    for (let i = 0; i < e.path.length - 1; i++) {
      const seg = String(e.path[i])
      let child = node.get(seg)
      if (typeof child !== 'object') node.set(seg, (child = new Map()))
      node = child
    }
    node.set(String(e.path[e.path.length - 1]), e.key)
  }
  return root
}

/**
 * A target's values, as `flattenValues` gives them, keyed by the source's own key strings where the target follows
 * the source's shape: no key string is built for those, and a source key looks them up by identity. Keys the
 * source lacks (other plural forms, obsolete keys) are built as flattenValues builds them. Anything unusual
 * (a collision, nesting where the source has none, a non-object root) returns undefined: flattenValues decides.
 */
function targetValues(tree: unknown, keys: KeyTree, sep: string | false): Map<string, string> | undefined {
  if (typeof tree !== 'object' || tree === null || Array.isArray(tree)) return undefined
  const out = new Map<string, string>()
  const walk = (node: object, at: KeyTree | undefined, prefix: string, depth: number): boolean => {
    if (depth > 0 && sep === false) return false
    for (const k of Object.keys(node)) {
      const v = (node as Record<string, unknown>)[k]
      if (typeof v === 'string') {
        const known = at?.get(k)
        const key = typeof known === 'string' ? known : depth > 0 ? `${prefix}${sep}${k}` : k
        if (out.has(key)) return false
        out.set(key, v)
      } else if (typeof v === 'object' && v !== null) {
        const sub = at?.get(k)
        if (!walk(v, typeof sub === 'object' ? sub : undefined, depth > 0 ? `${prefix}${sep}${k}` : k, depth + 1)) return false
      }
    }
    return true
  }
  return walk(tree, keys, '', 0) ? out : undefined
}

function readTextSync(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined
    throw new L10nError('L10N_PARSE', `Could not read ${file}: ${(error as Error).message}`, { file, cause: error })
  }
}

async function readContext(config: ResolvedL10nConfig, ns: string): Promise<Map<string, string>> {
  if (!config.context) return new Map()
  const file = localePath(config, config.context, config.source, ns)
  const name = relative(config.root, file)
  const text = await readText(file)
  if (text === undefined) return new Map()
  const entries = flatten(parseJson(text, name), name, config.i18next.keySeparator)
  return new Map(entries.map((e) => [e.key, e.value]))
}

export interface ReadOptions {
  /** Only these target languages. @default all */
  langs?: string[]
  /** Only these namespaces. @default all */
  namespaces?: string[]
}

/** Reads every source, target and context file up front: a bad file stops everything before anything is written. */
export async function readResources(config: ResolvedL10nConfig, options: ReadOptions = {}): Promise<Resources> {
  let namespaces = await discoverNamespaces(config)
  if (namespaces.length === 0) {
    throw new L10nError(
      'L10N_RESOURCE',
      `No source files found for '${config.source}' with the pattern ${config.files} under ${config.root}. Check \`files\` and \`source\`.`,
      { option: 'files' },
    )
  }
  if (options.namespaces) {
    const unknown = options.namespaces.filter((n) => !namespaces.includes(n))
    if (unknown.length)
      throw new L10nError('L10N_CONFIG', `Unknown namespace ${unknown.join(', ')}; the source has ${namespaces.join(', ')}.`, {
        option: 'ns',
      })
    namespaces = namespaces.filter((n) => options.namespaces?.includes(n))
  }
  const langs = options.langs ?? config.targets
  const unknownLangs = langs.filter((l) => !config.targets.includes(l))
  if (unknownLangs.length) {
    throw new L10nError(
      'L10N_CONFIG',
      `Unknown language ${unknownLangs.join(', ')}; the config's targets are ${config.targets.join(', ')}.`,
      { option: 'lang' },
    )
  }
  const source = new Map<string, LocaleFile>()
  const context = new Map<string, Map<string, string>>()
  const targets = new Map<string, Map<string, LocaleFile>>()
  await Promise.all(
    namespaces.map(async (ns) => {
      const file = await readLocaleFile(config, config.source, ns)
      checkSource(config, file)
      source.set(ns, file)
      context.set(ns, await readContext(config, ns))
    }),
  )
  const sourceKeys = new Map<string, KeyTree>()
  for (const [ns, file] of source) sourceKeys.set(ns, keyTree(file.entries))
  await Promise.all(
    langs.map(async (lng) => {
      const perNs = new Map<string, LocaleFile>()
      for (const ns of namespaces) perNs.set(ns, await readLocaleFile(config, lng, ns, sourceKeys.get(ns)))
      targets.set(lng, perNs)
    }),
  )
  // Keep the namespace order stable.
  return { source: new Map([...source].sort(([a], [b]) => a.localeCompare(b))), targets, context }
}

function checkSource(config: ResolvedL10nConfig, file: LocaleFile): void {
  for (const { key, value } of file.entries) {
    if (value.length > config.maxLength) {
      throw new L10nError(
        'L10N_RESOURCE',
        `${file.name}: key "${key}" is ${value.length} characters long, over maxLength ${config.maxLength}. Split it, or raise \`maxLength\`.`,
        { file: file.name, key },
      )
    }
    if (value.includes('[[[') || value.includes(']]]')) {
      throw new L10nError(
        'L10N_RESOURCE',
        `${file.name}: key "${key}" contains "[[[" or "]]]", which Gengo reserves for text it must not translate. Remove them.`,
        {
          file: file.name,
          key,
        },
      )
    }
  }
}
