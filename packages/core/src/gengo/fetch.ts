import { GengoError, type GengoJob } from '@l10n-sync/gengo'
import type { Unit } from '../plan/plan.ts'
import { decideFetched, groupPending, type OrderAnswer } from './decide-fetch.ts'
import type { Executor } from './executor.ts'
import { loadLimit } from './limit.ts'

/** Gengo's "not yours / not found" for a job id (2100, 2750, inside an HTTP 200): after a change of keys, account or emulator state. */
const notYours = (error: unknown): error is GengoError =>
  error instanceof GengoError && (error.gengoCode === 2100 || error.gengoCode === 2750)

/**
 * Reads jobs by id in batches. One id the account cannot read may make Gengo refuse the whole
 * list: then each is read on its own, so the refused ones are named (and ordered again) instead of
 * failing every poll until the wait runs out.
 */
async function readJobs(x: Executor, ids: string[]): Promise<{ jobs: GengoJob[]; refused: Map<string, number> }> {
  const refused = new Map<string, number>()
  if (ids.length === 0) return { jobs: [], refused }
  try {
    return { jobs: await x.client.getJobs(ids), refused }
  } catch (error) {
    if (!notYours(error)) throw error
  }
  const jobs: GengoJob[] = []
  for (const id of ids) {
    try {
      jobs.push(await x.client.getJob(id))
    } catch (error) {
      if (!notYours(error)) throw error
      refused.set(id, error.gengoCode as number)
    }
  }
  return { jobs, refused }
}

/**
 * Polls what is pending: the orders whose keys have no job id yet (a few at a time), then
 * every job by id in one batched read; decides (decide-fetch.ts) and performs the outcome.
 */
export async function fetchPending(x: Executor, units: Unit[]): Promise<void> {
  if (units.length === 0) return
  const groups = groupPending(units)
  const orders = new Map<string, OrderAnswer>()
  const limit = (await loadLimit())(x.config.gengo.concurrency)
  await Promise.all(
    [...groups.byOrder.keys()].map((orderId) =>
      limit(async () => {
        try {
          const order = await x.client.getOrder(orderId)
          // Every jobs_* list (rejected too), so no job of the order is taken as missing and re-ordered.
          orders.set(orderId, { kind: 'read', jobIds: order.jobIds, queued: order.jobsQueued })
        } catch (error) {
          if (!(error instanceof GengoError) || error.gengoCode !== 2750) throw error
          orders.set(orderId, { kind: 'unknown' })
        }
      }),
    ),
  )
  const read = [...orders.values()].flatMap((o) => (o.kind === 'read' ? o.jobIds : []))
  const ids = [...new Set([...groups.byJob.keys(), ...read])]
  const { jobs, refused } = await readJobs(x, ids)
  const answers = { orders, jobs: new Map<string, GengoJob>(jobs.map((j) => [j.jobId, j])), refused }
  for (const outcome of decideFetched(x.config, groups, answers, x.view())) await x.perform(outcome)
}
