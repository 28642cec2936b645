import { relative } from 'node:path'
import type { ResolvedL10nConfig } from './config/config.ts'
import { localePath, readResources } from './files/resources.ts'
import type { CoreIO } from './io.ts'
import { readLock } from './lock/lock.ts'
import { readProven } from './lock/sums.ts'
import { countUnits, type LanguageCounts } from './plan/counts.ts'
import { plan, type ValueProblem } from './plan/plan.ts'
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
  const read = await readLock(config, options.fs)
  // Namespaces the sums file shows clean are counted, not read (lock/sums.ts).
  const { proven } = await readProven(config, read, scope.namespaces, options.fs)
  const resources = await readResources(config, { namespaces: scope.namespaces, fs: options.fs, skip: new Set(proven.keys()) })
  const p = plan(config, resources, read.lock, undefined, proven)
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
