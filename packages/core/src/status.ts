import { relative } from 'node:path'
import type { ResolvedL10nConfig } from './config/config.ts'
import { type LocaleFile, localePath, type Resources, readLocaleFile, readSources } from './files/resources.ts'
import type { CoreIO, FileSystem } from './io.ts'
import { type Lock, readLock } from './lock/lock.ts'
import { readProven, readSums, trustedLocks } from './lock/sums.ts'
import { countUnits, type LanguageCounts } from './plan/counts.ts'
import { mergePlans } from './plan/merge.ts'
import { newPlanMemo, type Plan, plan, type ValueProblem } from './plan/plan.ts'
import { addProven, type ProvenNamespace } from './plan/proven.ts'
import { type NotDoneKey, runScope, type ScopeOptions } from './plan/scope.ts'

export interface StatusOptions extends ScopeOptions, Pick<CoreIO, 'fs'> {}

/** A problem with a value on disk, with the file it is in (relative to the project root). */
export interface FileProblem extends ValueProblem {
  file: string
}

export interface StatusReport {
  /** Nothing missing, stale, pending, interim or invalid, and (with `checkBroken`) nothing broken. */
  complete: boolean
  languages: Record<string, LanguageCounts>
  /** Every key that is not done, for annotations and listings. */
  keys: NotDoneKey[]
  /** Existing values that are broken or identical to the source. */
  problems: FileProblem[]
  warnings: string[]
  /** Namespaces counted from the sums file without being read: unchanged since a clean sync (lock/sums.ts). */
  unchanged: string[]
}

/** Where every language stands, from the files and the lock alone: no network. */
export async function status(config: ResolvedL10nConfig, options: StatusOptions = {}): Promise<StatusReport> {
  const scope = runScope(config, options)
  // Namespaces the sums file shows clean are counted, not read (lock/sums.ts); a lock it names is parsed only if needed.
  const sums = readSums(config, options.fs)
  const read = await readLock(config, options.fs, trustedLocks(sums))
  const { proven, discovered } = await readProven(config, read, sums, scope.namespaces, options.fs)
  const sources = await readSources(config, { namespaces: scope.namespaces, fs: options.fs, skip: new Set(proven.keys()), discovered })
  const { plan: p } = await planEachFile(config, sources, read.lock, proven, { fs: options.fs })
  const keys = scope.notDone(p, config.checkBroken)
  const problems = p.problems
    .filter((x) => scope.covers(x))
    .map((x) => ({ ...x, file: relative(config.root, localePath(config, config.files, x.lng, x.ns)) }))
  return {
    complete: keys.length === 0,
    languages: countUnits(p, scope.langs),
    keys,
    problems,
    warnings: read.warning ? [read.warning] : [],
    unchanged: [...proven.keys()],
  }
}

/** What a streamed read leaves: the plan of every language, and the sources with the target files a run may write. */
export interface PlannedRead {
  plan: Plan
  /** The sources; in `targets` only the files that have a unit, a problem or a non-string leaf (and `targetHashes`). */
  resources: Resources
}

/**
 * The read edge, one target file at a time, namespace by namespace: read it, plan it (plan/plan.ts, pure; what its languages share is
 * prepared once, in the memo), keep it only if the run may write it or must check it again (a unit, a problem, a
 * non-string leaf), drop the rest; then the plans as one (plan/merge.ts). The same plan as one of every file held at
 * once, with one file's text and tree held at a time (a project of 100k keys × 20 languages).
 */
export async function planEachFile(
  config: ResolvedL10nConfig,
  sources: Resources,
  lock: Lock,
  proven: ReadonlyMap<string, ProvenNamespace>,
  options: { fs?: FileSystem; keep?: boolean; hash?: boolean } = {},
): Promise<PlannedRead> {
  const namespaces = [...sources.source.keys()]
  const targets = new Map<string, Map<string, LocaleFile>>()
  const targetHashes = options.hash ? new Map<string, string>() : undefined
  // The namespaces not read: their counts and same-as-source values, from the sums (plan/proven.ts).
  const notRead: Plan = { namespaces: [], langs: config.targets, units: [], upToDate: {}, upToDateByNs: {}, problems: [] }
  addProven(proven, { source: new Map() }, config.targets, notRead.upToDate, notRead.problems)
  const parts: Plan[] = [notRead]
  for (const lng of config.targets) if (options.keep) targets.set(lng, new Map())
  // Namespace by namespace, so that what its languages share (the memo) is held for one namespace at a time.
  for (const [ns, source] of sources.source) {
    const memo = newPlanMemo()
    for (const lng of config.targets) {
      const file = await readLocaleFile(config, lng, ns, options.fs, options.hash, true)
      const one = { ...sources, source: new Map([[ns, source]]), targets: new Map([[lng, new Map([[ns, file]])]]) }
      const part = plan(config, one, lock, undefined, undefined, memo)
      parts.push(part)
      if (targetHashes && file.hash) targetHashes.set(`${lng}\u0000${ns}`, file.hash)
      if (options.keep && (part.units.length > 0 || part.problems.length > 0 || file.hasOthers)) targets.get(lng)?.set(ns, file)
    }
  }
  return {
    plan: mergePlans(namespaces, config.targets, parts),
    resources: { ...sources, targets, ...(targetHashes && { targetHashes }) },
  }
}
