import type { GengoJob } from '@l10n-sync/gengo'
import type { ResolvedL10nConfig } from '../config/config.ts'
import { jobHash } from '../lock/intents.ts'
import { buildJobs, type JobRequest } from '../plan/jobs.ts'
import type { Unit } from '../plan/plan.ts'
import { decideJob, emptyOutcome, keyList, type Outcome, orphan, type RunView } from './decide.ts'

/** Pending keys by what the lock knows of them: a job id, else only an order id, else nothing (lost). */
export interface PendingGroups {
  byJob: Map<string, Unit[]>
  byOrder: Map<string, Unit[]>
  lost: Unit[]
}

export function groupPending(units: readonly Unit[]): PendingGroups {
  const groups: PendingGroups = { byJob: new Map(), byOrder: new Map(), lost: [] }
  for (const u of units) {
    const [map, id] = u.entry?.job ? [groups.byJob, u.entry.job] : u.entry?.order ? [groups.byOrder, u.entry.order] : [undefined, '']
    if (!map) groups.lost.push(u)
    else if (map.has(id)) map.get(id)?.push(u)
    else map.set(id, [u])
  }
  return groups
}

/** What Gengo said of an order: its job ids (every jobs_* list) and how many are still being created; or 2750 (unknown). */
export type OrderAnswer = { kind: 'read'; jobIds: string[]; queued: number } | { kind: 'unknown' }

export interface FetchAnswers {
  orders: ReadonlyMap<string, OrderAnswer>
  jobs: ReadonlyMap<string, GengoJob>
  /** Job ids Gengo refused to show this account (err 2100 or 2750), with the code. */
  refused?: ReadonlyMap<string, number>
}

/** The job a unit was (or would be) ordered as: body, placeholders, hints. Deterministic. */
export function requestFor(config: ResolvedL10nConfig, unit: Unit): JobRequest {
  return buildJobs(config, [unit])[0] as JobRequest
}

/** Ordered within `gengo.reconcileGrace`: Gengo may still answer 2750 for the order, or not show its jobs yet. */
const young = (config: ResolvedL10nConfig, u: Unit, view: RunView) =>
  u.entry?.t !== undefined && view.nowSec - u.entry.t < config.gengo.reconcileGrace

const sameJob = (job: GengoJob, req: JobRequest) => jobHash(job.bodySrc, job.lcTgt) === jobHash(req.input.bodySrc, req.input.lcTgt)

/**
 * Pure: what the answers to a poll mean for every pending key. A job Gengo no longer knows, an
 * order it forgot (2750 after the grace period) or an order without the key's job: ordered
 * again (lazy loading makes repeats free). A job about another text or language (a hand-edited
 * lock, a hostile answer): not written, reported invalid.
 */
export function decideFetched(config: ResolvedL10nConfig, groups: PendingGroups, answers: FetchAnswers, view: RunView): Outcome[] {
  const outcomes: Outcome[] = []
  const gone = emptyOutcome()
  outcomes.push(gone)
  for (const u of groups.lost) orphan(gone, u)
  for (const [orderId, list] of groups.byOrder) {
    if (answers.orders.get(orderId)?.kind !== 'unknown') continue
    if (list.some((u) => young(config, u, view))) {
      for (const u of list) gone.pending.push({ lng: u.lng, ns: u.ns, key: u.key, status: 'queued' })
      continue
    }
    gone.warnings.push(
      `Gengo does not know order ${orderId} any more; ordering its ${list.length} key(s) again (lazy loading makes repeats free).`,
    )
    for (const u of list) orphan(gone, u)
  }
  let done = 0
  for (const [jobId, list] of groups.byJob) {
    const job = answers.jobs.get(jobId)
    if (!job) {
      const code = answers.refused?.get(jobId)
      gone.warnings.push(
        `Gengo does not know job ${jobId} (${keyList(list)}) for this account${code ? ` (err ${code}: not yours or not found, as after a change of keys or account)` : ' any more'}; ordering it again, through the quote.`,
      )
      for (const u of list) orphan(gone, u)
      continue
    }
    const req = requestFor(config, list[0] as Unit)
    if (!sameJob(job, req)) {
      const mismatch = emptyOutcome()
      const problem = `Gengo job ${jobId} is for '${job.lcTgt}' "${job.bodySrc.slice(0, 40)}", not for this key's text and language`
      for (const u of list) mismatch.invalid.push({ lng: u.lng, ns: u.ns, key: u.key, jobId, problem, revised: false })
      outcomes.push(mismatch)
      continue
    }
    const o = decideJob(config, job, req, list, view)
    o.events.push({ type: 'fetch', jobs: groups.byJob.size, done: ++done, eta: job.eta })
    outcomes.push(o)
  }
  for (const [orderId, list] of groups.byOrder) {
    const answer = answers.orders.get(orderId)
    if (answer?.kind !== 'read') continue
    const orderJobs = answer.jobIds.map((id) => answers.jobs.get(id)).filter((j): j is GengoJob => j !== undefined)
    for (const unit of list) {
      const req = requestFor(config, unit)
      const job = orderJobs.find((j) => sameJob(j, req))
      if (job) outcomes.push(decideJob(config, job, req, [unit], view, orderId))
      // Jobs appear some time after the order (Gengo's sandbox tests poll for them), and
      // `jobs_queued` may already read 0: a young order's missing job is still being created.
      else if (answer.queued > 0 || young(config, unit, view))
        gone.pending.push({ lng: unit.lng, ns: unit.ns, key: unit.key, status: 'queued' })
      else {
        gone.warnings.push(`Order ${orderId} has no job for ${unit.lng} ${unit.ns}:${unit.key}; ordering it again.`)
        orphan(gone, unit)
      }
    }
  }
  return outcomes
}
