import { byNamespace } from '../files/resources.ts'
import type { Resources } from '../files/types.ts'

/** The problem text of a `same-as-source` value. */
export const SAME_AS_SOURCE = 'the value is the source text, untranslated'

/** What the sums file says of a namespace known clean without reading it: its counts and its values that are the source text. */
export interface ProvenNamespace {
  n: Readonly<Record<string, number>>
  s?: Readonly<Record<string, readonly string[]>>
}

/**
 * Pure: adds the namespaces known clean without reading them to a plan's counts and problems, the problems in namespace
 * order as a full read lists them (a stable sort: within a namespace, language then file order).
 */
export function addProven(
  proven: ReadonlyMap<string, ProvenNamespace> | undefined,
  resources: Pick<Resources, 'source'>,
  langs: readonly string[],
  upToDate: Record<string, number>,
  problems: { lng: string; ns: string; key: string; kind: 'broken' | 'same-as-source'; problem: string }[],
): void {
  let same = false
  for (const [ns, { n, s }] of proven ?? []) {
    if (resources.source.has(ns)) continue
    for (const lng of langs) {
      if (n[lng]) upToDate[lng] = (upToDate[lng] ?? 0) + (n[lng] as number)
      for (const key of s?.[lng] ?? []) {
        problems.push({ lng, ns, key, kind: 'same-as-source', problem: SAME_AS_SOURCE })
        same = true
      }
    }
  }
  if (same) problems.sort((a, b) => byNamespace(a.ns, b.ns))
}
