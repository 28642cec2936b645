import { badShape, isObject, safeId, toInt, toStr } from './normalize.ts'
import type { Transport } from './transport.ts'

/** One entry of `GET translate/job/{id}/revisions`: a saved version of the job's translation. */
export interface GengoRevision {
  revId: string
  /** Unix seconds; 0 when Gengo sent none. */
  ctime: number
}

/** `GET translate/job/{id}/revision/{rev_id}`: that version's text. */
export interface GengoRevisionText extends GengoRevision {
  bodyTgt: string
}

/** Numeric ids in numeric order, others after them as strings. */
function byId(a: string, b: string): number {
  const [x, y] = [Number(a), Number(b)]
  return Number.isFinite(x) && Number.isFinite(y) ? x - y : a.localeCompare(b)
}

/**
 * `{job_id, revisions:[{rev_id, ctime}]}` (also a bare list, or `revisions` missing when there are none), oldest
 * first whatever order Gengo sent (by ctime, then rev_id): the docs name no order. Ids and times as numbers or
 * strings; an entry without a usable `rev_id` is dropped, an unsafe one refused (it goes into a URL).
 */
export function normalizeRevisions(raw: unknown): GengoRevision[] {
  const list = isObject(raw) ? (raw.revisions ?? []) : raw
  if (!Array.isArray(list)) throw badShape('revision list', raw)
  const out: GengoRevision[] = []
  for (const r of list) {
    if (!isObject(r)) continue
    const revId = safeId(r.rev_id ?? r.id, 'revision id')
    if (revId !== undefined) out.push({ revId, ctime: toInt(r.ctime) })
  }
  return out.sort((a, b) => a.ctime - b.ctime || byId(a.revId, b.revId))
}

/** `{revision:{ctime, body_tgt}}` (or the revision itself); a revision without text reads as "". */
export function normalizeRevision(raw: unknown, revId: string): GengoRevisionText {
  const r = isObject(raw) && isObject(raw.revision) ? raw.revision : raw
  if (!isObject(r)) throw badShape('revision', raw)
  return { revId, ctime: toInt(r.ctime), bodyTgt: toStr(r.body_tgt) }
}

export async function getRevisions(t: Transport, jobId: string): Promise<GengoRevision[]> {
  return normalizeRevisions(await t.call('GET', `translate/job/${jobId}/revisions`))
}

export async function getRevision(t: Transport, jobId: string, revId: string): Promise<GengoRevisionText> {
  return normalizeRevision(await t.call('GET', `translate/job/${jobId}/revision/${revId}`), revId)
}
