import { randomBytes } from 'node:crypto'
import { isSafeId } from '@l10n-sync/gengo'
import { shortHash } from '../files/hash.ts'

/**
 * A write-ahead order intent: recorded in the lock (atomically) before `POST translate/jobs`,
 * replaced by pending entries with the order id right after Gengo answers. An intent found at
 * the start of a run means a POST whose outcome is unknown (a crash, a lost answer): it is
 * reconciled through `GET translate/jobs` before anything is ordered again.
 */
export interface OrderIntent {
  /** Unix seconds just before the POST. */
  t: number
  /** i18next target language of the batch. */
  lng: string
  /** Job key in the batch → hash of (body_src, lc_tgt), to hold those jobs back while unresolved. */
  jobs: Record<string, string>
  /** Gengo's order id, once known. */
  order?: string
}

export const TAG_PREFIX = 'l10n:'
const CUSTOM_DATA_MAX = 1024

/** A fresh batch id: 12 hex characters, unique enough to tell batches apart in custom_data. */
export function newBatchId(): string {
  return randomBytes(6).toString('hex')
}

/** Hash of what a job is about, whitespace-insensitive (Gengo may normalise body_src). */
export function jobHash(bodySrc: string, lcTgt: string): string {
  return shortHash(`${bodySrc.replace(/\s+/g, ' ').trim()}\u0000${lcTgt}`)
}

/**
 * `custom_data` carrying the batch id: `l10n:<batch> <ns:key>`, at most 1 KB of UTF-8 (a long
 * key is replaced by its hash). Lazy loading ignores custom_data, so repeats stay free.
 */
export function tagCustomData(batch: string, ref: string): string {
  const tagged = `${TAG_PREFIX}${batch} ${ref}`
  return Buffer.byteLength(tagged, 'utf8') <= CUSTOM_DATA_MAX ? tagged : `${TAG_PREFIX}${batch} sha1:${shortHash(ref)}`
}

/** The batch id in a job's custom_data, if it carries one of ours. */
export function batchOf(customData: string): string | undefined {
  const m = /^l10n:([0-9a-f]{12}) /.exec(customData)
  return m?.[1]
}

/** Reads the lock's `intents` field; anything malformed is dropped (with the batch id kept out of URLs). */
export function readIntents(value: unknown): Record<string, OrderIntent> {
  const out = Object.create(null) as Record<string, OrderIntent>
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return out
  for (const [batch, raw] of Object.entries(value)) {
    if (!/^[0-9a-f]{12}$/.test(batch) || typeof raw !== 'object' || raw === null) continue
    const r = raw as Record<string, unknown>
    if (typeof r.t !== 'number' || !Number.isFinite(r.t) || typeof r.lng !== 'string') continue
    if (typeof r.jobs !== 'object' || r.jobs === null || Array.isArray(r.jobs)) continue
    const jobs = Object.create(null) as Record<string, string>
    for (const [k, h] of Object.entries(r.jobs)) if (typeof h === 'string') jobs[k] = h
    const intent: OrderIntent = { t: r.t, lng: r.lng, jobs }
    if (typeof r.order === 'string' && isSafeId(r.order)) intent.order = r.order
    out[batch] = intent
  }
  return out
}
