import { readFileSync } from 'node:fs'
import { dirname, join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { ResolvedL10nConfig } from '../config/config.ts'
import { resolveNamespaces } from '../config/scope-names.ts'
import { contentHash, fileHasher, sha1Hex } from '../files/hash.ts'
import { discoverNamespaces, localePath } from '../files/resources.ts'
import { writeIfChanged } from '../files/write.ts'
import { type FileSystem, nodeFileSystem } from '../io.ts'
import type { Lock } from './entries.ts'
import type { ReadLock } from './lock.ts'

/**
 * The sums file (`l10n.lock.sums` beside `l10n.lock.json`, committed with it): per namespace, one digest of everything
 * its plan reads (the bytes of its source, context and target files, the lock's baselines for it, the options the plan
 * and the reading depend on, and this version of core), written by a run that left the namespace clean (every key of
 * every target language translated, no lock entry, no broken value), with the count of translated keys per language and
 * the keys whose value is the source text (which status reports).
 *
 * A fresh clone (CI), `l10n status`, or a sync after one edit then parses and plans only the namespaces whose digest
 * no longer matches; the rest are known clean without parsing them. Hashing a file's bytes costs a small part of parsing it.
 *
 * One JSON object per line, so git's conflict markers break nothing: a line that does not parse is skipped, and of two
 * lines for one namespace (both sides of a merge) the one that matches wins. Any content is safe: a line that does not
 * match only means that namespace is read in full, as without the file.
 */
export const SUMS_VERSION = 2

export { contentHash }

const HEADER =
  '# l10n-sync: what the last clean sync read, per namespace, so a fresh clone skips what has not changed. Commit it; any line that does not match is ignored.'

/** One namespace's line. */
export interface NamespaceSum {
  ns: string
  sum: string
  /** Per target language: translated keys (the plan's up-to-date count). */
  n: Record<string, number>
  /** Per target language: the keys whose value is the source text (`same-as-source`, reported by status), in file order. */
  s?: Record<string, string[]>
}

/** The sums file of a lock: `l10n.lock.json` → `l10n.lock.sums`. */
export function sumsFile(config: ResolvedL10nConfig): string {
  return `${config.lockfile.replace(/\.json$/i, '')}.sums`
}

/** Lines by namespace; lines that do not parse (conflict markers, hand edits) are skipped, repeated namespaces kept in order. */
export function parseSums(text: string): Map<string, NamespaceSum[]> {
  const out = new Map<string, NamespaceSum[]>()
  for (const line of text.split('\n')) {
    if (!line.startsWith('{')) continue
    let v: unknown
    try {
      v = JSON.parse(line)
    } catch {
      continue
    }
    const { ns, sum, n, s } = (v ?? {}) as Partial<NamespaceSum>
    if (typeof ns !== 'string' || typeof sum !== 'string' || typeof n !== 'object' || n === null || Array.isArray(n)) continue
    if (s !== undefined && !sameKeys(s)) continue
    const counts: Record<string, number> = Object.create(null)
    let ok = true
    for (const [lng, c] of Object.entries(n)) {
      if (!Number.isSafeInteger(c) || (c as number) < 0) ok = false
      else counts[lng] = c as number
    }
    if (!ok) continue
    const list = out.get(ns) ?? []
    list.push({ ns, sum, n: counts, ...(s && { s }) })
    out.set(ns, list)
  }
  return out
}

/** Whether a line's `s` is language → list of keys. */
function sameKeys(s: unknown): s is Record<string, string[]> {
  if (typeof s !== 'object' || s === null || Array.isArray(s)) return false
  return Object.values(s).every((keys) => Array.isArray(keys) && keys.every((k) => typeof k === 'string'))
}

/** Sorted by namespace, one line each, after a header; '' when there is none. */
export function serializeSums(sums: Iterable<NamespaceSum>): string {
  const lines = [...sums]
    .sort((a, b) => (a.ns < b.ns ? -1 : a.ns > b.ns ? 1 : 0))
    .map((s) => JSON.stringify({ ns: s.ns, sum: s.sum, n: s.n, ...(s.s && { s: s.s }) }))
  return lines.length ? `${HEADER}\n${lines.join('\n')}\n` : ''
}

/** The version of core that computes the plan: a new release may plan differently, so its sums differ. */
const CORE_VERSION = (() => {
  try {
    for (let dir = dirname(fileURLToPath(import.meta.url)); dirname(dir) !== dir; dir = dirname(dir)) {
      let manifest: { name?: string; version?: string }
      try {
        manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'))
      } catch {
        continue
      }
      if (manifest.name === '@l10n-sync/core') return manifest.version ?? 'unknown'
    }
  } catch {}
  return 'unknown'
})()

/** The lock's baselines of a namespace as JSON, in key order (a merge may reorder the lock's lines). */
function stringsHash(strings: Record<string, string> | undefined): string {
  if (!strings) return '-'
  const keys = Object.keys(strings)
  // The lock is written sorted: sort only when it is not (a hand edit, or integer-like keys, which objects put first).
  for (let i = 1; i < keys.length; i++) {
    if ((keys[i - 1] as string) > (keys[i] as string)) {
      // The JSON text of the object in sorted order, written out, since an object puts integer-like keys first.
      const pairs = keys.sort().map((k) => `${JSON.stringify(k)}:${JSON.stringify(strings[k])}`)
      return sha1Hex(`{${pairs.join(',')}}`)
    }
  }
  return sha1Hex(JSON.stringify(strings))
}

const optionKeys = new WeakMap<ResolvedL10nConfig, string>()

/** Everything a namespace's plan depends on besides its files and the lock. */
function optionsKey(config: ResolvedL10nConfig): string {
  let key = optionKeys.get(config)
  if (key === undefined) {
    key = JSON.stringify([SUMS_VERSION, CORE_VERSION, config.source, config.files, config.context ?? null, config.i18next])
    optionKeys.set(config, key)
  }
  return key
}

/** The digest of one namespace: its files' content hashes (targets in `config.targets` order) and the lock's baselines. */
function namespaceDigest(
  config: ResolvedL10nConfig,
  ns: string,
  hashes: { source: string; context: string; targets: string[] },
  strings: Record<string, string> | undefined,
): string {
  const parts = [optionsKey(config), ns, hashes.source, hashes.context, config.targets.join(','), ...hashes.targets, stringsHash(strings)]
  return sha1Hex(parts.join('\n')).slice(0, 24)
}

/** Whether the lock holds anything for the namespace beyond its baselines: an entry in any language, or any order intent. */
function lockHolds(lock: Lock, ns: string, targets: readonly string[]): boolean {
  if (lock.intents && Object.keys(lock.intents).length > 0) return true
  for (const lng of targets) {
    const entries = lock.targets[lng]?.[ns]
    if (entries) for (const _ in entries) return true
  }
  return false
}

function readBytes(file: string, fs: FileSystem): Buffer | undefined {
  try {
    return fs.readFileSync(file)
  } catch {
    return undefined
  }
}

/** What a run knows of the sums file: its lines, and the text it was read as (written again only when it changes). */
export interface ReadSums {
  lines: Map<string, NamespaceSum[]>
  text?: string
}

export function readSums(config: ResolvedL10nConfig, fs: FileSystem = nodeFileSystem): ReadSums {
  const bytes = readBytes(sumsFile(config), fs)
  const text = bytes?.toString('utf8')
  return { lines: text === undefined ? new Map() : parseSums(text), text }
}

/**
 * The namespaces known clean without parsing them: a line of the sums file whose digest equals the one of the files as
 * they are now, with a count for every target language (`n`: language → translated keys).
 */
export function provenNamespaces(
  config: ResolvedL10nConfig,
  lock: Lock,
  sums: ReadSums,
  namespaces: readonly string[],
  fs: FileSystem = nodeFileSystem,
): Map<string, NamespaceSum> {
  const proven = new Map<string, NamespaceSum>()
  const hashOf = fileHasher(fs)
  for (const ns of namespaces) {
    const candidates = sums.lines.get(ns)?.filter((s) => config.targets.every((lng) => s.n[lng] !== undefined))
    if (!candidates?.length || lockHolds(lock, ns, config.targets)) continue
    const source = hashOf(localePath(config, config.files, config.source, ns))
    if (source === '-') continue
    const context = config.context ? hashOf(localePath(config, config.context, config.source, ns)) : '-'
    const targets = config.targets.map((lng) => hashOf(localePath(config, config.files, lng, ns)))
    const sum = namespaceDigest(config, ns, { source, context, targets }, lock.strings[ns])
    const hit = candidates.find((s) => s.sum === sum)
    if (hit) proven.set(ns, hit)
  }
  return proven
}

/**
 * The sums file and the namespaces of the scope (`namespaces`: as asked for; undefined: all) it proves clean, with the
 * namespaces it found (`discovered`, for readSources). Nothing is proven from a lock that did not parse: its baselines are gone.
 */
export async function readProven(
  config: ResolvedL10nConfig,
  read: Pick<ReadLock, 'lock' | 'corrupt'>,
  namespaces: readonly string[] | undefined,
  fs: FileSystem = nodeFileSystem,
): Promise<{ sums: ReadSums; proven: Map<string, NamespaceSum>; discovered?: string[] }> {
  const sums = readSums(config, fs)
  if (read.corrupt || sums.lines.size === 0) return { sums, proven: new Map() }
  const discovered = await discoverNamespaces(config, fs)
  const scope = resolveNamespaces(discovered, namespaces)
  return { sums, proven: provenNamespaces(config, read.lock, sums, scope, fs), discovered }
}

/** A namespace as a run read it and left it: the texts its plan saw (targets written by the run: their new text). */
export interface CleanNamespace {
  ns: string
  source: string | undefined
  context: string | undefined
  /** Per target language, in `config.targets` order: the content hash of the file (`contentHash`). */
  targets: string[]
  counts: Record<string, number>
  /** Per target language: the keys whose value is the source text. */
  same?: Record<string, string[]>
}

/**
 * The sums after a run: the namespaces it read and left clean get a new line; the lines of namespaces it did not read,
 * or left unclean, stay as they are (a line that no longer matches costs only a full read, and leaving it spares the
 * file a change on every edit); namespaces the project no longer has lose theirs.
 */
export function nextSums(
  config: ResolvedL10nConfig,
  lock: Lock,
  sums: ReadSums,
  proven: ReadonlyMap<string, NamespaceSum>,
  clean: readonly CleanNamespace[],
  namespaces: readonly string[],
): NamespaceSum[] {
  const out = new Map<string, NamespaceSum>()
  const exists = new Set(namespaces)
  for (const [ns, lines] of sums.lines) {
    // The line that proved it; else (two lines of a merge that this run did not settle) the first.
    const line = proven.get(ns) ?? lines[0]
    if (exists.has(ns) && line) out.set(ns, line)
  }
  for (const c of clean) {
    if (lockHolds(lock, c.ns, config.targets)) continue
    const hashes = {
      source: contentHash(c.source),
      context: config.context ? contentHash(c.context) : '-',
      targets: c.targets,
    }
    out.set(c.ns, { ns: c.ns, sum: namespaceDigest(config, c.ns, hashes, lock.strings[c.ns]), n: c.counts, ...(c.same && { s: c.same }) })
  }
  return [...out.values()]
}

/** Writes the sums when they changed. A sums file that cannot be written costs speed only: the warning says so. */
export async function writeSums(
  config: ResolvedL10nConfig,
  sums: ReadSums,
  next: readonly NamespaceSum[],
  fs: FileSystem = nodeFileSystem,
): Promise<string | undefined> {
  const text = serializeSums(next)
  if (text === (sums.text ?? '')) return undefined
  try {
    await writeIfChanged(sumsFile(config), text, sums.text, fs)
  } catch (error) {
    return `Could not write ${relative(config.root, sumsFile(config))} (${(error as Error).message}); the next sync reads every file in full, which is slower but gives the same result.`
  }
  return undefined
}
