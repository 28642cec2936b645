import type { GengoJob } from '@l10n-sync/gengo'
import { shortList } from '../errors.ts'
import { batchOf, jobHash, type OrderIntent } from '../lock/intents.ts'
import type { JobRequest } from '../plan/jobs.ts'
import { decideJob, emptyOutcome } from './decide.ts'
import type { Executor } from './executor.ts'

/** How long a sync without `--wait` waits for an undecided intent before it holds the batch back and goes on. */
export const NO_WAIT_BOUND_MS = 15_000

/** The latest a wait that started at `startedMs` may last: the run's deadline, or without `--wait`, NO_WAIT_BOUND_MS. */
export function waitBound(x: Executor, startedMs: number): number {
  return x.deadline ?? startedMs + NO_WAIT_BOUND_MS
}

/** Sleeps before the next look at Gengo (1 s → 15 s, doubling per round), never past `until`; false once `until` has come. */
export async function backOff(x: Executor, round: number, until: number): Promise<boolean> {
  const now = x.clock.now()
  if (now >= until) return false
  await x.clock.sleep(Math.min(15_000, 1000 * 2 ** round, until - now))
  return true
}

/** What became of one order intent, judged from Gengo's job list. */
export type IntentDecision =
  /** Gengo has the order and has created all its jobs: these are the ones it created. */
  | { kind: 'ordered'; jobs: GengoJob[] }
  /** Nothing carrying the batch id exists after the grace period: nothing was charged (or every job was lazy-loaded). */
  | { kind: 'none' }
  /** Cannot tell yet: jobs may still be being created. Order nothing of this batch. */
  | { kind: 'wait'; reason: string }

/** What Gengo showed for the orders that jobs of a batch belong to. */
export interface OrderView {
  /** Jobs not created yet (`jobs_queued`); undefined when the order could not be read yet. */
  queued?: number
  /** The order's `total_jobs` (0 when unknown: Gengo may leave jobs being created out of the order). */
  total?: number
}

/**
 * Pure: decides one intent from the jobs Gengo lists (any jobs; those tagged with the batch id
 * in custom_data count) and the orders they belong to.
 */
export function decideIntent(
  batch: string,
  intent: OrderIntent,
  listed: readonly GengoJob[],
  orders: ReadonlyMap<string, OrderView>,
  nowSec: number,
  graceSec: number,
): IntentDecision {
  const tagged = listed.filter((j) => batchOf(j.customData) === batch)
  const orderIds = new Set(tagged.map((j) => j.orderId).filter((id): id is string => id !== undefined))
  if (intent.order) orderIds.add(intent.order)
  if (orderIds.size > 0) {
    let total = 0
    for (const id of orderIds) {
      const view = orders.get(id)
      if (view?.queued === undefined) return { kind: 'wait', reason: `order ${id} is not readable yet` }
      if (view.queued > 0) return { kind: 'wait', reason: `order ${id} still has ${view.queued} job(s) being created` }
      total += view.total ?? 0
    }
    // `jobs_queued: 0` alone does not prove every job exists: Gengo may count only the jobs it
    // lists. Until all the intent's jobs (or all the order's) are seen, wait out the grace period.
    const expected = Object.keys(intent.jobs).length
    const complete = tagged.length >= expected || (total > 0 && tagged.length >= total)
    if (!complete && nowSec - intent.t < graceSec)
      return { kind: 'wait', reason: `Gengo shows ${tagged.length} of its ${expected} job(s) so far (grace ${graceSec} s)` }
    return { kind: 'ordered', jobs: tagged }
  }
  if (nowSec - intent.t >= graceSec) return { kind: 'none' }
  return { kind: 'wait', reason: `no job of it is listed yet; Gengo creates jobs asynchronously (grace ${graceSec} s)` }
}

/** Pure: which pending job requests an ordered batch fills (by body and language, whitespace-insensitive). */
export function matchOrdered(
  jobs: readonly GengoJob[],
  requests: readonly JobRequest[],
): { matched: [GengoJob, JobRequest][]; unmatched: GengoJob[] } {
  const byHash = new Map(requests.map((r) => [jobHash(r.input.bodySrc, r.input.lcTgt), r]))
  const matched: [GengoJob, JobRequest][] = []
  const unmatched: GengoJob[] = []
  for (const job of jobs) {
    const req = byHash.get(jobHash(job.bodySrc, job.lcTgt))
    if (req) {
      matched.push([job, req])
      byHash.delete(jobHash(job.bodySrc, job.lcTgt))
    } else unmatched.push(job)
  }
  return { matched, unmatched }
}

/**
 * The I/O edge: reconciles every intent in the lock against Gengo before anything is ordered.
 * Lists jobs since the oldest intent (`GET translate/jobs?timestamp_after=`), reads them and
 * their orders, and decides; waits out asynchronous job creation (backing off 1 s → 15 s)
 * until each intent is decided, its grace period ends, or the run's deadline passes.
 * Returns the requests still safe to order: those settled from found jobs and those held back
 * by an undecided intent are removed.
 */
export async function reconcileIntents(x: Executor, requests: JobRequest[], only?: string): Promise<JobRequest[]> {
  const intents = x.lock.intents ?? {}
  // `only`: one batch whose answer was just lost; other batches may still be in flight.
  let undecided = Object.entries(intents).filter(([batch]) => only === undefined || batch === only)
  if (undecided.length === 0) return requests
  const grace = x.config.gengo.reconcileGrace
  let remaining = [...requests]
  const jobs = new Map<string, GengoJob>()
  const started = x.clock.now()
  for (let round = 0; undecided.length > 0; round++) {
    const since = Math.min(...undecided.map(([, i]) => i.t)) - 60 // a minute for clock skew
    const listed = await x.client.listJobs({ timestampAfter: since })
    const unseen = listed.map((e) => e.jobId).filter((id) => !jobs.has(id))
    if (unseen.length > 0) for (const j of await x.client.getJobs(unseen)) jobs.set(j.jobId, j)
    const orders = new Map<string, OrderView>()
    const batches = new Set(undecided.map(([b]) => b))
    const orderIds = new Set<string>()
    for (const j of jobs.values()) if (j.orderId && batches.has(batchOf(j.customData) ?? '')) orderIds.add(j.orderId)
    for (const [, i] of undecided) if (i.order) orderIds.add(i.order)
    for (const id of orderIds) {
      try {
        const order = await x.client.getOrder(id)
        orders.set(id, { queued: order.jobsQueued, total: order.totalJobs })
        // Jobs of the order the list does not show yet: read them by id.
        const missing = order.jobIds.filter((jid) => !jobs.has(jid))
        if (missing.length > 0) for (const j of await x.client.getJobs(missing)) jobs.set(j.jobId, j)
      } catch {
        orders.set(id, {}) // 2750 right after ordering: not readable yet
      }
    }
    const next: typeof undecided = []
    for (const [batch, intent] of undecided) {
      const d = decideIntent(batch, intent, [...jobs.values()], orders, x.nowSec(), grace)
      if (d.kind === 'wait') {
        next.push([batch, intent])
        continue
      }
      if (d.kind === 'ordered') {
        const { matched, unmatched } = matchOrdered(d.jobs, remaining)
        for (const [job, req] of matched) await x.perform({ ...decideJob(x.config, job, req, req.units, x.view(), job.orderId), reused: 1 })
        const filled = new Set(matched.map(([, r]) => r))
        remaining = remaining.filter((r) => !filled.has(r))
        const note = emptyOutcome()
        if (unmatched.length > 0)
          note.warnings.push(
            `Order intent ${batch}: Gengo created job(s) ${shortList(unmatched.map((j) => j.jobId))} that no key needs any more (the source changed since); they were charged when ordered.`,
          )
        note.events.push({
          type: 'warn',
          message: `Reconciled order intent ${batch}: ${matched.length} job(s) found on Gengo, not ordered again.`,
        })
        await x.perform(note)
      }
      x.dropIntent(batch)
    }
    undecided = next
    if (undecided.length === 0) break
    // Without --wait a plain sync does not sit out the whole grace period: it waits a little, says what it holds back, and exits.
    const until = Math.min(waitBound(x, started), Math.max(...undecided.map(([, i]) => (i.t + grace) * 1000)))
    if (!(await backOff(x, round, until))) break
  }
  for (const [batch, intent] of undecided) {
    const held = new Set(Object.values(intent.jobs))
    const before = remaining.length
    remaining = remaining.filter((r) => !held.has(jobHash(r.input.bodySrc, r.input.lcTgt)))
    await x.perform({
      ...emptyOutcome(),
      warnings: [
        `An order posted at ${new Date(intent.t * 1000).toISOString()} (intent ${batch}, ${intent.lng}) may still be being created on Gengo; its ${before - remaining.length} job(s) are not ordered again until Gengo shows it or ${grace} s have passed. Run sync again later.`,
      ],
    })
  }
  await x.save()
  return remaining
}
