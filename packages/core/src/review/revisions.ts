import type { ResolvedL10nConfig } from '../config/config.ts'
import { shortHash } from '../files/hash.ts'
import type { GengoConnection } from '../gengo/connection.ts'
import { withEdges } from '../plan/edges.ts'
import { buildJobs, restoreJob } from '../plan/jobs.ts'
import type { Unit } from '../plan/plan.ts'
import type { ReviewItem } from './review.ts'

/** Job id → what its revisions said, for the text the job held then (a new delivery reads them again). */
export type RevisionCache = Map<string, { text: string; before?: string; versions: number }>

export interface RevisionReadOptions {
  /** At most this many requests (a job costs one for its list and one or two for a text; Gengo allows 150 a minute). @default 30 */
  maxRequests?: number
  /** Kept by a caller that lists again and again (the dev page): a job whose text has not changed is not read again. */
  cache?: RevisionCache
  /** Also the reviewable jobs this project did not send back (Gengo may revise on its own), after those it did. @default false */
  all?: boolean
}

const key = (i: { lng: string; ns: string; key: string }) => `${i.lng}\u0000${i.ns}\u0000${i.key}`

/**
 * The text before a job's latest revision: the newest saved version that differs from the text the job holds now.
 * Gengo's docs name no order of the list (the client sorts it) and do not say whether the current text is in it, so
 * the newest version is read first and, when it is the current text, the one before it.
 */
async function beforeOf(
  conn: GengoConnection,
  jobId: string,
  current: string,
  budget: { left: number },
): Promise<{ before?: string; versions: number } | undefined> {
  if (budget.left < 1) return undefined
  budget.left--
  const list = await conn.client.revisions(jobId)
  for (let i = list.length - 1, reads = 0; i >= 0 && reads < 2; i--, reads++) {
    if (budget.left < 1) return undefined // out of budget mid-way: not cached, read again next time
    budget.left--
    const text = (await conn.client.revision(jobId, (list[i] as { revId: string }).revId)).bodyTgt
    if (text !== current) return { before: text, versions: list.length }
  }
  return { versions: list.length }
}

/**
 * Adds `revision` (the text before and the number of versions) to the reviewable items whose job was revised. Jobs
 * this project sent back (a reviewer's revise, `r`, or a broken translation, `bad`, in the lock) are read, then with
 * `all` the others, within `maxRequests`; the rest keep what `cache` knows. Read errors leave an item without its
 * `revision` (the queue works without it).
 */
export async function addRevisions(
  config: ResolvedL10nConfig,
  conn: GengoConnection,
  loaded: { items: ReviewItem[]; units: readonly Unit[] },
  o: RevisionReadOptions = {},
): Promise<void> {
  const units = new Map(loaded.units.map((u) => [key(u), u]))
  const sentBack = (i: ReviewItem) => {
    const e = units.get(key(i))?.entry
    return e?.r?.a === 'revise' || e?.bad !== undefined
  }
  const items = loaded.items.filter((i) => i.status === 'reviewable' && i.raw !== undefined)
  const order = [...items.filter(sentBack), ...(o.all ? items.filter((i) => !sentBack(i)) : [])]
  const budget = { left: o.maxRequests ?? 30 }
  const found = new Map<string, { before?: string; versions: number }>()
  for (const item of order) {
    if (found.has(item.jobId)) continue
    const current = item.raw as string
    const known = o.cache?.get(item.jobId)
    if (known?.text === shortHash(current)) {
      found.set(item.jobId, known)
      continue
    }
    try {
      const read = await beforeOf(conn, item.jobId, current, budget)
      if (!read) continue
      found.set(item.jobId, read)
      o.cache?.set(item.jobId, { text: shortHash(current), ...read })
    } catch {
      // Revisions are a nicety of the review: an error leaves this item without them.
    }
  }
  for (const item of items) {
    const before = found.get(item.jobId)?.before
    const unit = units.get(key(item))
    if (before === undefined || !unit) continue
    const req = buildJobs(config, [unit])[0]
    const restored = req && restoreJob(req, before, config.i18next.interpolation)
    item.revision = {
      before: restored?.ok ? withEdges(unit.text, restored.text) : before,
      versions: found.get(item.jobId)?.versions ?? 0,
    }
  }
}
