import { GengoError, type GengoPostJobsResult } from '@l10n-sync/gengo'
import { jobHash, newBatchId, type OrderIntent, tagCustomData } from '../lock/intents.ts'
import { batchJobs, buildJobs, type JobRequest } from '../plan/jobs.ts'
import type { Unit } from '../plan/plan.ts'
import { decidePosted, emptyOutcome, pendingUnderOrder } from './decide.ts'
import type { Executor } from './executor.ts'
import { loadLimit } from './limit.ts'
import { checkBudget, checkPairs, type QuoteSummary, quoteJobs, round } from './order.ts'
import { reconcileIntents } from './reconcile.ts'
import { awaitListed, findOrdered } from './record.ts'

/** The intent for a batch about to be posted. */
export function intentFor(batch: JobRequest[], nowSec: number): OrderIntent {
  return {
    t: nowSec,
    lng: batch[0]?.lng ?? '',
    jobs: Object.fromEntries(batch.map((j) => [j.id, jobHash(j.input.bodySrc, j.input.lcTgt)])),
  }
}

/** Whether a failed POST certainly ordered nothing (a clear refusal), so its intent can go. */
function orderedNothing(error: unknown): boolean {
  return error instanceof GengoError && !error.outcomeUnknown && error.code !== 'GENGO_BAD_RESPONSE'
}

/**
 * Posts one batch, write-ahead: the intent goes into the lock before the POST, and the order
 * id (as pending entries) replaces it right after Gengo answers, before anything else can
 * throw. A POST whose outcome is unknown keeps its intent and is reconciled, never re-sent.
 */
async function postBatch(x: Executor, batch: JobRequest[], posted: Map<string, number>): Promise<{ credits: number; reused: number }> {
  x.beforeSpend()
  const batchId = newBatchId()
  await x.putIntent(batchId, intentFor(batch, x.nowSec()))
  let res: GengoPostJobsResult
  const asGroup = x.config.gengo.group && batch.length >= 2
  try {
    res = await x.client.postJobs(
      Object.fromEntries(
        // A group is one file's jobs in file order: Gengo's `position` (1-based) tells its one translator that order.
        batch.map((j, i) => [
          j.id,
          { ...j.input, ...(asGroup && { position: i + 1 }), customData: tagCustomData(batchId, j.input.customData ?? j.id) },
        ]),
      ),
      { asGroup, comment: x.config.gengo.comment },
    )
  } catch (error) {
    if (orderedNothing(error)) {
      x.dropIntent(batchId)
      await x.save()
      throw error
    }
    // Outcome unknown: find out from Gengo's job list (bounded by the grace period and the run's deadline).
    await x.perform({ ...emptyOutcome(), warnings: [(error as Error).message.replace(/^\[l10n\] /, '')] })
    const left = await reconcileIntents(x, batch, batchId)
    return { credits: 0, reused: batch.length - left.length }
  }
  posted.set(batchId, Object.values(res.jobs).filter((j) => j.kind === 'new').length)
  // 1. The order id first: every key pending under it, the intent gone, one atomic write.
  await x.perform({ ...emptyOutcome(), lock: pendingUnderOrder(batch, res.orderId, x.nowSec()) })
  x.dropIntent(batchId)
  await x.save()
  // 2. Then what Gengo returned, decided per job; what cannot be matched is reported, not lost.
  const outcomes = decidePosted(x.config, batch, res, x.view())
  for (const outcome of outcomes) await x.perform(outcome)
  await x.save()
  const reused = outcomes.reduce((n, o) => n + o.reused, 0)
  x.charge(batch.length - reused, res.creditsUsed, res.currency)
  return { credits: res.creditsUsed, reused }
}

/**
 * Posts the jobs in batches (p-limit), each write-ahead (see postBatch). After a failure no
 * further batch starts, and the run waits for the POSTs already in flight before it fails:
 * nothing is ordered after the sync has returned, outside the project lock.
 */
async function postJobs(x: Executor, jobs: JobRequest[], listedBefore: ReadonlySet<string> | undefined): Promise<void> {
  // Grouped, a POST holds one namespace of one language: a group is one translator's voice for a file.
  const batches = batchJobs(jobs, x.config.gengo.batchSize, x.config.gengo.group)
  const limit = (await loadLimit())(x.config.gengo.concurrency)
  const posted = new Map<string, number>()
  const since = x.nowSec()
  let n = 0
  let failed = false
  const results = await Promise.allSettled(
    batches.map((batch) =>
      limit(async () => {
        if (failed) return
        try {
          const r = await postBatch(x, batch, posted)
          x.emit({ type: 'order', batch: ++n, batches: batches.length, jobs: batch.length, credits: r.credits, reused: r.reused })
        } catch (error) {
          failed = true
          throw error
        }
      }),
    ),
  )
  const first = results.find((r): r is PromiseRejectedResult => r.status === 'rejected')
  if (first) throw first.reason
  await awaitListed(x, posted, since, listedBefore)
}

export interface OrderOptions {
  dryRun: boolean
  /** Reconcile and adopt what Gengo's record holds, order nothing. */
  fetchOnly?: boolean
  /** Read Gengo's record first (findOrdered). @default true */
  record?: boolean
}

/** Reconcile what an earlier run left in flight, then quote, check the budget, and order; returns the quote. */
export async function orderUnits(x: Executor, units: Unit[], options: OrderOptions): Promise<QuoteSummary | undefined> {
  const seen = x.result.orphans.length
  const quote = await orderOnce(x, units, options)
  // Lazy loading answered with a cancelled, rejected or deleted job: order those keys once more, with force.
  const forced = x.result.orphans.slice(seen).filter((u) => u.force !== undefined)
  if (options.dryRun || options.fetchOnly || forced.length === 0) return quote
  const again = await orderOnce(x, forced, options)
  return quote && again ? mergeQuotes(quote, again) : (quote ?? again)
}

function mergeQuotes(a: QuoteSummary, b: QuoteSummary): QuoteSummary {
  const languages = { ...a.languages }
  for (const [lng, l] of Object.entries(b.languages)) {
    const m = languages[lng] ?? { jobs: 0, keys: 0, credits: 0 }
    languages[lng] = { jobs: m.jobs + l.jobs, keys: m.keys + l.keys, credits: round(m.credits + l.credits) }
  }
  return { jobs: a.jobs + b.jobs, units: a.units + b.units, credits: round(a.credits + b.credits), currency: b.currency, languages }
}

/** One round: reconcile intents, adopt what Gengo's record holds, quote, check the budget, post. */
async function orderOnce(x: Executor, units: Unit[], options: OrderOptions): Promise<QuoteSummary | undefined> {
  let jobs = buildJobs(x.config, units)
  // Intents left by a crash or a lost answer are reconciled before anything is quoted or ordered.
  if (!options.dryRun) jobs = await reconcileIntents(x, jobs)
  // Then what this project ordered before and the lock does not know (a fresh clone): adopted, not paid again.
  let listed: ReadonlySet<string> | undefined
  if (options.record !== false && units.every((u) => u.force === undefined))
    ({ rest: jobs, listed } = await findOrdered(x, jobs, options.dryRun))
  if (options.fetchOnly) {
    const keys = jobs.reduce((n, j) => n + j.units.length, 0)
    x.result.unordered += keys
    if (keys > 0) x.result.warnings.push(`${keys} key(s) not ordered (fetch-only): a sync without --fetch-only orders them.`)
    return undefined
  }
  if (jobs.length === 0) return undefined
  await checkPairs(x.config, x.client, jobs)
  const quote = await quoteJobs(x.config, x.client, jobs)
  x.emit({ type: 'quote', jobs: quote.jobs, credits: quote.credits, currency: quote.currency })
  if (options.dryRun) return quote
  await checkBudget(x.config, x.client, quote)
  await postJobs(x, jobs, listed)
  return quote
}
