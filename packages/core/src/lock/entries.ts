import { isSafeId } from '@l10n-sync/gengo'
import { L10nError } from '../errors.ts'
import { type OrderIntent, readIntents } from './intents.ts'

export const LOCK_VERSION = 1

/** Why a target key is not simply "translated from the source text in `strings`". */
export type LockState = 'pending' | 'interim' | 'invalid' | 'stale'

export interface LockEntry {
  /** Hash of the source text this entry is about (what was ordered, or what the value was translated from). */
  h: string
  s: LockState
  /** Gengo order id, until the job ids are known. */
  order?: string
  /** Gengo job id. */
  job?: string
  /** Hash of the target value when ordered or written (null: there was none); a different value later means a person edited it. */
  v?: string | null
  /** Unix seconds when ordered. */
  t?: number
  /** Hash of a broken translation already sent back for revision. */
  bad?: string
  /** The customer's review of a reviewable job (`l10n review`, the dev page), recorded before it is sent to Gengo. */
  r?: ReviewRecord
  /** A reply to the translator's question (`l10n comments --reply`, the dev page), recorded before it is sent; removed once Gengo has it. */
  q?: ReplyRecord
}

/** A reply written ahead: sent at most once, because the next run first looks for it in the job's thread. */
export interface ReplyRecord {
  /** Gengo job id it answers. */
  job: string
  /** The reply's text. */
  c: string
  /** Unix seconds when asked. */
  t: number
}

function replyRecord(v: unknown): ReplyRecord | undefined {
  if (typeof v !== 'object' || v === null) return undefined
  const r = v as Record<string, unknown>
  if (typeof r.job !== 'string' || !isSafeId(r.job) || typeof r.c !== 'string' || typeof r.t !== 'number') return undefined
  return { job: r.job, c: r.c, t: r.t }
}

/** An approve or revise, kept until the translation is written, so a crash between recording and sending loses nothing. */
export interface ReviewRecord {
  a: 'approve' | 'revise'
  /** Unix seconds when asked. */
  t: number
  /** Gengo job id it was asked for. */
  job: string
  /** Set once Gengo accepted it. */
  sent?: boolean
  /** approve: rating 1-5 and feedback for the translator. */
  rating?: number
  fb?: string
  /** revise: the comment, and the hash of the translation it was asked about. */
  c?: string
  b?: string
}

function reviewRecord(v: unknown): ReviewRecord | undefined {
  if (typeof v !== 'object' || v === null) return undefined
  const r = v as Record<string, unknown>
  if ((r.a !== 'approve' && r.a !== 'revise') || typeof r.t !== 'number' || typeof r.job !== 'string') return undefined
  const out: ReviewRecord = { a: r.a, t: r.t, job: r.job }
  if (r.sent === true) out.sent = true
  if (typeof r.rating === 'number') out.rating = r.rating
  for (const k of ['fb', 'c', 'b'] as const) if (typeof r[k] === 'string') out[k] = r[k] as string
  return out
}

/**
 * The lock: compact by design. `strings` holds each source string as of the
 * last sync (the baseline for "stale" and for `l10n diff`); a target key with
 * no entry in `targets` is translated from that text. Only exceptions
 * (pending, interim, invalid, stale) take room, so 10k keys × 20 languages
 * cost about one source file, not twenty.
 */
export interface Lock {
  version: typeof LOCK_VERSION
  source: string
  /** ns → key → source text. */
  strings: Record<string, Record<string, string>>
  /** lng → ns → target key → entry. */
  targets: Record<string, Record<string, Record<string, LockEntry>>>
  /** Write-ahead order intents (batch id → intent): POSTs whose outcome is not yet recorded. Optional; absent when empty. */
  intents?: Record<string, OrderIntent>
}

export function emptyLock(source: string): Lock {
  return { version: LOCK_VERSION, source, strings: {}, targets: {} }
}

function nullProto<T>(): Record<string, T> {
  return Object.create(null) as Record<string, T>
}

/** Copies into prototype-free records, so keys such as `__proto__` are plain data. */
function safe<T>(
  value: unknown,
  depth: number,
  leaf: (v: unknown, parents: string[], key: string) => T | undefined,
  path: string[] = [],
): Record<string, any> {
  const out = nullProto<any>()
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return out
  for (const k of Object.keys(value)) {
    const v = (value as Record<string, unknown>)[k]
    if (depth > 1) out[k] = safe(v, depth - 1, leaf, [...path, k])
    else {
      const l = leaf(v, path, k)
      if (l !== undefined) out[k] = l
    }
  }
  return out
}

/**
 * The lock's baselines, namespace → key → text, made prototype-free in place (the parsed JSON is the run's own: no
 * copy of 10k keys); what is not a string is dropped.
 */
function safeStrings(value: unknown): Record<string, Record<string, string>> {
  const out = nullProto<Record<string, string>>()
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return out
  for (const ns of Object.keys(value)) {
    const v = (value as Record<string, unknown>)[ns]
    if (typeof v !== 'object' || v === null || Array.isArray(v)) {
      out[ns] = nullProto()
      continue
    }
    const strings = Object.setPrototypeOf(v, null) as Record<string, unknown>
    for (const k in strings) if (typeof strings[k] !== 'string') delete strings[k]
    out[ns] = strings as Record<string, string>
  }
  return out
}

const STATES = new Set<LockState>(['pending', 'interim', 'invalid', 'stale'])

/** A lock entry; an unsafe job or order id (hand-edited, or from a hostile answer) is refused by lock, key and value. */
function entry(v: unknown, [lng, ns]: string[], key: string, name: string): LockEntry | undefined {
  if (typeof v !== 'object' || v === null) return undefined
  const e = v as Record<string, unknown>
  if (typeof e.h !== 'string' || !STATES.has(e.s as LockState)) return undefined
  const out: LockEntry = { h: e.h, s: e.s as LockState }
  for (const field of ['order', 'job'] as const) {
    const id = e[field]
    if (id === undefined) continue
    if (typeof id !== 'string' || !isSafeId(id)) {
      throw new L10nError(
        'L10N_LOCK',
        `${name}: the entry for ${lng} ${ns}:${key} (targets → ${JSON.stringify(lng)} → ${JSON.stringify(ns)} → ${JSON.stringify(key)}) has ${field} ${JSON.stringify(id).slice(0, 80)}, which is not a Gengo ${field} id (digits, letters, - or _). Delete that entry from ${name} and sync again: the key is ordered again and Gengo's lazy loading returns its translation for free.`,
        { file: name, key: `${lng}.${ns}.${key}` },
      )
    }
    out[field] = id
  }
  if (typeof e.v === 'string' || e.v === null) out.v = e.v
  if (typeof e.t === 'number') out.t = e.t
  if (typeof e.bad === 'string') out.bad = e.bad
  const r = reviewRecord(e.r)
  if (r) out.r = r
  const q = replyRecord(e.q)
  if (q) out.q = q
  return out
}

/** A lock from parsed JSON of a known version and source: prototype-free records, entries and ids checked. */
export function fromParsed(parsed: any, source: string, name: string): Lock {
  return {
    version: LOCK_VERSION,
    source,
    strings: safeStrings(parsed.strings),
    targets: safe(parsed.targets, 3, (v, parents, key) => entry(v, parents, key, name)),
    intents: readIntents(parsed.intents),
  }
}

function sortedObject(record: Record<string, unknown>, depth: number): Record<string, unknown> {
  const out = nullProto<unknown>()
  for (const k of Object.keys(record).sort()) {
    const v = record[k]
    if (depth > 1 && typeof v === 'object' && v !== null) {
      const inner = sortedObject(v as Record<string, unknown>, depth - 1)
      if (Object.keys(inner).length > 0) out[k] = inner
    } else out[k] = v
  }
  return out
}

/** Sorted keys, two-space JSON, a trailing newline: small, stable git diffs. */
export function serializeLock(lock: Lock): string {
  const body = {
    version: lock.version,
    source: lock.source,
    strings: sortedObject(lock.strings, 2),
    targets: sortedObject(lock.targets, 3),
    ...(lock.intents && Object.keys(lock.intents).length > 0 && { intents: sortedObject(lock.intents, 1) }),
  }
  return `${JSON.stringify(body, null, 2)}\n`
}

export function getEntry(lock: Lock, lng: string, ns: string, key: string): LockEntry | undefined {
  return lock.targets[lng]?.[ns]?.[key]
}

export function setEntry(lock: Lock, lng: string, ns: string, key: string, value: LockEntry | undefined): void {
  if (value === undefined) {
    const perNs = lock.targets[lng]?.[ns]
    if (perNs) delete perNs[key]
    return
  }
  lock.targets[lng] ??= nullProto()
  const perLng = lock.targets[lng] as Record<string, Record<string, LockEntry>>
  perLng[ns] ??= nullProto()
  ;(perLng[ns] as Record<string, LockEntry>)[key] = value
}
