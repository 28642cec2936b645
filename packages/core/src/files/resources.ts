import type { Dirent } from 'node:fs'
import { join, relative, resolve, sep } from 'node:path'
import type { ResolvedL10nConfig } from '../config/config.ts'
import { resolveNamespaces } from '../config/scope-names.ts'
import { L10nError } from '../errors.ts'
import { type FileSystem, nodeFileSystem } from '../io.ts'
import { type ContextNotes, parseContext } from './context.ts'
import { type FlatEntry, flatten, flattenValues, type OtherLeaf } from './flatten.ts'
import { contentHash } from './hash.ts'
import { DEFAULT_FORMAT, detectFormat, type Leaves, lineColumn, parseJson } from './json.ts'
import { checkSource } from './source-checks.ts'
import type { LocaleFile, Resources } from './types.ts'

export const DEFAULT_NS = 'translation'

export type { LocaleFile, Resources } from './types.ts'

/**
 * The namespace `t('key')` reads without a prefix: `i18next.defaultNS` when set (it must be one of `namespaces`), else
 * 'translation' (i18next's own default) or 'common' (what `l10n init` writes) when present, else the first by name.
 * i18next itself, given `ns` without `defaultNS`, takes `ns[0]`: with `cart` and `common` that is `cart`, and
 * `t('welcome')` of common.json answers "welcome".
 */
export function defaultNamespace(config: ResolvedL10nConfig, namespaces: readonly string[]): string {
  const set = config.i18next.defaultNS
  if (set !== undefined) {
    if (namespaces.includes(set)) return set
    throw new L10nError(
      'L10N_CONFIG',
      `i18next.defaultNS is '${set}', but the source language has no such namespace (found: ${namespaces.join(', ') || 'none'}). Set it to one of those, or add ${localePath(config, config.files, config.source, set)}.`,
      { option: 'i18next.defaultNS', file: config.configFile },
    )
  }
  for (const ns of [DEFAULT_NS, 'common']) if (namespaces.includes(ns)) return ns
  return [...namespaces].sort()[0] ?? DEFAULT_NS
}

function escapeGlob(s: string): string {
  return s.replace(/[*?[\]{}()!]/g, '\\$&')
}

/** The order namespaces are read, planned and reported in (a full read and one that skips proven namespaces alike). */
export const byNamespace = (a: string, b: string): number => a.localeCompare(b)

const paths = new WeakMap<ResolvedL10nConfig, Map<string, string>>()

/** The file for a language and namespace (resolved once per config: a run asks for each many times). */
export function localePath(config: ResolvedL10nConfig, pattern: string, lng: string, ns: string): string {
  let known = paths.get(config)
  if (!known) paths.set(config, (known = new Map()))
  const id = `${pattern}\u0000${lng}\u0000${ns}`
  let file = known.get(id)
  if (file === undefined) known.set(id, (file = resolve(config.root, pattern.split('{{lng}}').join(lng).split('{{ns}}').join(ns))))
  return file
}

/** Matches absolute paths against a `{{lng}}`/`{{ns}}` pattern; the groups `lng` and `ns` name what matched. */
export function patternRegExp(config: ResolvedL10nConfig, pattern: string): RegExp {
  const abs = resolve(config.root, pattern).split(sep).join('/')
  const escaped = abs.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
  return new RegExp(`^${escaped.replace('\\{\\{lng\\}\\}', '(?<lng>[^/]+)').replace('\\{\\{ns\\}\\}', '(?<ns>[^/]+)')}$`)
}

/**
 * The source language's candidate files: what fast-glob finds for the pattern with `{{ns}}` as `*`
 * (files and, marked with a trailing `/`, directories; no dotfiles for a leading `*`). When `{{ns}}` is in the
 * last path segment (the usual `locales/{{lng}}/{{ns}}.json`) one readdir of the directory answers, without
 * loading fast-glob (about 80 ms of start-up); other layouts, or a directory that cannot be read, go to fast-glob.
 */
async function sourceCandidates(config: ResolvedL10nConfig, fs: FileSystem): Promise<string[]> {
  const pattern = config.files.split('{{lng}}').join(config.source)
  const slash = pattern.lastIndexOf('/')
  const last = pattern.slice(slash + 1)
  if (last.split('{{ns}}').length === 2 && !pattern.slice(0, slash + 1).includes('{{ns}}')) {
    const dir = resolve(config.root, pattern.slice(0, slash + 1))
    let entries: Dirent[] | undefined
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true })
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return []
    }
    if (entries) {
      const [before, after] = last.split('{{ns}}') as [string, string]
      const out: string[] = []
      for (const e of entries) {
        // The glob's last segment, `before*after`; a leading `*` skips dotfiles (fast-glob's dot: false).
        const { name } = e
        if (name.length < before.length + after.length || !name.startsWith(before) || !name.endsWith(after)) continue
        if (before === '' && name.startsWith('.')) continue
        const file = join(dir, name)
        // Like fast-glob, a symbolic link counts as what it points to (a broken one as a file).
        const isDir = e.isDirectory() || (e.isSymbolicLink() && fs.statSync(file, { throwIfNoEntry: false })?.isDirectory() === true)
        out.push(isDir ? `${file}/` : file)
      }
      return out
    }
  }
  const { default: fg } = await import('fast-glob')
  const glob = pattern.split('{{ns}}').map(escapeGlob).join('*')
  return fg(glob, { cwd: config.root, onlyFiles: false, markDirectories: true, dot: false, absolute: true, fs })
}

/** Namespaces of the source language, from the files that exist (context files excluded). */
export async function discoverNamespaces(config: ResolvedL10nConfig, fs: FileSystem = nodeFileSystem): Promise<string[]> {
  if (!config.files.includes('{{ns}}')) return [DEFAULT_NS]
  const files = patternRegExp(config, config.files)
  const context = config.context ? patternRegExp(config, config.context) : undefined
  const found = await sourceCandidates(config, fs)
  const names = new Set<string>()
  for (const f of found) {
    if (f.endsWith('/')) {
      const name = relative(config.root, f.slice(0, -1))
      throw new L10nError('L10N_FS', `${name} is a directory, where a source file should be. Remove or rename the directory.`, {
        file: name,
      })
    }
    const path = f.split(sep).join('/')
    if (context?.test(path)) continue
    const ns = files.exec(path)?.groups?.ns
    if (ns) names.add(ns)
  }
  return [...names].sort()
}

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true })

/** Reads a locale file as strict UTF-8: invalid bytes are refused by file, line and key, never replaced by U+FFFD and sent on. */
async function readText(file: string, name: string, fs: FileSystem, onBytes?: (bytes: Buffer) => void): Promise<string | undefined> {
  let bytes: Buffer
  try {
    // Synchronously: for many small files one read each beats the thread pool's open, stat, read, close.
    bytes = fs.readFileSync(file)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'ENOENT' || code === 'ENOTDIR') return undefined // ENOTDIR: a file where a directory should be, named by preflight
    if (code === 'EISDIR') {
      throw new L10nError('L10N_FS', `${name} is a directory, where a locale file should be. Remove or rename the directory.`, {
        file: name,
        cause: error,
      })
    }
    throw new L10nError('L10N_FS', `Could not read ${name}: ${(error as Error).message}. Check its permissions.`, {
      file: name,
      cause: error,
    })
  }
  onBytes?.(bytes)
  try {
    return utf8.decode(bytes)
  } catch (error) {
    const lossy = bytes.toString('utf8')
    const at = lineColumn(lossy, Math.max(0, lossy.indexOf('\uFFFD')))
    let key: string | undefined
    try {
      key = flatten(JSON.parse(lossy), name, '.').find((e) => e.value.includes('\uFFFD'))?.key
    } catch {}
    throw new L10nError(
      'L10N_PARSE',
      `${name}:${at.line}:${at.column}${key ? `: key "${key}"` : ''} is not valid UTF-8. Save the file as UTF-8; nothing was ordered or written.`,
      { file: name, key, cause: error },
    )
  }
}

/** Reads one locale file: strict UTF-8, JSON checked, flattened (a target's paths lazily); `hash`: with its content hash. */
export async function readLocaleFile(
  config: ResolvedL10nConfig,
  lng: string,
  ns: string,
  fs: FileSystem = nodeFileSystem,
  hash = false,
  lazy = false,
): Promise<LocaleFile> {
  const file = localePath(config, config.files, lng, ns)
  const name = relative(config.root, file)
  let sum = hash ? contentHash(undefined) : undefined
  const text = await readText(file, name, fs, hash ? (bytes) => (sum = contentHash(bytes)) : undefined)
  const sep = config.i18next.keySeparator
  const base = { lng, ns, file, name, text, format: text === undefined ? DEFAULT_FORMAT : detectFormat(text), ...(sum && { hash: sum }) }
  if (text === undefined) return { ...base, entries: [], values: new Map(), others: [], hasOthers: false }
  const count: Leaves = { strings: 0, others: false }
  const parsed = parseJson(text, name, 'L10N_PARSE', count)
  if (lng === config.source) {
    const entries = flatten(parsed, name, sep, { source: true })
    return { ...base, entries, values: new Map(entries.map((e) => [e.key, e.value])), others: [], hasOthers: false }
  }
  // Targets are read on every run but their paths are needed only when they are rewritten: flatten those lazily,
  // from the text, so the parsed tree is not held meanwhile.
  let entries: FlatEntry[] | undefined
  let others: OtherLeaf[] | undefined
  const full = () => {
    others = []
    entries = flatten(parseJson(text, name), name, sep, { others })
  }
  let hasOthers = false
  let values: Map<string, string> | undefined
  let leaves: { tree: unknown; leaves: number } | undefined
  let unflattened: unknown
  if (lazy && typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) {
    unflattened = parsed
    // One plan's read (lazy): the tree is kept, the key → value map built only if the plan asks for it.
    hasOthers = count.others
    leaves = { tree: parsed, leaves: count.strings }
  } else {
    values = flattenValues(parsed, name, sep, () => {
      hasOthers = true
    })
  }
  return {
    ...base,
    ...leaves,
    hasOthers,
    get entries() {
      if (!entries) full()
      return entries as FlatEntry[]
    },
    get others() {
      if (!others) full()
      return others as OtherLeaf[]
    },
    get values() {
      values ??= flattenValues(unflattened, name, sep)
      return values
    },
  }
}

/** A namespace's context file: key → context, and the text it was read as (for the sums, lock/sums.ts). */
async function readContext(config: ResolvedL10nConfig, ns: string, fs: FileSystem): Promise<{ map: ContextNotes; text?: string }> {
  if (!config.context) return { map: new Map() }
  const file = localePath(config, config.context, config.source, ns)
  const name = relative(config.root, file)
  const text = await readText(file, name, fs)
  if (text === undefined) return { map: new Map() }
  return { map: parseContext(parseJson(text, name), name, config.i18next.keySeparator), text }
}

export interface ReadOptions {
  /** Only these namespaces (checked). @default all */
  namespaces?: readonly string[]
  /** @default node:fs */
  fs?: FileSystem
  /** Namespaces not to read: known clean from the sums file (lock/sums.ts). @default none */
  skip?: ReadonlySet<string>
  /** The source language's namespaces, when the caller has just looked (readProven): not looked up again. */
  discovered?: string[]
}

/** Reads every source, target and context file up front: a bad file stops everything before anything is written. */
export async function readResources(config: ResolvedL10nConfig, options: ReadOptions = {}): Promise<Resources> {
  const fs = options.fs ?? nodeFileSystem
  const resources = await readSources(config, options)
  const namespaces = [...resources.source.keys()]
  await Promise.all(
    config.targets.map(async (lng) => {
      const perNs = new Map<string, LocaleFile>()
      for (const ns of namespaces) perNs.set(ns, await readLocaleFile(config, lng, ns, fs))
      resources.targets.set(lng, perNs)
    }),
  )
  return resources
}

/**
 * The source and context files of the namespaces to read (sorted by name), checked; no target yet (`targets` empty): a
 * run reads those one at a time (`readLocaleFile`, lazily flattened), planning each as it goes (status.ts planEachFile).
 */
export async function readSources(config: ResolvedL10nConfig, options: ReadOptions = {}): Promise<Resources> {
  const fs = options.fs ?? nodeFileSystem
  let namespaces = options.discovered ?? (await discoverNamespaces(config, fs))
  if (namespaces.length === 0) {
    throw new L10nError(
      'L10N_RESOURCE',
      `No source files found for '${config.source}' with the pattern ${config.files} under ${config.root}. Check \`files\` and \`source\`.`,
      { option: 'files' },
    )
  }
  const discovered = namespaces
  namespaces = resolveNamespaces(namespaces, options.namespaces)
  if (options.skip?.size) namespaces = namespaces.filter((ns) => !options.skip?.has(ns))
  const source = new Map<string, LocaleFile>()
  const context = new Map<string, Map<string, string>>()
  const contextText = new Map<string, string | undefined>()
  await Promise.all(
    namespaces.map(async (ns) => {
      const file = await readLocaleFile(config, config.source, ns, fs)
      checkSource(config, file)
      source.set(ns, file)
      const c = await readContext(config, ns, fs)
      context.set(ns, c.map)
      contextText.set(ns, c.text)
    }),
  )
  // Keep the namespace order stable.
  return { source: new Map([...source].sort(([a], [b]) => byNamespace(a, b))), targets: new Map(), context, contextText, discovered }
}
