import type { GengoClient, GengoJob } from '@l10n-sync/gengo'
import type { ResolvedL10nConfig } from '../config/config.ts'
import { batchOf, jobHash, TAG_PREFIX } from '../lock/intents.ts'
import type { Lock } from '../lock/lock.ts'
import type { JobRequest } from '../plan/jobs.ts'
import { decideJob, emptyOutcome, type Outcome } from './decide.ts'
import type { Executor } from './executor.ts'
import { backOff, waitBound } from './reconcile.ts'

/** Jobs that can never deliver: lazy loading hands them back, but only a new (forced) job translates the key. */
const DEAD = new Set(['canceled', 'rejected', 'deleted'])

/** The key a tagged job was ordered for (`l10n:<batch> <ref>`), when it names one. */
function refOf(customData: string): string | undefined {
  return batchOf(customData) === undefined ? undefined : customData.slice(TAG_PREFIX.length + 13)
}

/**
 * Pure: which requests Gengo's record already holds a live job of this tool for: same body and target
 * language (whitespace-insensitive, any tier, as matching always is), a job ordered for the same key
 * preferred, the newest next. Each job fills one request; the rest are still to be ordered.
 */
export function matchRecord(
  requests: readonly JobRequest[],
  jobs: readonly GengoJob[],
): { found: [GengoJob, JobRequest][]; rest: JobRequest[] } {
  const byHash = new Map<string, GengoJob[]>()
  for (const j of jobs) {
    if (!j.customData.startsWith(TAG_PREFIX) || DEAD.has(j.status)) continue
    const h = jobHash(j.bodySrc, j.lcTgt)
    byHash.set(h, [...(byHash.get(h) ?? []), j])
  }
  const taken = new Set<string>()
  const found: [GengoJob, JobRequest][] = []
  const rest: JobRequest[] = []
  for (const r of requests) {
    const ref = r.input.customData ?? r.id
    const live = (byHash.get(jobHash(r.input.bodySrc, r.input.lcTgt)) ?? []).filter((j) => !taken.has(j.jobId))
    live.sort((a, b) => Number(refOf(b.customData) === ref) - Number(refOf(a.customData) === ref) || b.ctime - a.ctime)
    const job = live[0]
    if (!job) {
      rest.push(r)
      continue
    }
    taken.add(job.jobId)
    found.push([job, r])
  }
  return { found, rest }
}

/** Every job id the lock already follows: those are polled by id, never looked up again. */
function knownJobIds(lock: Readonly<Lock>): Set<string> {
  const ids = new Set<string>()
  for (const perNs of Object.values(lock.targets ?? {}))
    for (const perKey of Object.values(perNs)) for (const e of Object.values(perKey)) if (e.job) ids.add(e.job)
  return ids
}

/** The look-up alone (no decision): what `l10n quote` leaves out, and what findOrdered adopts. */
export async function readRecord(
  client: GengoClient,
  config: ResolvedL10nConfig,
  lock: Readonly<Lock>,
  requests: JobRequest[],
  nowSec: number,
): Promise<{ found: [GengoJob, JobRequest][]; rest: JobRequest[]; listed?: ReadonlySet<string> }> {
  const days = config.gengo.lookbackDays
  if (requests.length === 0 || days === 0) return { found: [], rest: requests }
  const listed = new Set((await client.listJobs({ timestampAfter: nowSec - days * 86_400 })).map((e) => e.jobId))
  const known = knownJobIds(lock)
  const ids = [...listed].filter((id) => !known.has(id))
  if (ids.length === 0) return { found: [], rest: requests, listed }
  return { ...matchRecord(requests, await client.getJobs(ids)), listed }
}

/**
 * Gengo as the record: before anything is quoted, reads the jobs Gengo lists from the last
 * `gengo.lookbackDays` (one `GET translate/jobs?timestamp_after=`, then `GET translate/jobs/{ids}` for
 * the ones the lock does not follow) and adopts every live job of ours that a request matches, as
 * pending (or written, when it is done), instead of ordering and paying again. A fresh CI clone, a
 * lost or merged lock all end here. Returns the requests still to order; `readOnly` (a dry run, the
 * quote) decides nothing and only leaves the found ones out.
 */
export async function findOrdered(
  x: Executor,
  requests: JobRequest[],
  readOnly = false,
): Promise<{ rest: JobRequest[]; listed?: ReadonlySet<string> }> {
  const { found, rest, listed } = await readRecord(x.client, x.config, x.lock, requests, x.nowSec())
  if (readOnly || found.length === 0) return { rest, listed }
  for (const [job, req] of found) await x.perform(adopted(decideJob(x.config, job, req, req.units, x.view(), job.orderId), job))
  x.result.found += found.length
  const note = emptyOutcome()
  note.events.push({ type: 'warn', message: `Found ${found.length} job(s) on Gengo ordered before (not in the lock): not ordered again.` })
  await x.perform(note)
  await x.save()
  return { rest, listed }
}

/** A found job's entries carry its own order time, so every clone that finds it writes the same lock. */
function adopted(out: Outcome, job: GengoJob): Outcome {
  for (const u of out.lock) if (u.entry && u.entry.t !== undefined && job.ctime > 0) u.entry.t = job.ctime
  return out
}

/**
 * An order is done for the run only once Gengo lists its jobs: a run that follows this one (a fresh
 * clone, seconds later) finds them in the record instead of paying again. Lists the jobs since the
 * run's first order (`GET translate/jobs`) until the list holds as many jobs the run's own look-up
 * (`before`, findOrdered's list) did not as its POSTs created; without that list, each new id is read
 * once and counted by the batch id in its custom_data. Backs off 1 s → 15 s, bounded by
 * `reconcileGrace`, the run's deadline and, without `--wait`, 15 s; on time-out it says what a run
 * started meanwhile might do.
 */
export async function awaitListed(
  x: Executor,
  posted: ReadonlyMap<string, number>,
  sinceSec: number,
  before: ReadonlySet<string> | undefined,
): Promise<void> {
  const expected = new Map([...posted].filter(([, n]) => n > 0))
  const want = [...expected.values()].reduce((a, b) => a + b, 0)
  if (want === 0) return
  const seen = new Map<string, GengoJob>()
  const started = x.clock.now()
  const until = Math.min(waitBound(x, started), (sinceSec + x.config.gengo.reconcileGrace) * 1000)
  for (let round = 0; ; round++) {
    const listed = await x.client.listJobs({ timestampAfter: sinceSec - 60 })
    let have = 0
    if (before) have = listed.filter((e) => !before.has(e.jobId)).length
    else {
      const unseen = listed.map((e) => e.jobId).filter((id) => !seen.has(id))
      if (unseen.length > 0) for (const j of await x.client.getJobs(unseen)) seen.set(j.jobId, j)
      for (const j of seen.values()) if (expected.has(batchOf(j.customData) ?? '')) have++
    }
    if (have >= want) return
    if (!(await backOff(x, round, until))) {
      const jobs = want - have
      await x.perform({
        ...emptyOutcome(),
        warnings: [
          `Gengo does not list ${jobs} job(s) of this run's order(s) yet; a run that starts before it does (another CI run, a fresh clone) cannot find them and may order them again. The lock here knows them.`,
        ],
      })
      return
    }
  }
}
