import type { ResolvedL10nConfig } from '../config/config.ts'
import type { Resources } from '../files/resources.ts'
import type { Lock } from '../lock/lock.ts'
import { countUnits, type LanguageCounts } from './counts.ts'
import { plan } from './plan.ts'

/** One language × namespace cell of the dev page's coverage table. */
export interface CoverageCell extends LanguageCounts {
  lng: string
  ns: string
  /** Pending keys whose Gengo job waits for the customer's review. */
  reviewable: number
}

/**
 * Pure: counts per language × namespace, from the same plan a sync makes
 * (`invalid`: a Gengo translation that lost or invented a placeholder; `broken`: such a value in the files).
 * `isReviewable(lng, ns, key)` marks pending keys Gengo holds as reviewable.
 */
export function coverage(
  config: ResolvedL10nConfig,
  resources: Resources,
  lock: Lock,
  isReviewable: (lng: string, ns: string, key: string) => boolean = () => false,
): CoverageCell[] {
  const cells: CoverageCell[] = []
  for (const [ns, file] of resources.source) {
    const p = plan(config, { ...resources, source: new Map([[ns, file]]) }, lock)
    const counts = countUnits(p, config.targets)
    for (const lng of config.targets) {
      const c = counts[lng]
      if (!c) continue
      const reviewable = p.units.filter((u) => u.lng === lng && u.state === 'pending' && isReviewable(lng, ns, u.key)).length
      cells.push({ lng, ns, ...c, reviewable })
    }
  }
  return cells
}
