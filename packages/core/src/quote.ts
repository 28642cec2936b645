import type { GengoClient } from '@l10n-sync/gengo'
import type { ResolvedL10nConfig } from './config/config.ts'
import { toGengoLanguage } from './config/languages.ts'
import { L10nError } from './errors.ts'
import { readResources } from './files/resources.ts'
import { connectGengo } from './gengo/connection.ts'
import { checkPairs, type QuoteSummary, quoteJobs } from './gengo/order.ts'
import { readRecord } from './gengo/record.ts'
import { readLock } from './lock/lock.ts'
import { buildJobs } from './plan/jobs.ts'
import { plan } from './plan/plan.ts'
import { runScope } from './plan/scope.ts'
import type { SyncOptions } from './run.ts'

export interface QuoteReport extends QuoteSummary {
  requests: number
  /** Over `gengo.maxCredits`: a sync would refuse. */
  overBudget: boolean
  maxCredits: number
  /** With `gengo.usePreferred`: per target language, the preferred translators Gengo lists for its pair and tier (null: not asked). */
  preferred: Record<string, number> | null
}

/** What a sync would order now and what Gengo says it costs. Orders nothing, writes nothing. */
export async function quote(
  config: ResolvedL10nConfig,
  options: Pick<SyncOptions, 'langs' | 'namespaces' | 'onEvent' | 'fetch' | 'env' | 'fs' | 'repair'> = {},
): Promise<QuoteReport> {
  const scope = runScope(config, options)
  const resources = await readResources(config, { namespaces: scope.namespaces, fs: options.fs })
  const { lock } = await readLock(config, options.fs)
  let jobs = buildJobs(config, scope.toOrder(plan(config, resources, lock).units))
  const maxCredits = config.gengo.maxCredits
  /** Nothing to order (or all of it already on Gengo). */
  const nothing = (requests: number): QuoteReport => {
    return { jobs: 0, units: 0, credits: 0, currency: 'USD', languages: {}, requests, overBudget: false, maxCredits, preferred: null }
  }
  if (jobs.length === 0) return nothing(0)
  const conn = await connectGengo(config, options)
  try {
    // What Gengo's record already holds for this project (a fresh clone) is not ordered again: not quoted either.
    jobs = (await readRecord(conn.client, config, lock, jobs, Math.floor(Date.now() / 1000))).rest
    if (jobs.length === 0) return nothing(conn.requests())
    await checkPairs(config, conn.client, jobs)
    await checkGlossaries(config, conn.client)
    const preferred = config.gengo.usePreferred
      ? await preferredPerLanguage(
          config,
          conn.client,
          jobs.map((j) => j.lng),
        )
      : null
    const q = await quoteJobs(config, conn.client, jobs)
    return { ...q, requests: conn.requests(), overBudget: q.credits > maxCredits, maxCredits, preferred }
  } finally {
    await conn.close()
  }
}

/** Each configured glossary exists on the account and covers the source and its language (`GET translate/glossary`). */
export async function checkGlossaries(config: ResolvedL10nConfig, client: GengoClient): Promise<void> {
  const wanted = Object.entries(config.gengo.glossaries)
  if (wanted.length === 0) return
  const list = await client.glossaries()
  const src = toGengoLanguage(config.source, config.languageMap)
  for (const [lng, id] of wanted) {
    const g = list.find((x) => x.id === id)
    const tgt = toGengoLanguage(lng, config.languageMap)
    const option = `gengo.glossaries.${lng}`
    const have = list.map((x) => `${x.id} "${x.title}" (${x.lcSrc} → ${x.lcTgts.join(', ')})`).join('; ') || 'none'
    if (!g)
      throw new L10nError(
        'L10N_CONFIG',
        `\`${option}\` is ${id}, which is not one of this account's glossaries (${have}). Nothing was ordered.`,
        { option },
      )
    if (g.lcSrc !== src || !g.lcTgts.includes(tgt))
      throw new L10nError(
        'L10N_CONFIG',
        `\`${option}\` is glossary ${id} "${g.title}", which covers ${g.lcSrc} → ${g.lcTgts.join(', ')}, not ${src} → ${tgt}. Nothing was ordered.`,
        { option },
      )
  }
}

/** Per target language of the order: how many preferred translators Gengo lists for its pair and the tier. */
async function preferredPerLanguage(config: ResolvedL10nConfig, client: GengoClient, langs: string[]): Promise<Record<string, number>> {
  const list = await client.preferredTranslators()
  const src = toGengoLanguage(config.source, config.languageMap)
  const out: Record<string, number> = {}
  for (const lng of new Set(langs)) {
    const tgt = toGengoLanguage(lng, config.languageMap)
    out[lng] = list
      .filter((p) => p.lcSrc === src && p.lcTgt === tgt && p.tier === config.gengo.tier)
      .reduce((n, p) => n + p.translators.length, 0)
  }
  return out
}
