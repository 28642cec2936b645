import type { ResolvedL10nConfig } from '../config/config.ts'
import type { Resources } from '../files/resources.ts'
import { byNamespace } from '../files/resources.ts'
import type { Lock } from '../lock/entries.ts'
import { newPlanMemo, type Plan, plan } from './plan.ts'

/**
 * Pure: plans of disjoint (namespace, language) pairs as the one plan of all of them: units and problems in the order
 * one plan lists them (by namespace, then language in `langs` order), counts summed. What lets a run read and plan one
 * language at a time and hold only that language's files (run.ts, status.ts), with the same result.
 */
export function mergePlans(namespaces: string[], langs: string[], parts: readonly Plan[]): Plan {
  // A proven namespace (not read, so not in `namespaces`) may bring its same-as-source problems: listed in its place.
  const known = new Set(namespaces)
  const extra = new Set<string>()
  for (const part of parts) for (const p of part.problems) if (!known.has(p.ns)) extra.add(p.ns)
  const order = extra.size ? [...namespaces, ...extra].sort(byNamespace) : namespaces
  const lngOrder = new Map(langs.map((lng, i) => [lng, i]))
  const nsOrder = new Map(order.map((ns, i) => [ns, i]))
  const rank = (x: { ns: string; lng: string }) => (nsOrder.get(x.ns) ?? 0) * langs.length + (lngOrder.get(x.lng) ?? 0)
  const units: Plan['units'][] = order.flatMap(() => langs.map(() => []))
  const problems: Plan['problems'][] = order.flatMap(() => langs.map(() => []))
  const upToDate: Record<string, number> = {}
  const upToDateByNs: Record<string, Record<string, number>> = {}
  for (const part of parts) {
    for (const u of part.units) units[rank(u)]?.push(u)
    for (const p of part.problems) problems[rank(p)]?.push(p)
    for (const [lng, n] of Object.entries(part.upToDate)) upToDate[lng] = (upToDate[lng] ?? 0) + n
  }
  for (const ns of namespaces)
    for (const part of parts) for (const [lng, n] of Object.entries(part.upToDateByNs[ns] ?? {})) (upToDateByNs[ns] ??= {})[lng] = n
  return { namespaces, langs, units: units.flat(), upToDate, upToDateByNs, problems: problems.flat() }
}

/**
 * Pure: the part of `plan` for the pairs not in `planned` (lng → namespaces planned again): their counts alone. A pair
 * with no unit and no problem stays as it was after a run (nothing of it was written or ordered, and its baselines
 * were the source's already), so a run plans again only the pairs it kept and takes the rest from here.
 */
export function countsExcept(plan: Plan, planned: ReadonlyMap<string, ReadonlySet<string>>): Plan {
  const upToDate: Record<string, number> = { ...plan.upToDate }
  const upToDateByNs: Record<string, Record<string, number>> = {}
  for (const [ns, perLng] of Object.entries(plan.upToDateByNs)) {
    for (const [lng, n] of Object.entries(perLng)) {
      if (planned.get(lng)?.has(ns)) upToDate[lng] = (upToDate[lng] ?? 0) - n
      else (upToDateByNs[ns] ??= {})[lng] = n
    }
  }
  for (const lng of Object.keys(upToDate)) if (upToDate[lng] === 0) delete upToDate[lng]
  // Problems of pairs not planned again (a proven namespace's same-as-source values) stay as they were.
  const problems = plan.problems.filter((p) => !planned.get(p.lng)?.has(p.ns))
  return { namespaces: plan.namespaces, langs: plan.langs, units: [], upToDate, upToDateByNs, problems }
}

/**
 * The plan after a run, from the values it left: the kept files (those with a unit or a problem) planned again; the
 * other pairs, which nothing in the run changed, counted as before (plan/merge.ts countsExcept).
 */
export function planAgain(
  config: ResolvedL10nConfig,
  resources: Resources,
  lock: Lock,
  before: Plan,
  values: ReadonlyMap<string, ReadonlyMap<string, ReadonlyMap<string, string>>>,
): Plan {
  const planned = new Map<string, Set<string>>()
  const parts: Plan[] = []
  const memo = newPlanMemo()
  for (const [lng, kept] of resources.targets) {
    if (kept.size === 0) continue
    planned.set(lng, new Set(kept.keys()))
    const source = new Map([...resources.source].filter(([ns]) => kept.has(ns)))
    parts.push(plan(config, { ...resources, source, targets: new Map([[lng, kept]]) }, lock, values, undefined, memo))
  }
  return mergePlans(before.namespaces, before.langs, [countsExcept(before, planned), ...parts])
}
