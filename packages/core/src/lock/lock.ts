import { relative } from 'node:path'
import type { ResolvedL10nConfig } from '../config/config.ts'
import { L10nError } from '../errors.ts'
import { contentHash } from '../files/hash.ts'
import { inflightPath } from '../files/preflight.ts'
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
  /**
   * The content hash of the lock's text (lockHash), set when it is one the sums file names (`trusted`): a lock a clean
   * sync wrote, with no intent, parsed only when something asks for its baselines or entries.
   */
  hash?: string
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
export async function readLock(
  config: ResolvedL10nConfig,
  fs: FileSystem = nodeFileSystem,
  trusted?: ReadonlySet<string>,
): Promise<ReadLock> {
  // A lock the sums name is taken unparsed only while no in-flight journal could add to it.
  const read = await readLockFile(config, fs, trusted?.size && !fs.existsSync(inflightPath(config)) ? trusted : undefined)
  // What Gengo cannot show yet (intents, orders whose jobs don't exist yet) survives a lost lock.
  if (read.hash === undefined) await mergeInflight(config, read.lock, fs)
  return read
}

/** The short content hash of a lock's text, as the sums file keeps it (CRLF as LF, like the locale files). */
export function lockHash(text: string): string {
  return contentHash(text).slice(0, 24)
}

/**
 * A lock whose text hashes to one the sums file names: a lock a clean sync wrote and checked, so nothing in it can fail
 * to parse or be refused. Its baselines and entries are parsed on first use; a no-op run whose namespaces the sums
 * prove never uses them. Not one of another version or source language (its hash says nothing of the config, nor of
 * the l10n-sync that reads it), nor one holding an intent: the unparsed lock has none, and an intent must be reconciled.
 */
function knownLock(config: ResolvedL10nConfig, text: string, trusted: ReadonlySet<string>, name: string): ReadLock | undefined {
  if (!text.startsWith(`{\n  "version": ${LOCK_VERSION},\n  "source": ${JSON.stringify(config.source)},\n`)) return undefined
  if (text.includes('"intents":')) return undefined
  const hash = lockHash(text)
  if (!trusted.has(hash)) return undefined
  let parsed: Lock | undefined
  const parse = () => (parsed ??= fromParsed(JSON.parse(text), config.source, name))
  const lock: Lock = {
    version: LOCK_VERSION,
    source: config.source,
    get strings() {
      return parse().strings
    },
    set strings(v) {
      parse().strings = v
    },
    get targets() {
      return parse().targets
    },
    set targets(v) {
      parse().targets = v
    },
  }
  return { lock, text, hash }
}

async function readLockFile(config: ResolvedL10nConfig, fs: FileSystem, trusted?: ReadonlySet<string>): Promise<ReadLock> {
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
  const known = trusted && knownLock(config, text, trusted, name)
  if (known) return known
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

/** Writes the lock atomically, only when its content changed; `text` is the lock's text as it is now on disk. */
export async function writeLock(
  config: ResolvedL10nConfig,
  lock: Lock,
  current?: string,
  fs: FileSystem = nodeFileSystem,
): Promise<{ written: boolean; text: string }> {
  const text = serializeLock(lock)
  const written = await writeIfChanged(config.lockfile, text, current, fs)
  await writeInflight(config, lock, fs)
  return { written, text }
}

/**
 * Whether the lock or its in-flight journal can name a job or an order, from their text: a finished project's lock
 * names none, and `status` then reads it once, not twice. Any doubt (an unreadable lock) says yes.
 */
export function lockMayHoldJobs(config: ResolvedL10nConfig, fs: FileSystem): boolean {
  if (fs.existsSync(inflightPath(config))) return true
  let text: string
  try {
    text = fs.readFileSync(config.lockfile, 'utf8')
  } catch (error) {
    return (error as NodeJS.ErrnoException).code !== 'ENOENT'
  }
  return text.includes('"job"') || text.includes('"order"')
}
