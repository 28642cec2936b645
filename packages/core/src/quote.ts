import type { ResolvedL10nConfig } from './config.ts'
import { connectGengo } from './gengo.ts'
import { buildJobs } from './jobs.ts'
import { readLock } from './lock.ts'
import { checkPairs, type QuoteSummary, quoteJobs } from './order.ts'
import { plan, toOrder } from './plan.ts'
import { readResources } from './resources.ts'
import { resolveLangs } from './scope.ts'
import { createSession } from './session.ts'
import type { SyncOptions } from './sync.ts'

export interface QuoteReport extends QuoteSummary {
  requests: number
  /** Over `gengo.maxCredits`: a sync would refuse. */
  overBudget: boolean
  maxCredits: number
}

/** What a sync would order now and what Gengo says it costs. Orders nothing, writes nothing. */
export async function quote(
  config: ResolvedL10nConfig,
  options: Pick<SyncOptions, 'langs' | 'namespaces' | 'onEvent' | 'fetch' | 'env' | 'repair'> = {},
): Promise<QuoteReport> {
  const langs = resolveLangs(config, options.langs)
  const resources = await readResources(config, { namespaces: options.namespaces })
  const { lock } = await readLock(config)
  const p = plan(config, resources, lock)
  const units = p.units.filter((u) => langs.includes(u.lng) && toOrder(config, u, options.repair))
  const jobs = buildJobs(config, units)
  const empty = {
    jobs: 0,
    units: 0,
    credits: 0,
    currency: 'USD',
    languages: {},
    requests: 0,
    overBudget: false,
    maxCredits: config.gengo.maxCredits,
  }
  if (jobs.length === 0) return empty
  const conn = await connectGengo(config, options)
  try {
    const session = createSession(config, conn.client, resources, lock, options.onEvent ?? (() => {}))
    await checkPairs(session, jobs)
    const q = await quoteJobs(session, jobs)
    return { ...q, requests: conn.requests(), overBudget: q.credits > config.gengo.maxCredits, maxCredits: config.gengo.maxCredits }
  } finally {
    await conn.close()
  }
}
