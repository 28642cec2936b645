import type { ResolvedL10nConfig } from '../config/config.ts'
import { contentHash } from '../files/hash.ts'
import type { Resources } from '../files/types.ts'
import type { CleanNamespace } from '../lock/sums.ts'
import type { FileChange } from './apply.ts'
import type { Plan } from './plan.ts'

/** The most same-as-source keys of one language a namespace's sums line keeps. */
export const SAME_KEPT = 200

/**
 * Pure: the namespaces a run read and leaves clean (no unit needs anything in any language, no broken value), with the
 * texts its plan saw: a target file the run rewrote counts with its new content (targets: their content hashes, from
 * `resources.targetHashes` where the read kept only those). What the sums file records (lock/sums.ts).
 */
export function cleanNamespaces(
  config: ResolvedL10nConfig,
  after: Pick<Plan, 'units' | 'problems' | 'upToDateByNs'>,
  resources: Resources,
  changes: readonly FileChange[],
): CleanNamespace[] {
  const unclean = new Set<string>()
  for (const u of after.units) unclean.add(u.ns)
  // A value that is the source text is a fact of the files, like a count: the sums line keeps it, and a proven namespace reports it.
  // More than SAME_KEPT of them in one language (a target such as en-GB that mostly repeats the source) would make the line a copy of the
  // file: that namespace is read in full instead.
  const same = new Map<string, Record<string, string[]>>()
  for (const p of after.problems) {
    if (p.kind !== 'same-as-source') unclean.add(p.ns)
    else {
      const byLng = same.get(p.ns) ?? {}
      const keys = (byLng[p.lng] ??= [])
      keys.push(p.key)
      same.set(p.ns, byLng)
      if (keys.length > SAME_KEPT) unclean.add(p.ns)
    }
  }
  const written = new Map<string, string>()
  for (const c of changes) if (c.content !== undefined) written.set(`${c.lng}\u0000${c.ns}`, c.content)
  const out: CleanNamespace[] = []
  for (const [ns, source] of resources.source) {
    if (unclean.has(ns) || source.text === undefined) continue
    const counts: Record<string, number> = {}
    for (const lng of config.targets) counts[lng] = after.upToDateByNs[ns]?.[lng] ?? 0
    out.push({
      ns,
      source: source.text,
      context: resources.contextText?.get(ns),
      targets: config.targets.map((lng) => {
        const id = `${lng}\u0000${ns}`
        const content = written.get(id)
        if (content !== undefined) return contentHash(content)
        return (
          resources.targetHashes?.get(id) ??
          resources.targets.get(lng)?.get(ns)?.hash ??
          contentHash(resources.targets.get(lng)?.get(ns)?.text)
        )
      }),
      counts,
      ...(same.has(ns) && { same: same.get(ns) }),
    })
  }
  return out
}
