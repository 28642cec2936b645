import { relative } from 'node:path'
import type { ResolvedL10nConfig } from '../config/config.ts'
import { writeIfChanged } from '../files/write.ts'
import { type FileSystem, nodeFileSystem } from '../io.ts'

/** The sums file's format: its lines, read and written (what they prove: lock/sums.ts). */

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
  /**
   * The lock as the run that wrote the line left it (lockHash), when it held no intent, and the hash of the namespace's
   * baselines in it (`b`): while the lock's text is that one, the line is checked without parsing the lock.
   */
  l?: string
  b?: string
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
    const { ns, sum, n, s, l, b } = (v ?? {}) as Partial<NamespaceSum>
    if (typeof ns !== 'string' || typeof sum !== 'string' || typeof n !== 'object' || n === null || Array.isArray(n)) continue
    const byLock = typeof l === 'string' && typeof b === 'string' ? { l, b } : undefined
    if (s !== undefined && !sameKeys(s)) continue
    const counts: Record<string, number> = Object.create(null)
    let ok = true
    for (const [lng, c] of Object.entries(n)) {
      if (!Number.isSafeInteger(c) || (c as number) < 0) ok = false
      else counts[lng] = c as number
    }
    if (!ok) continue
    const list = out.get(ns) ?? []
    list.push({ ns, sum, ...byLock, n: counts, ...(s && { s }) })
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
    .map((s) => JSON.stringify({ ns: s.ns, sum: s.sum, ...(s.l && s.b && { l: s.l, b: s.b }), n: s.n, ...(s.s && { s: s.s }) }))
  return lines.length ? `${HEADER}\n${lines.join('\n')}\n` : ''
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
