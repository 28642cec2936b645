import { GengoError, type GengoJob } from '@l10n-sync/gengo'
import pLimit from 'p-limit'
import type { Unit } from '../plan/plan.ts'
import { decideFetched, groupPending, type OrderAnswer } from './decide-fetch.ts'
import type { Executor } from './executor.ts'

/**
 * Polls what is pending: the orders whose keys have no job id yet (a few at a time), then
 * every job by id in one batched read; decides (decide-fetch.ts) and performs the outcome.
 */
export async function fetchPending(x: Executor, units: Unit[]): Promise<void> {
  if (units.length === 0) return
  const groups = groupPending(units)
  const orders = new Map<string, OrderAnswer>()
  const limit = pLimit(x.config.gengo.concurrency)
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
  const jobs = ids.length > 0 ? await x.client.getJobs(ids, { preMt: x.config.gengo.interim === 'machine' }) : []
  const answers = { orders, jobs: new Map<string, GengoJob>(jobs.map((j) => [j.jobId, j])) }
  for (const outcome of decideFetched(x.config, groups, answers, x.view())) await x.perform(outcome)
}
