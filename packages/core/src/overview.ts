import type { ResolvedL10nConfig } from './config/config.ts'
import { connectGengo } from './gengo/connection.ts'
import { acquireProjectLock } from './lock/project-lock.ts'
import { type CoverageCell, coverage } from './plan/coverage.ts'
import type { ReviewItem } from './review/review.ts'
import { loadReview, type ReviewOptions } from './review/review-run.ts'
import { addRevisions } from './review/revisions.ts'

export interface ReviewOverview {
  source: string
  targets: string[]
  namespaces: string[]
  /** Per language × namespace: translated, missing, pending, reviewable, broken (invalid)… */
  coverage: CoverageCell[]
  /** Every pending key's Gengo job (status, ETA) with its source, context and translation. */
  items: ReviewItem[]
  /** Credits of the open jobs (ordered, not yet approved), per distinct job. */
  committed: number
  /** Gengo's account stats (credits spent), when it answered. */
  spent?: number
  currency: string
  requests: number
  warnings: string[]
}

/** What the dev page shows, in one read: the files, the lock, and Gengo's jobs (one batch read) and stats. */
export async function reviewOverview(config: ResolvedL10nConfig, options: ReviewOptions = {}): Promise<ReviewOverview> {
  // Under the project lock like a sync: the in-process emulator keeps its state in a file that both save.
  const { release } = await acquireProjectLock(config, options.lockWaitMs, options.fs)
  const conn = await connectGengo(config, options).catch(async (error) => {
    await release()
    throw error
  })
  try {
    const loaded = await loadReview(config, conn, options.langs ?? config.targets, options.fs)
    await addRevisions(config, conn, loaded, {
      maxRequests: options.maxRevisionRequests,
      cache: options.revisionCache,
      all: options.allRevisions,
    })
    const open = new Set(loaded.items.filter((i) => i.status === 'reviewable').map((i) => `${i.lng}\u0000${i.ns}\u0000${i.key}`))
    const cells = coverage(config, loaded.resources, loaded.lock, (lng, ns, key) => open.has(`${lng}\u0000${ns}\u0000${key}`))
    const jobs = new Map(loaded.items.filter((i) => i.status !== 'approved').map((i) => [i.jobId, i]))
    const committed = Math.round([...jobs.values()].reduce((n, i) => n + i.credits, 0) * 100) / 100
    let spent: number | undefined
    let currency = [...jobs.values()][0]?.currency ?? 'USD'
    try {
      const stats = await conn.client.stats()
      spent = stats.creditsSpent
      currency = stats.currency || currency
    } catch {
      // Stats are a nicety; the page works without them.
    }
    return {
      source: config.source,
      targets: [...config.targets],
      namespaces: [...loaded.resources.source.keys()],
      coverage: cells,
      items: loaded.items,
      committed,
      spent,
      currency,
      requests: conn.requests(),
      warnings: loaded.warnings,
    }
  } finally {
    await conn.close()
    await release()
  }
}
