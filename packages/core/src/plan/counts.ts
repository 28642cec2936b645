import type { Plan } from './plan.ts'

/** Per-language counts of a plan, as status, sync and the plugin report them. */
export interface LanguageCounts {
  total: number
  translated: number
  missing: number
  stale: number
  pending: number
  interim: number
  invalid: number
  obsolete: number
  adopted: number
  /** Existing values that are broken (see `ValueProblem`); not counted as translated. */
  broken: number
  /** Values identical to the source text (counted as translated). */
  sameAsSource: number
}

export function emptyCounts(): LanguageCounts {
  return {
    total: 0,
    translated: 0,
    missing: 0,
    stale: 0,
    pending: 0,
    interim: 0,
    invalid: 0,
    obsolete: 0,
    adopted: 0,
    broken: 0,
    sameAsSource: 0,
  }
}

/** Per-language counts. `translated` counts up-to-date and adopted values; interim text is not done. */
export function countUnits(plan: Pick<Plan, 'units' | 'upToDate' | 'problems'>, langs: string[]): Record<string, LanguageCounts> {
  const out: Record<string, LanguageCounts> = {}
  for (const lng of langs) {
    const n = plan.upToDate[lng] ?? 0
    out[lng] = { ...emptyCounts(), total: n, translated: n }
  }
  for (const u of plan.units) {
    const c = out[u.lng]
    if (!c) continue
    if (u.state === 'obsolete') {
      c.obsolete++
      continue
    }
    c.total++
    if (u.state === 'up-to-date' || u.state === 'adopted') c.translated++
    if (u.state === 'adopted') c.adopted++
    if (u.state === 'missing') c.missing++
    if (u.state === 'stale') c.stale++
    if (u.state === 'pending') c.pending++
    if (u.state === 'interim') c.interim++
    if (u.state === 'invalid') c.invalid++
  }
  for (const p of plan.problems) {
    const c = out[p.lng]
    if (!c) continue
    if (p.kind === 'broken') c.broken++
    else c.sameAsSource++
  }
  return out
}
