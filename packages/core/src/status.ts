import type { ResolvedL10nConfig } from './config.ts'
import { readLock } from './lock.ts'
import { countUnits, type LanguageCounts, type NotDoneKey, notDoneKeys, plan } from './plan.ts'
import { readResources } from './resources.ts'

export interface StatusOptions {
  langs?: string[]
  namespaces?: string[]
}

export interface StatusReport {
  /** Nothing missing, stale, pending, interim or invalid. */
  complete: boolean
  languages: Record<string, LanguageCounts>
  /** Every key that is not done, for annotations and listings. */
  keys: NotDoneKey[]
  warnings: string[]
}

/** Where every language stands, from the files and the lock alone: no network. */
export async function status(config: ResolvedL10nConfig, options: StatusOptions = {}): Promise<StatusReport> {
  const resources = await readResources(config, { namespaces: options.namespaces })
  const read = await readLock(config)
  const p = plan(config, resources, read.lock)
  const langs = options.langs ?? config.targets
  const keys = notDoneKeys(p, langs)
  return { complete: keys.length === 0, languages: countUnits(p, langs), keys, warnings: read.warning ? [read.warning] : [] }
}
