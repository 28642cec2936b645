import type { GengoClient } from '@l10n-sync/gengo'
import type { ResolvedL10nConfig } from '../config/config.ts'
import { toGengoLanguage } from '../config/languages.ts'
import { L10nError } from '../errors.ts'
import type { JobRequest } from '../plan/jobs.ts'
import { loadLimit } from './limit.ts'

export interface QuoteSummary {
  jobs: number
  units: number
  credits: number
  currency: string
  languages: Record<string, { jobs: number; keys: number; credits: number }>
}

/** Checks every language pair against Gengo's live list before anything is ordered; names every unmapped language in one error. */
export async function checkPairs(config: ResolvedL10nConfig, client: GengoClient, jobs: JobRequest[]): Promise<void> {
  const lcSrc = toGengoLanguage(config.source, config.languageMap)
  const pairs = await client.languagePairs(lcSrc)
  const offered = new Set(pairs.map((p) => `${p.lcTgt}\u0000${p.tier}`))
  const tier = config.gengo.tier
  const bad: string[] = []
  for (const lng of new Set(jobs.map((j) => j.lng))) {
    const lcTgt = toGengoLanguage(lng, config.languageMap)
    if (!offered.has(`${lcTgt}\u0000${tier}`)) bad.push(`${lng} (Gengo code '${lcTgt}')`)
  }
  if (bad.length === 0) return
  const example = bad[0]?.split(' ')[0] ?? 'xx'
  throw new L10nError(
    'L10N_LANGUAGE',
    `Gengo does not offer ${config.source}${lcSrc === config.source ? '' : ` ('${lcSrc}')`} → ${bad.join(', ')} at tier '${tier}'. Codes map to Gengo's by languageMap, then the exact Gengo code, then a known alias, then the base language. Check \`targets\`, or map them with \`languageMap\` (e.g. { '${example}': '<gengo code>' }).`,
    { option: 'targets', file: config.configFile },
  )
}

/** Gengo's quote for the jobs, per language. */
export async function quoteJobs(config: ResolvedL10nConfig, client: GengoClient, jobs: JobRequest[]): Promise<QuoteSummary> {
  const summary: QuoteSummary = { jobs: jobs.length, units: 0, credits: 0, currency: 'USD', languages: {} }
  // Quotes mix languages: ⌈jobs / batchSize⌉ requests, a few at a time, summed in job order.
  const chunks: JobRequest[][] = []
  for (let i = 0; i < jobs.length; i += config.gengo.batchSize) chunks.push(jobs.slice(i, i + config.gengo.batchSize))
  const limit = (await loadLimit())(config.gengo.concurrency)
  const answers = await Promise.all(chunks.map((chunk) => limit(() => client.quote(Object.fromEntries(chunk.map((j) => [j.id, j.input]))))))
  for (const [c, chunk] of chunks.entries()) {
    const quotes = answers[c] as Awaited<ReturnType<GengoClient['quote']>>
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

export function round(n: number): number {
  return Math.round(n * 100) / 100
}

/** Refuses, ordering nothing, when the quote is over `gengo.maxCredits` or the balance. */
export async function checkBudget(config: ResolvedL10nConfig, client: GengoClient, quote: QuoteSummary): Promise<void> {
  const perLanguage = Object.entries(quote.languages)
    .map(([lng, l]) => `${lng}: ${l.jobs} job(s), ${l.credits.toFixed(2)}`)
    .join('; ')
  if (quote.credits > config.gengo.maxCredits) {
    throw new L10nError(
      'L10N_BUDGET',
      `This sync would order ${quote.jobs} job(s) for ${quote.credits.toFixed(2)} ${quote.currency}, over gengo.maxCredits (${config.gengo.maxCredits}) — ${perLanguage}. Nothing was ordered. Raise gengo.maxCredits, or sync fewer languages with --lang.`,
      { option: 'gengo.maxCredits', file: config.configFile },
    )
  }
  const balance = await client.balance()
  if (quote.credits > balance.credits) {
    throw new L10nError(
      'L10N_BUDGET',
      `This sync would order ${quote.credits.toFixed(2)} ${quote.currency} but the Gengo balance is ${balance.credits.toFixed(2)} ${balance.currency}. Nothing was ordered. Add credits on Gengo.`,
      { option: 'gengo.maxCredits' },
    )
  }
}
