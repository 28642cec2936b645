import { GengoError, type GengoPostJobsResult } from '@l10n-sync/gengo'
import pLimit from 'p-limit'
import { L10nError } from './errors.ts'
import { intentFor, newBatchId, type OrderIntent, tagCustomData } from './intents.ts'
import { batchJobs, buildJobs, type JobRequest } from './jobs.ts'
import { toGengoLanguage } from './languages.ts'
import { setEntry } from './lock.ts'
import type { Unit } from './plan.ts'
import { reconcileIntents } from './reconcile.ts'
import { bestJob, type Session, settle, valueHash } from './session.ts'

export interface QuoteSummary {
  jobs: number
  units: number
  credits: number
  currency: string
  languages: Record<string, { jobs: number; keys: number; credits: number }>
}

/** Checks every language pair against Gengo's live list before anything is ordered; names every unmapped language in one error. */
export async function checkPairs(s: Session, jobs: JobRequest[]): Promise<void> {
  const lcSrc = toGengoLanguage(s.config.source, s.config.languageMap)
  const pairs = await s.client.languagePairs(lcSrc)
  const offered = new Set(pairs.map((p) => `${p.lcTgt}\u0000${p.tier}`))
  const tier = s.config.gengo.tier
  const bad: string[] = []
  for (const lng of new Set(jobs.map((j) => j.lng))) {
    const lcTgt = toGengoLanguage(lng, s.config.languageMap)
    if (!offered.has(`${lcTgt}\u0000${tier}`)) bad.push(`${lng} (Gengo code '${lcTgt}')`)
  }
  if (bad.length === 0) return
  const example = bad[0]?.split(' ')[0] ?? 'xx'
  throw new L10nError(
    'L10N_LANGUAGE',
    `Gengo does not offer ${s.config.source}${lcSrc === s.config.source ? '' : ` ('${lcSrc}')`} → ${bad.join(', ')} at tier '${tier}'. Codes map to Gengo's by languageMap, then the exact Gengo code, then a known alias, then the base language. Check \`targets\`, or map them with \`languageMap\` (e.g. { '${example}': '<gengo code>' }).`,
    { option: 'targets', file: s.config.configFile },
  )
}

/** Gengo's quote for the jobs, per language. */
export async function quoteJobs(s: Session, jobs: JobRequest[]): Promise<QuoteSummary> {
  const summary: QuoteSummary = { jobs: jobs.length, units: 0, credits: 0, currency: 'USD', languages: {} }
  for (let i = 0; i < jobs.length; i += s.config.gengo.batchSize) {
    const chunk = jobs.slice(i, i + s.config.gengo.batchSize)
    const quotes = await s.client.quote(Object.fromEntries(chunk.map((j) => [j.id, j.input])))
    for (const job of chunk) {
      const q = quotes[job.id]
      if (!q) continue
      summary.units += q.unitCount
      summary.credits += q.credits
      summary.currency = q.currency
      const l = (summary.languages[job.lng] ??= { jobs: 0, keys: 0, credits: 0 })
      l.jobs++
      l.keys += job.units.length
      l.credits = round(l.credits + q.credits)
    }
  }
  summary.credits = round(summary.credits)
  return summary
}

function round(n: number): number {
  return Math.round(n * 100) / 100
}

/** Refuses, ordering nothing, when the quote is over `gengo.maxCredits` or the balance. */
export async function checkBudget(s: Session, quote: QuoteSummary): Promise<void> {
  const perLanguage = Object.entries(quote.languages)
    .map(([lng, l]) => `${lng}: ${l.jobs} job(s), ${l.credits.toFixed(2)}`)
    .join('; ')
  if (quote.credits > s.config.gengo.maxCredits) {
    throw new L10nError(
      'L10N_BUDGET',
      `This sync would order ${quote.jobs} job(s) for ${quote.credits.toFixed(2)} ${quote.currency}, over gengo.maxCredits (${s.config.gengo.maxCredits}) — ${perLanguage}. Nothing was ordered. Raise gengo.maxCredits, or sync fewer languages with --lang.`,
      { option: 'gengo.maxCredits', file: s.config.configFile },
    )
  }
  const balance = await s.client.balance()
  if (quote.credits > balance.credits) {
    throw new L10nError(
      'L10N_BUDGET',
      `This sync would order ${quote.credits.toFixed(2)} ${quote.currency} but the Gengo balance is ${balance.credits.toFixed(2)} ${balance.currency}. Nothing was ordered. Add credits on Gengo.`,
      { option: 'gengo.maxCredits' },
    )
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
async function postBatch(s: Session, batch: JobRequest[]): Promise<{ credits: number; reused: number; ordered: boolean }> {
  const batchId = newBatchId()
  const intents = (s.lock.intents ??= Object.create(null) as Record<string, OrderIntent>)
  intents[batchId] = intentFor(batch, s.nowSec())
  await s.saveLock()
  let res: GengoPostJobsResult
  try {
    res = await s.client.postJobs(
      Object.fromEntries(batch.map((j) => [j.id, { ...j.input, customData: tagCustomData(batchId, j.input.customData ?? j.id) }])),
      { asGroup: batch.length >= 2, comment: s.config.gengo.comment },
    )
  } catch (error) {
    if (orderedNothing(error)) {
      delete intents[batchId]
      await s.saveLock()
      throw error
    }
    s.warnings.push(`${(error as Error).message.replace(/^\[l10n\] /, '')}`)
    // Outcome unknown: find out from Gengo's job list (bounded by the grace period and the run's deadline).
    const left = await reconcileIntents(s, batch, batchId)
    const settled = batch.length - left.length
    return { credits: 0, reused: settled, ordered: false }
  }
  // 1. The order id first: every unit pending under it, the intent gone, one atomic write.
  for (const job of batch)
    for (const unit of job.units)
      setEntry(s.lock, unit.lng, unit.ns, unit.key, {
        h: unit.hash,
        s: 'pending',
        order: res.orderId,
        v: valueHash(unit.value),
        t: s.nowSec(),
      })
  delete intents[batchId]
  await s.saveLock()
  // 2. Then match what Gengo returned, tolerantly; what cannot be matched is reported, not lost.
  let reused = 0
  for (const job of batch) {
    let posted = res.jobs[job.id]
    if (posted?.kind === 'duplicate') posted = res.jobs[posted.of] ?? { kind: 'new' }
    if (posted?.kind === 'existing' && posted.jobs.length > 0) {
      reused++
      try {
        await settle(s, bestJob(posted.jobs) as NonNullable<ReturnType<typeof bestJob>>, job, job.units, res.orderId)
      } catch (error) {
        s.warnings.push(
          `Could not apply Gengo's job for ${job.id} yet (${(error as Error).message}); it stays pending under order ${res.orderId}.`,
        )
      }
      continue
    }
    for (const unit of job.units) s.pending.push({ lng: unit.lng, ns: unit.ns, key: unit.key, status: 'queued' })
  }
  if (res.unmatched.length > 0)
    s.warnings.push(
      `Gengo's answer to order ${res.orderId ?? '(no id)'} held ${res.unmatched.length} job entr${res.unmatched.length === 1 ? 'y' : 'ies'} that match no submitted job: ${JSON.stringify(res.unmatched).slice(0, 200)}. Its keys stay pending under the order.`,
    )
  await s.saveLock()
  s.ordered.jobs += batch.length - reused
  s.ordered.credits = round(s.ordered.credits + res.creditsUsed)
  s.ordered.currency = res.currency
  return { credits: res.creditsUsed, reused, ordered: true }
}

/** Posts the jobs in batches (p-limit), each write-ahead (see postBatch). */
export async function postJobs(s: Session, jobs: JobRequest[]): Promise<void> {
  const batches = batchJobs(jobs, s.config.gengo.batchSize)
  const limit = pLimit(s.config.gengo.concurrency)
  let n = 0
  await Promise.all(
    batches.map((batch) =>
      limit(async () => {
        const r = await postBatch(s, batch)
        s.reused += r.reused
        s.emit({ type: 'order', batch: ++n, batches: batches.length, jobs: batch.length, credits: r.credits, reused: r.reused })
      }),
    ),
  )
}

export interface OrderOptions {
  dryRun: boolean
}

/** Quote, budget check, then order; returns the quote. */
export async function orderUnits(s: Session, units: Unit[], options: OrderOptions): Promise<QuoteSummary | undefined> {
  let jobs = buildJobs(s.config, units)
  // Intents left by a crash or a lost answer are reconciled before anything is quoted or ordered.
  if (!options.dryRun) jobs = await reconcileIntents(s, jobs)
  if (jobs.length === 0) return undefined
  await checkPairs(s, jobs)
  const quote = await quoteJobs(s, jobs)
  s.emit({ type: 'quote', jobs: quote.jobs, credits: quote.credits, currency: quote.currency })
  if (options.dryRun) return quote
  await checkBudget(s, quote)
  await postJobs(s, jobs)
  return quote
}
