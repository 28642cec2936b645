import type { GengoPostJobsResult } from '@l10n-sync/gengo'
import pLimit from 'p-limit'
import { L10nError } from './errors.ts'
import { batchJobs, buildJobs, type JobRequest } from './jobs.ts'
import { toGengoLanguage } from './languages.ts'
import { setEntry } from './lock.ts'
import type { Unit } from './plan.ts'
import { bestJob, type Session, settle, valueHash } from './session.ts'

export interface QuoteSummary {
  jobs: number
  units: number
  credits: number
  currency: string
  languages: Record<string, { jobs: number; keys: number; credits: number }>
}

/** Checks every language pair against Gengo's live list before anything is ordered. */
export async function checkPairs(s: Session, jobs: JobRequest[]): Promise<void> {
  const lcSrc = toGengoLanguage(s.config.source, s.config.languageMap)
  const pairs = await s.client.languagePairs(lcSrc)
  const offered = new Set(pairs.map((p) => `${p.lcTgt}\u0000${p.tier}`))
  for (const lng of new Set(jobs.map((j) => j.lng))) {
    const lcTgt = toGengoLanguage(lng, s.config.languageMap)
    if (!offered.has(`${lcTgt}\u0000${s.config.gengo.tier}`)) {
      throw new L10nError(
        'L10N_LANGUAGE',
        `Gengo does not offer ${s.config.source} → ${lng} (Gengo code '${lcTgt}') at tier '${s.config.gengo.tier}'. Check \`targets\`, or map it with \`languageMap\` (e.g. { '${lng}': '<gengo code>' }).`,
        { option: 'targets', file: s.config.configFile },
      )
    }
  }
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

/** Posts the jobs in batches (p-limit), recording every POST in the lock at once. */
export async function postJobs(s: Session, jobs: JobRequest[]): Promise<void> {
  const batches = batchJobs(jobs, s.config.gengo.batchSize)
  const limit = pLimit(s.config.gengo.concurrency)
  let n = 0
  await Promise.all(
    batches.map((batch) =>
      limit(async () => {
        const res: GengoPostJobsResult = await s.client.postJobs(Object.fromEntries(batch.map((j) => [j.id, j.input])), {
          asGroup: batch.length >= 2,
          comment: s.config.gengo.comment,
        })
        let reused = 0
        let fresh = 0
        for (const job of batch) {
          let posted = res.jobs[job.id]
          if (posted?.kind === 'duplicate') posted = res.jobs[posted.of] ?? { kind: 'new' }
          if (posted?.kind === 'existing' && posted.jobs.length > 0) {
            reused++
            await settle(s, bestJob(posted.jobs) as NonNullable<ReturnType<typeof bestJob>>, job, job.units, res.orderId)
            continue
          }
          fresh++
          for (const unit of job.units) {
            setEntry(s.lock, unit.lng, unit.ns, unit.key, {
              h: unit.hash,
              s: 'pending',
              order: res.orderId,
              v: valueHash(unit.value),
              t: s.nowSec(),
            })
            s.pending.push({ lng: unit.lng, ns: unit.ns, key: unit.key, status: 'queued' })
          }
        }
        s.reused += reused
        s.ordered.jobs += fresh
        s.ordered.credits = round(s.ordered.credits + res.creditsUsed)
        s.ordered.currency = res.currency
        // The order id must never be lost: write the lock right after every POST.
        await s.saveLock()
        s.emit({ type: 'order', batch: ++n, batches: batches.length, jobs: batch.length, credits: res.creditsUsed, reused })
      }),
    ),
  )
}

export interface OrderOptions {
  dryRun: boolean
}

/** Quote, budget check, then order; returns the quote. */
export async function orderUnits(s: Session, units: Unit[], options: OrderOptions): Promise<QuoteSummary | undefined> {
  const jobs = buildJobs(s.config, units)
  if (jobs.length === 0) return undefined
  await checkPairs(s, jobs)
  const quote = await quoteJobs(s, jobs)
  s.emit({ type: 'quote', jobs: quote.jobs, credits: quote.credits, currency: quote.currency })
  if (options.dryRun) return quote
  await checkBudget(s, quote)
  await postJobs(s, jobs)
  return quote
}
