import { relative } from 'node:path'
import type { ResolvedL10nConfig } from '../config/config.ts'
import { L10nError } from '../errors.ts'
import { writeIfChanged } from '../files/write.ts'
import { type FileSystem, nodeFileSystem } from '../io.ts'
import { emptyLock, fromParsed, LOCK_VERSION, type Lock, serializeLock } from './entries.ts'
import { mergeInflight, writeInflight } from './journal.ts'

export {
  emptyLock,
  fromParsed,
  getEntry,
  LOCK_VERSION,
  type Lock,
  type LockEntry,
  type LockState,
  type ReplyRecord,
  type ReviewRecord,
  serializeLock,
  setEntry,
} from './entries.ts'

export interface ReadLock {
  lock: Lock
  /** Set when the lock was unusable and has been started afresh. */
  warning?: string
  /** The lock file exists but could not be used: keep it as a backup before it is rewritten. */
  corrupt?: boolean
  text?: string
}

const REBUILD = "Strings ordered before come back free through Gengo's lazy loading."

/**
 * Reads the lock; a missing one starts afresh, and a corrupt one (kept as a backup by the sync
 * that rewrites it, see backupLock) is rebuilt with a warning: lazy loading makes that free. A lock
 * from a newer l10n-sync, one that is a directory, or one holding unsafe ids is refused (L10N_LOCK).
 */
export async function readLock(config: ResolvedL10nConfig, fs: FileSystem = nodeFileSystem): Promise<ReadLock> {
  const read = await readLockFile(config, fs)
  // What Gengo cannot show yet (intents, orders whose jobs don't exist yet) survives a lost lock.
  await mergeInflight(config, read.lock, fs)
  return read
}

async function readLockFile(config: ResolvedL10nConfig, fs: FileSystem): Promise<ReadLock> {
  const name = relative(config.root, config.lockfile)
  let text: string
  try {
    text = fs.readFileSync(config.lockfile, 'utf8') // one read, not the thread pool's open, stat, read, close
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'ENOENT') return { lock: emptyLock(config.source) }
    if (code === 'EISDIR') {
      throw new L10nError(
        'L10N_LOCK',
        `${name} is a directory, where the lock file should be. Remove or rename it (or set \`lockfile\`).`,
        {
          file: name,
          cause: error,
        },
      )
    }
    throw new L10nError('L10N_LOCK', `Could not read the lock ${name}: ${(error as Error).message}. Check its permissions.`, {
      file: name,
      cause: error,
    })
  }
  let parsed: any
  try {
    parsed = JSON.parse(text)
  } catch {
    return { lock: emptyLock(config.source), text, corrupt: true, warning: `${name} is not valid JSON; starting a new lock. ${REBUILD}` }
  }
  if (typeof parsed?.version === 'number' && parsed.version > LOCK_VERSION) {
    throw new L10nError(
      'L10N_LOCK',
      `${name} has lock version ${parsed.version}, but this l10n-sync reads version ${LOCK_VERSION}: it was written by a newer l10n-sync. Upgrade l10n-sync; the lock was left as it is.`,
      { file: name },
    )
  }
  if (parsed?.version !== LOCK_VERSION || typeof parsed.strings !== 'object' || parsed.strings === null) {
    return {
      lock: emptyLock(config.source),
      text,
      corrupt: true,
      warning: `${name} has an unknown format (version ${JSON.stringify(parsed?.version)}); starting a new lock. ${REBUILD}`,
    }
  }
  if (parsed.source !== config.source) {
    return {
      lock: emptyLock(config.source),
      text,
      corrupt: true,
      warning: `${name} was made for source language '${parsed.source}', not '${config.source}'; starting a new lock.`,
    }
  }
  return { lock: fromParsed(parsed, config.source, name), text }
}

/** Keeps a corrupt lock beside it (`l10n.lock.json.corrupt-<time>`) before it is rebuilt; returns the backup's name. */
export async function backupLock(config: ResolvedL10nConfig, text: string, fs: FileSystem = nodeFileSystem): Promise<string> {
  const file = `${config.lockfile}.corrupt-${new Date().toISOString().replace(/[:.]/g, '-')}`
  await fs.promises.writeFile(file, text, { flag: 'wx' })
  return relative(config.root, file)
}

/** Writes the lock atomically, only when its content changed. */
export async function writeLock(
  config: ResolvedL10nConfig,
  lock: Lock,
  current?: string,
  fs: FileSystem = nodeFileSystem,
): Promise<boolean> {
  const written = await writeIfChanged(config.lockfile, serializeLock(lock), current, fs)
  await writeInflight(config, lock, fs)
  return written
}
