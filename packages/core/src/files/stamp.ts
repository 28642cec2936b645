import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { basename, dirname, join } from 'node:path'
import type { ResolvedL10nConfig } from '../config/config.ts'
import { discoverNamespaces, localePath } from './resources.ts'

/**
 * How recent (against the clock when it is stamped) a file's modification or change time may be before its stat
 * alone stops proving it unchanged: a file can be edited twice within one tick of its file system's clock (Linux
 * stamps files from a coarse clock, a few ms; HFS+ and ext3 keep whole seconds, FAT two) and keep its size.
 * Such a "racy" file (git's word) is stamped with a hash of its bytes too, until a later look finds it old enough.
 */
export const RACY_MS = 2_000

/** What the stamp needs of the file system; tests pass a coarser one. */
export interface StampIO {
  stat(file: string): { size: bigint; mtimeNs: bigint; ctimeNs: bigint; ino: bigint } | undefined
  read(file: string): Buffer
  now(): number
}

export const NODE_STAMP_IO: StampIO = {
  stat: (file) => statSync(file, { bigint: true, throwIfNoEntry: false }),
  read: (file) => readFileSync(file),
  now: () => Date.now(),
}

/** Per file: size, modification and change time (ns) and inode (atomic writes change it), then `#sha1` for a racy file; `-` when missing. */
export interface Snapshot {
  files: string[]
  states: string[]
}

const sha1 = (data: string | Buffer) => createHash('sha1').update(data).digest('hex')

/** A file's state from its stat alone, and whether the stat is too recent to prove anything. */
function statState(io: StampIO, file: string, now: number): { state: string; racy: boolean } {
  const s = file ? io.stat(file) : undefined
  if (!s) return { state: '-', racy: false }
  const newest = Math.max(Number(s.mtimeNs / 1_000_000n), Number(s.ctimeNs / 1_000_000n))
  return { state: `${s.size}:${s.mtimeNs}:${s.ctimeNs}:${s.ino}`, racy: newest >= now - RACY_MS }
}

function hashed(io: StampIO, file: string, state: string): string {
  try {
    return `${state}#${sha1(io.read(file))}`
  } catch {
    return `${state}#unreadable`
  }
}

/** Stats every file (hashing the racy ones), before they are read: an edit during the read then shows as a change. */
export function snapshot(files: readonly string[], io: StampIO = NODE_STAMP_IO): Snapshot {
  const now = io.now()
  return {
    files: [...files],
    states: files.map((file) => {
      const { state, racy } = statState(io, file, now)
      return racy ? hashed(io, file, state) : state
    }),
  }
}

/**
 * Whether the files are exactly as `saved` saw them: the same list, the same stats, and for an entry that was racy
 * the same bytes. `upgraded` is the snapshot to keep instead when some racy entries are old enough now to stand on
 * their stats (stat equal and bytes equal at a time when any later edit must change the stat).
 */
export function unchanged(saved: Snapshot, files: readonly string[], io: StampIO = NODE_STAMP_IO): { same: boolean; upgraded?: Snapshot } {
  if (saved.files.length !== files.length || saved.files.some((f, i) => f !== files[i])) return { same: false }
  const now = io.now()
  let upgraded: string[] | undefined
  for (let i = 0; i < files.length; i++) {
    const file = files[i] as string
    const was = saved.states[i] as string
    const hash = was.indexOf('#')
    const { state, racy } = statState(io, file, now)
    if (state !== (hash < 0 ? was : was.slice(0, hash))) return { same: false }
    if (hash < 0) continue
    if (hashed(io, file, state) !== was) return { same: false }
    if (!racy) (upgraded ??= [...saved.states])[i] = state
  }
  return { same: true, upgraded: upgraded && { files: saved.files, states: upgraded } }
}

/** The files a sync reads: the config, the lock and every source, target and context file; `written` are those it may write. */
async function syncInputs(config: ResolvedL10nConfig): Promise<{ files: string[]; written: Set<string> }> {
  const namespaces = await discoverNamespaces(config)
  const files = [config.configFile ?? '', config.lockfile]
  const written = new Set([config.lockfile])
  for (const ns of namespaces) {
    files.push(localePath(config, config.files, config.source, ns))
    for (const lng of config.targets) {
      const file = localePath(config, config.files, lng, ns)
      files.push(file)
      written.add(file)
    }
    if (config.context) files.push(localePath(config, config.context, config.source, ns))
  }
  return { files, written }
}

/** A cache file (JSON): what it is for, the snapshot, and a small result or the name of the file with the text. */
interface CacheRecord {
  version: 2
  key: string
  snapshot: Snapshot
  result?: unknown
  /** keptText's text file, beside this one. */
  text?: string
}

/** Where a cache lives: the nearest node_modules/.cache/l10n-sync (as Vite and Babel keep theirs); none without one. */
function cacheFile(config: ResolvedL10nConfig): string | undefined {
  for (let dir = config.root; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'node_modules'))) {
      const id = sha1(`${config.root}\u0000${config.lockfile}`).slice(0, 16)
      return join(dir, 'node_modules', '.cache', 'l10n-sync', `${id}.json`)
    }
    if (dirname(dir) === dir) return undefined
  }
}

function readCache(file: string, key: string): CacheRecord | undefined {
  try {
    const record = JSON.parse(readFileSync(file, 'utf8')) as CacheRecord
    return record.version === 2 && record.key === key && record.snapshot ? record : undefined
  } catch {
    return undefined
  }
}

/** Writes a file whole or not at all (a temporary file renamed over it). Best effort: false when it could not. */
function writeWhole(file: string, data: string): boolean {
  const tmp = `${file}.${process.pid}.tmp`
  try {
    mkdirSync(dirname(file), { recursive: true })
    writeFileSync(tmp, data)
    renameSync(tmp, file)
    return true
  } catch {
    rmSync(tmp, { force: true })
    return false
  }
}

/** A read-only cache means full runs. */
const writeCache = (file: string, record: CacheRecord) => writeWhole(file, JSON.stringify(record))

const keyOf = (config: ResolvedL10nConfig, options: unknown) => sha1(JSON.stringify({ config, options }))

/** The snapshot each sync took before reading (by config object and options), for `rememberResult` to compare with. */
const before = new WeakMap<ResolvedL10nConfig, Map<string, Snapshot>>()

/**
 * The result of the last run, when it was complete and nothing it read has changed since (same config and options,
 * same stats, same bytes for files that were racy): a new run would order, fetch and write nothing, and report the
 * same counts. Only a cache: a missing, unreadable or stale file means a full run, which this snapshots first.
 */
export async function freshResult<T>(config: ResolvedL10nConfig, options: unknown): Promise<{ stamp?: string; result?: T }> {
  const file = cacheFile(config)
  if (!file) return {}
  const key = keyOf(config, options)
  const { files } = await syncInputs(config)
  const saved = readCache(file, key)
  if (saved) {
    const { same, upgraded } = unchanged(saved.snapshot, files)
    if (same) {
      if (upgraded) writeCache(file, { ...saved, snapshot: upgraded })
      return { stamp: key, result: saved.result as T }
    }
  }
  let runs = before.get(config)
  if (!runs) before.set(config, (runs = new Map()))
  runs.set(key, snapshot(files))
  return { stamp: key }
}

/**
 * Remembers a complete run's result under a snapshot of what it leaves on disk. Not when a file the run only reads
 * (config, source, context) changed while it ran: the result may be of the old text, and the next run must be full.
 */
export async function rememberResult(config: ResolvedL10nConfig, options: unknown, result: unknown): Promise<void> {
  const file = cacheFile(config)
  if (!file) return
  const key = keyOf(config, options)
  const { files, written } = await syncInputs(config)
  const pre = before.get(config)?.get(key)
  before.get(config)?.delete(key)
  if (pre && pre.files.length !== files.length) return // a namespace appeared or went while it ran
  const now = NODE_STAMP_IO.now()
  const states: string[] = []
  for (let i = 0; i < files.length; i++) {
    const f = files[i] as string
    const { state, racy } = statState(NODE_STAMP_IO, f, now)
    const was = pre?.files[i] === f ? (pre.states[i] as string) : undefined
    // Unchanged since before the run: its earlier state (with the hash of the bytes as they were before the read).
    if (was !== undefined && state === was.split('#')[0]) states.push(was)
    else if (pre && !written.has(f)) return
    else states.push(racy ? hashed(NODE_STAMP_IO, f, state) : state)
  }
  writeCache(file, { version: 2, key, snapshot: { files, states }, result })
}

/** The text file named by the record in `meta`, whatever its key. */
function previousText(meta: string): string | undefined {
  try {
    const { text } = JSON.parse(readFileSync(meta, 'utf8')) as CacheRecord
    return typeof text === 'string' && !text.includes('/') && !text.includes('\\') ? text : undefined
  } catch {
    return undefined
  }
}

export interface KeptText {
  /** The text, read from its file when it was kept before. */
  text(): string
  /** The file that holds the text; undefined when it could not be written (a read-only cache), or not yet (`keep`). */
  file?: string
  /** Only when `defer` was asked and the text was made: keeps it now (its file and the record); the file, if written. */
  keep?: () => string | undefined
}

/**
 * A text made from some files (the Vite plugin's virtual module), kept while they are unchanged: the record (key and
 * snapshot) in `meta`, the text in a file beside it named for its hash and ending in `ext` (the one before is removed).
 * `make` is called, and its text kept, when the files changed or nothing was kept under this key. With `defer`, a made
 * text is kept only when its `keep` is called (a build hands the text on first, and writes it while the bundler works).
 */
export function keptText(meta: string, ext: string, key: unknown, files: readonly string[], make: () => string, defer = false): KeptText {
  const k = sha1(JSON.stringify(key))
  const saved = readCache(meta, k)
  const dir = dirname(meta)
  if (saved?.text) {
    const file = join(dir, saved.text)
    const { same, upgraded } = unchanged(saved.snapshot, files)
    if (same && existsSync(file)) {
      if (upgraded) writeCache(meta, { ...saved, snapshot: upgraded })
      return { file, text: () => readFileSync(file, 'utf8') }
    }
  }
  const pre = snapshot(files)
  const text = make()
  const keep = (): string | undefined => {
    // Kept only if nothing changed since before it was made (the text could be of either version).
    const now = NODE_STAMP_IO.now()
    if (!files.every((f, i) => statState(NODE_STAMP_IO, f, now).state === (pre.states[i] as string).split('#')[0])) return undefined
    const name = `${basename(meta, '.json')}.${sha1(text).slice(0, 16)}${ext}`
    const file = join(dir, name)
    if (!existsSync(file) && !writeWhole(file, text)) return undefined
    const previous = previousText(meta)
    if (!writeCache(meta, { version: 2, key: k, snapshot: pre, text: name })) return undefined
    if (previous && previous !== name) rmSync(join(dir, previous), { force: true })
    return file
  }
  if (defer) return { text: () => text, keep }
  return { file: keep(), text: () => text }
}
