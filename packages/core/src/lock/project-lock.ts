import { hostname } from 'node:os'
import { dirname } from 'node:path'
import type { ResolvedL10nConfig } from '../config/config.ts'
import { L10nError } from '../errors.ts'
import { type FileSystem, nodeFileSystem } from '../io.ts'

/** Lock directories this process holds now (a second sync in the same process must still wait). */
const held = new Set<string>()

/** Whether a process with this pid exists (EPERM: it does, as another user's). */
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/**
 * A lock directory left by a killed sync on this machine: its owner file (`.busy.owner`) names a process that
 * is gone (or this very process, which does not hold it). Removed at once, so the next run does
 * not wait out proper-lockfile's 10 s staleness.
 */
async function removeIfAbandoned(dir: string, fs: FileSystem): Promise<void> {
  const { readFile, rm } = fs.promises
  if (held.has(dir)) return
  let owner: { pid?: unknown; host?: unknown }
  try {
    owner = JSON.parse(await readFile(`${dir}.owner`, 'utf8'))
  } catch {
    return // no lock, or no owner file yet: proper-lockfile's staleness decides
  }
  if (owner.host !== hostname() || typeof owner.pid !== 'number') return
  if (owner.pid !== process.pid && alive(owner.pid)) return
  await rm(dir, { recursive: true, force: true })
  await rm(`${dir}.owner`, { force: true })
}

/**
 * One sync per project at a time: a lock directory beside the lock file (proper-lockfile,
 * with `<lock>.busy.owner` beside it naming the process). A lock left by a killed sync on this machine is
 * removed at once; one held by a live sync makes a second sync wait up to `waitMs`, then fail
 * with L10N_BUSY (stale after 30 s without a heartbeat, for a lock from another machine).
 *
 * A heartbeat that comes too late (the machine was too busy for 30 s) means another sync may
 * have taken the lock: proper-lockfile's default would throw from a timer and kill the process
 * (a dev server too). Instead the lock is marked lost; `check()` then refuses, so the run
 * orders nothing more, and finishes what it has (files and lock stay consistent).
 */
export interface ProjectLock {
  release(): Promise<void>
  /** Throws L10N_BUSY once the lock was lost (call it before anything that spends money). */
  check(): void
}

export async function acquireProjectLock(
  config: ResolvedL10nConfig,
  waitMs = 120_000,
  fs: FileSystem = nodeFileSystem,
): Promise<ProjectLock> {
  const { mkdir, readFile, rm, writeFile } = fs.promises
  await mkdir(dirname(config.lockfile), { recursive: true })
  const dir = `${config.lockfile}.busy`
  await removeIfAbandoned(dir, fs)
  const minTimeout = 100
  const maxTimeout = 1000
  let release: () => Promise<void>
  let lost: Error | undefined
  // Loaded here, not at start-up: a no-op run answered from the stamp never takes the lock.
  const { default: lockfile } = await import('proper-lockfile')
  try {
    release = await lockfile.lock(config.lockfile, {
      realpath: false,
      fs,
      lockfilePath: dir,
      stale: 30_000,
      update: 2_000,
      onCompromised: (error) => {
        lost = error
      },
      retries: { retries: Math.ceil(waitMs / maxTimeout), factor: 1.5, minTimeout, maxTimeout },
    })
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ELOCKED') {
      throw new L10nError('L10N_BUSY', `Another l10n sync is running on this project (${dir}). Wait for it to finish.`, {
        cause: error,
      })
    }
    throw error
  }
  held.add(dir)
  // Beside the directory, not in it: proper-lockfile takes a change of the directory's mtime for a lost lock.
  await writeFile(`${dir}.owner`, JSON.stringify({ pid: process.pid, host: hostname() })).catch(() => {})
  return {
    async release() {
      held.delete(dir)
      if (lost) {
        // A lost lock may be someone else's now (they write their own owner file): remove it only if it still names us.
        const owner = await readFile(`${dir}.owner`, 'utf8').then(
          (t) => JSON.parse(t),
          () => undefined,
        )
        if (owner?.pid !== process.pid || owner?.host !== hostname()) return
        await rm(dir, { recursive: true, force: true })
      } else await release().catch(() => {})
      await rm(`${dir}.owner`, { force: true })
    },
    check() {
      if (!lost) return
      throw new L10nError(
        'L10N_BUSY',
        `The project lock (${dir}) was lost: ${lost.message} (the machine was too busy to keep it). Another sync may have taken it, so this run orders nothing more. Run sync again.`,
        { cause: lost },
      )
    },
  }
}
