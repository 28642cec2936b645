import type { ResolvedL10nConfig } from '../config/config.ts'
import { shortHash } from '../files/hash.ts'
import type { Resources } from '../files/resources.ts'
import { getEntry, type Lock } from '../lock/lock.ts'
import type { Plan, Unit } from '../plan/plan.ts'
import type { RunScope } from '../plan/scope.ts'
import type { LockUpdate } from './decide.ts'
import type { Writes } from './executor.ts'

/** A unit's identity across copies (an orphan re-ordered is a copy of the plan's unit). */
export const unitId = (u: Pick<Unit, 'lng' | 'ns' | 'key'>): string => `${u.lng}\u0000${u.ns}\u0000${u.key}`

export interface Cleanup {
  /** lng → ns → keys to delete from the target files. */
  deletes: Map<string, Map<string, Set<string>>>
  /** Obsolete keys pruned (listed before deletion, with their last value), in plan order. */
  pruned: Unit[]
}

/**
 * Pure: what a run deletes. Obsolete keys (the source no longer has them) with `prune`, a plural
 * form the language does not have only with `repair` too (it is reported broken meanwhile); and,
 * with `keepStale: false`, the old value of a stale key re-ordered in this run and not written
 * yet (the app falls back to the source language meanwhile). A dry run deletes nothing but
 * still lists what it would prune.
 */
export function decideCleanup(
  config: ResolvedL10nConfig,
  plan: Plan,
  scope: RunScope,
  ordered: ReadonlyMap<string, Unit>,
  writes: Writes,
  dryRun: boolean,
): Cleanup {
  const out: Cleanup = { deletes: new Map(), pruned: [] }
  const del = (u: Unit) => {
    let perLng = out.deletes.get(u.lng)
    if (!perLng) out.deletes.set(u.lng, (perLng = new Map()))
    let set = perLng.get(u.ns)
    if (!set) perLng.set(u.ns, (set = new Set()))
    set.add(u.key)
  }
  for (const u of plan.units) {
    if (!scope.covers(u) || u.state !== 'obsolete' || !config.prune) continue
    // A plural form the language does not have is a person's value for a key the source has: only --repair removes it.
    if (u.unusedForm && !scope.repair) continue
    out.pruned.push(u)
    if (!dryRun) del(u)
  }
  if (!config.keepStale) for (const u of ordered.values()) if (u.state === 'stale' && !writes.get(u.lng)?.get(u.ns)?.has(u.key)) del(u)
  return out
}

/**
 * Pure: the lock's baselines moved to the current source, given the lock as the run left it.
 * A unit that stays stale (not ordered this run) keeps its old baseline as a `stale` entry; a
 * `stale` entry whose text is current again goes; pruned keys lose their entries.
 */
export function baselineUpdates(
  lock: Readonly<Lock>,
  plan: Plan,
  resources: Resources,
  ordered: ReadonlyMap<string, Unit>,
  pruned: readonly Unit[],
): { lock: LockUpdate[]; strings: Lock['strings'] } {
  const updates: LockUpdate[] = []
  const gone = new Set(pruned.map(unitId))
  for (const unit of plan.units) {
    const ref = { lng: unit.lng, ns: unit.ns, key: unit.key }
    const entry = getEntry(lock as Lock, unit.lng, unit.ns, unit.key)
    if (unit.state === 'obsolete') {
      if (gone.has(unitId(unit))) updates.push({ ...ref, entry: undefined })
      continue
    }
    if (unit.state === 'stale' && !entry && !ordered.has(unitId(unit)) && unit.baseline !== undefined) {
      updates.push({ ...ref, entry: { h: shortHash(unit.baseline), s: 'stale' } })
      continue
    }
    if (entry?.s === 'stale' && entry.h === unit.hash) updates.push({ ...ref, entry: undefined })
  }
  const strings: Lock['strings'] = { ...lock.strings }
  for (const [ns, source] of resources.source) {
    const values: Record<string, string> = Object.create(null)
    for (const e of source.entries) values[e.key] = e.value
    strings[ns] = values
  }
  return { lock: updates, strings }
}
