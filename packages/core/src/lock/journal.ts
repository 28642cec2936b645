import { dirname, relative } from 'node:path'
import type { ResolvedL10nConfig } from '../config/config.ts'
import { inflightPath } from '../files/preflight.ts'
import { writeIfChanged } from '../files/write.ts'
import { type FileSystem, nodeFileSystem } from '../io.ts'
import { fromParsed, LOCK_VERSION, type Lock, type LockEntry, serializeLock, setEntry } from './entries.ts'

/**
 * The in-flight journal: the part of the lock that Gengo cannot show yet. That is order intents
 * (POSTs whose outcome is not recorded) and keys pending under an order whose jobs don't exist
 * yet. Where Gengo's docs are silent, jobs are created asynchronously and lazy loading may be
 * blind to them. So a lock deleted, corrupted or checked out in those seconds would order
 * everything again. The journal lives beside the lock in `.l10n/` (git-ignored, like the
 * emulator's state), is rewritten with every lock write, is gone when nothing is in flight, and
 * is merged back into whatever lock is read.
 */
export { inflightPath }

/** The journal's content for a lock: intents, and entries with an order but no job yet; undefined when nothing is in flight. */
export function serializeInflight(lock: Lock): string | undefined {
  const journal: Lock = { version: lock.version, source: lock.source, strings: {}, targets: {}, intents: lock.intents }
  let n = Object.keys(lock.intents ?? {}).length
  for (const [lng, perNs] of Object.entries(lock.targets)) {
    for (const [ns, perKey] of Object.entries(perNs)) {
      for (const [key, e] of Object.entries(perKey)) {
        if (e.order && !e.job) {
          setEntry(journal, lng, ns, key, e)
          n++
        }
      }
    }
  }
  return n === 0 ? undefined : serializeLock(journal)
}

/** Rewrites the journal (atomically, only when it changed), or removes it when nothing is in flight. */
export async function writeInflight(config: ResolvedL10nConfig, lock: Lock, fs: FileSystem = nodeFileSystem): Promise<void> {
  const file = inflightPath(config)
  const content = serializeInflight(lock)
  if (content !== undefined) return void (await writeIfChanged(file, content, undefined, fs))
  await fs.promises.rm(file, { force: true })
  // The directory too, when the journal was all it held (it may also hold the emulator's state).
  await fs.promises.rmdir(dirname(file)).catch(() => {})
}

/**
 * Merges the journal into a lock just read: intents it lacks, and in-flight entries for keys it
 * has no entry for. A journal left by a crash between the two writes only costs a fetch: the
 * merged entries settle against Gengo like any pending key. Returns how many were merged.
 */
export async function mergeInflight(config: ResolvedL10nConfig, lock: Lock, fs: FileSystem = nodeFileSystem): Promise<number> {
  const file = inflightPath(config)
  let parsed: any
  try {
    parsed = JSON.parse(await fs.promises.readFile(file, 'utf8'))
  } catch {
    return 0 // none (the usual case), or unreadable: the lock alone decides
  }
  if (parsed?.version !== LOCK_VERSION || parsed.source !== config.source) return 0
  const journal = fromParsed(parsed, config.source, relative(config.root, file))
  let merged = 0
  for (const [id, intent] of Object.entries(journal.intents ?? {})) {
    lock.intents ??= Object.create(null) as NonNullable<Lock['intents']>
    if (!lock.intents[id]) {
      lock.intents[id] = intent
      merged++
    }
  }
  for (const [lng, perNs] of Object.entries(journal.targets)) {
    for (const [ns, perKey] of Object.entries(perNs)) {
      for (const [key, e] of Object.entries(perKey) as [string, LockEntry][]) {
        if (lock.targets[lng]?.[ns]?.[key] || !e.order || e.job) continue
        setEntry(lock, lng, ns, key, e)
        merged++
      }
    }
  }
  return merged
}
