import { readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { ResolvedL10nConfig } from '../config/config.ts'
import { resolveNamespaces } from '../config/scope-names.ts'
import { contentHash, fileHasher, sha1Hex } from '../files/hash.ts'
import { discoverNamespaces, localePath } from '../files/resources.ts'
import { type FileSystem, nodeFileSystem } from '../io.ts'
import type { Lock } from './entries.ts'
import { lockHash, type ReadLock } from './lock.ts'
import type { NamespaceSum, ReadSums } from './sums-file.ts'

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

export { type NamespaceSum, parseSums, type ReadSums, readSums, serializeSums, sumsFile, writeSums } from './sums-file.ts'
export { contentHash }

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
  const keys = strings ? Object.keys(strings) : []
  // No baselines, as the lock file shows it: an empty namespace is not written (serializeLock), so `{}` reads back as none.
  if (!strings || keys.length === 0) return '-'
  // The lock is written sorted: sort only when it is not (a hand edit, or integer-like keys, which objects put first).
  for (let i = 1; i < keys.length; i++) {
    if ((keys[i - 1] as string) > (keys[i] as string)) {
      // The JSON text of the object in sorted order, written out, since an object puts integer-like keys first.
      const pairs = keys.sort().map((k) => `${JSON.stringify(k)}:${JSON.stringify(strings[k])}`)
      return sha1Hex(`{${pairs.join(',')}}`).slice(0, 24)
    }
  }
  return sha1Hex(JSON.stringify(strings)).slice(0, 24)
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

/** The digest of one namespace: its files' content hashes (targets in `config.targets` order) and the lock's baselines (stringsHash). */
function namespaceDigest(
  config: ResolvedL10nConfig,
  ns: string,
  hashes: { source: string; context: string; targets: string[] },
  baselines: string,
): string {
  const parts = [optionsKey(config), ns, hashes.source, hashes.context, config.targets.join(','), ...hashes.targets, baselines]
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

/** The lock texts the sums file's lines were written with (lockHash): readLock trusts a lock that is one of them. */
export function trustedLocks(sums: ReadSums): Set<string> {
  const out = new Set<string>()
  for (const lines of sums.lines.values()) for (const s of lines) if (s.l !== undefined) out.add(s.l)
  return out
}

/**
 * The namespaces known clean without parsing them: a line of the sums file whose digest equals the one of the files as
 * they are now, with a count for every target language (`n`: language → translated keys). A line written with this very
 * lock (`l` is its hash) brings the hash of its baselines (`b`), and the lock held nothing for it: the lock is not
 * parsed. Any other line is checked against the lock's baselines, when the lock holds nothing for the namespace.
 * A line that matched keeps, as `b`, the hash of the baselines it matched (nextSums moves it to a new lock).
 */
export function provenNamespaces(
  config: ResolvedL10nConfig,
  read: Pick<ReadLock, 'lock' | 'hash'>,
  sums: ReadSums,
  namespaces: readonly string[],
  fs: FileSystem = nodeFileSystem,
): Map<string, NamespaceSum> {
  const proven = new Map<string, NamespaceSum>()
  const hashOf = fileHasher(fs)
  for (const ns of namespaces) {
    const candidates = sums.lines.get(ns)?.filter((s) => config.targets.every((lng) => s.n[lng] !== undefined))
    if (!candidates?.length) continue
    const byLock = read.hash === undefined ? [] : candidates.filter((s) => s.l === read.hash && s.b !== undefined)
    const others = byLock.length < candidates.length && !lockHolds(read.lock, ns, config.targets)
    if (byLock.length === 0 && !others) continue
    const source = hashOf(localePath(config, config.files, config.source, ns))
    if (source === '-') continue
    const context = config.context ? hashOf(localePath(config, config.context, config.source, ns)) : '-'
    const targets = config.targets.map((lng) => hashOf(localePath(config, config.files, lng, ns)))
    const digest = (baselines: string) => namespaceDigest(config, ns, { source, context, targets }, baselines)
    const hit = byLock.find((s) => s.sum === digest(s.b as string))
    if (hit) proven.set(ns, hit)
    else if (others) {
      const b = stringsHash(read.lock.strings[ns])
      const line = candidates.find((s) => s.sum === digest(b))
      if (line) proven.set(ns, { ...line, b })
    }
  }
  return proven
}

/**
 * The sums file and the namespaces of the scope (`namespaces`: as asked for; undefined: all) it proves clean, with the
 * namespaces it found (`discovered`, for readSources). Nothing is proven from a lock that did not parse: its baselines are gone.
 */
export async function readProven(
  config: ResolvedL10nConfig,
  read: Pick<ReadLock, 'lock' | 'corrupt' | 'hash'>,
  sums: ReadSums,
  namespaces: readonly string[] | undefined,
  fs: FileSystem = nodeFileSystem,
): Promise<{ proven: Map<string, NamespaceSum>; discovered?: string[] }> {
  if (read.corrupt || sums.lines.size === 0) return { proven: new Map() }
  const discovered = await discoverNamespaces(config, fs)
  const scope = resolveNamespaces(discovered, namespaces)
  return { proven: provenNamespaces(config, read, sums, scope, fs), discovered }
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
 * file a change on every edit); namespaces the project no longer has lose theirs. `lockText` is the lock as the run
 * leaves it on disk: when it holds no intent, new lines, and proven lines whose baselines it keeps, carry its hash.
 */
export function nextSums(
  config: ResolvedL10nConfig,
  lock: Lock,
  sums: ReadSums,
  proven: ReadonlyMap<string, NamespaceSum>,
  clean: readonly CleanNamespace[],
  namespaces: readonly string[],
  lockText: string | undefined,
): NamespaceSum[] {
  const out = new Map<string, NamespaceSum>()
  const exists = new Set(namespaces)
  // Under a lock with an intent no line is made or moved (lockHolds), and readLock never takes such a lock unparsed.
  const l = lockText === undefined ? undefined : lockHash(lockText)
  for (const [ns, lines] of sums.lines) {
    // The line that proved it; else (two lines of a merge that this run did not settle) the first.
    let line = proven.get(ns) ?? lines[0]
    if (!exists.has(ns) || !line) continue
    // Proven, and the run moved the lock on: the line holds for the new lock while its baselines are the same.
    if (l !== undefined && line.l !== l && line.b !== undefined && proven.has(ns)) {
      const { ns: _ns, sum, n, s, b } = line
      const keeps = stringsHash(lock.strings[ns]) === b && !lockHolds(lock, ns, config.targets)
      line = { ns, sum, ...(keeps && { l, b }), n, ...(s && { s }) }
    }
    out.set(ns, line)
  }
  for (const c of clean) {
    if (lockHolds(lock, c.ns, config.targets)) continue
    const hashes = {
      source: contentHash(c.source),
      context: config.context ? contentHash(c.context) : '-',
      targets: c.targets,
    }
    const b = stringsHash(lock.strings[c.ns])
    out.set(c.ns, {
      ns: c.ns,
      sum: namespaceDigest(config, c.ns, hashes, b),
      ...(l && { l, b }),
      n: c.counts,
      ...(c.same && { s: c.same }),
    })
  }
  return [...out.values()]
}
