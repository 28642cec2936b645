import { GengoError, type GengoJob } from '@l10n-sync/gengo'
import { jobHash } from './intents.ts'
import { setEntry } from './lock.ts'
import type { Unit } from './plan.ts'
import { requestFor, type Session, settle } from './session.ts'

/** How long after ordering Gengo may still answer 2750 for an order (gengo-api.md: about a minute). */
const ORDER_GRACE_SECONDS = 180

function orphan(s: Session, unit: Unit): void {
  setEntry(s.lock, unit.lng, unit.ns, unit.key, undefined)
  unit.entry = undefined
  unit.state = unit.value === undefined ? 'missing' : 'stale'
  s.orphans.push(unit)
}

/**
 * Polls what is pending: orders until their jobs exist, then the jobs by id in
 * chunks; settles each. Jobs Gengo no longer knows are ordered again.
 */
export async function fetchPending(s: Session, units: Unit[]): Promise<void> {
  if (units.length === 0) return
  const byJob = new Map<string, Unit[]>()
  const byOrder = new Map<string, Unit[]>()
  for (const u of units) {
    const [map, id] = u.entry?.job ? [byJob, u.entry.job] : u.entry?.order ? [byOrder, u.entry.order] : [undefined, '']
    if (!map) orphan(s, u)
    else if (map.has(id)) map.get(id)?.push(u)
    else map.set(id, [u])
  }
  const orderJobIds = new Map<string, string[]>()
  const stillQueued = new Set<string>()
  for (const [orderId, list] of byOrder) {
    try {
      const order = await s.client.getOrder(orderId)
      // Every jobs_* list (rejected too), so no job of the order is taken as missing and re-ordered.
      const ids = order.jobIds
      orderJobIds.set(orderId, ids)
      if (order.jobsQueued > 0) stillQueued.add(orderId)
    } catch (error) {
      if (!(error instanceof GengoError) || error.gengoCode !== 2750) throw error
      const young = list.some((u) => u.entry?.t !== undefined && s.nowSec() - u.entry.t < ORDER_GRACE_SECONDS)
      if (young) {
        for (const u of list) s.pending.push({ lng: u.lng, ns: u.ns, key: u.key, status: 'queued' })
        continue
      }
      s.warnings.push(
        `Gengo does not know order ${orderId} any more; ordering its ${list.length} key(s) again (lazy loading makes repeats free).`,
      )
      for (const u of list) orphan(s, u)
    }
  }
  const ids = [...new Set([...byJob.keys(), ...[...orderJobIds.values()].flat()])]
  const jobs = ids.length > 0 ? await s.client.getJobs(ids, { preMt: s.config.gengo.interim === 'machine' }) : []
  const found = new Map<string, GengoJob>(jobs.map((j) => [j.jobId, j]))
  let done = 0
  for (const [jobId, list] of byJob) {
    const job = found.get(jobId)
    if (!job) {
      s.warnings.push(`Gengo does not know job ${jobId} any more; ordering it again.`)
      for (const u of list) orphan(s, u)
      continue
    }
    const req = requestFor(s, list[0] as Unit)
    if (jobHash(job.bodySrc, job.lcTgt) !== jobHash(req.input.bodySrc, req.input.lcTgt)) {
      // A hand-edited lock or a hostile answer: this job is about another text or language. Not written, reported.
      for (const u of list) {
        const problem = `Gengo job ${jobId} is for '${job.lcTgt}' "${job.bodySrc.slice(0, 40)}", not for this key's text and language`
        s.invalid.push({ lng: u.lng, ns: u.ns, key: u.key, jobId, problem, revised: false })
        s.emit({ type: 'invalid', lng: u.lng, ns: u.ns, key: u.key, jobId, problem, revised: false })
      }
      continue
    }
    await settle(s, job, req, list)
    s.emit({ type: 'fetch', jobs: byJob.size, done: ++done, eta: job.eta })
  }
  for (const [orderId, list] of byOrder) {
    const inOrder = orderJobIds.get(orderId)
    if (!inOrder) continue
    const orderJobs = inOrder.map((id) => found.get(id)).filter((j): j is GengoJob => j !== undefined)
    for (const unit of list) {
      const req = requestFor(s, unit)
      const job = orderJobs.find((j) => jobHash(j.bodySrc, j.lcTgt) === jobHash(req.input.bodySrc, req.input.lcTgt))
      if (job) await settle(s, job, req, [unit], orderId)
      else if (stillQueued.has(orderId)) s.pending.push({ lng: unit.lng, ns: unit.ns, key: unit.key, status: 'queued' })
      else {
        s.warnings.push(`Order ${orderId} has no job for ${unit.lng} ${unit.ns}:${unit.key}; ordering it again.`)
        orphan(s, unit)
      }
    }
  }
}
