import { hostname } from 'node:os'
import { dirname } from 'node:path'
import lockfile from 'proper-lockfile'
import type { ResolvedL10nConfig } from './config.ts'
import { L10nError } from './errors.ts'
import { type FileSystem, nodeFileSystem } from './io.ts'

/** Lock directories this process holds now (a second sync in the same process must still wait). */
const held = new Set<string>()

function alive(pid: number): boolean {
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
 * with L10N_BUSY (stale after 10 s without a heartbeat, for a lock from another machine).
 */
export async function acquireProjectLock(
  config: ResolvedL10nConfig,
  waitMs = 120_000,
  fs: FileSystem = nodeFileSystem,
): Promise<() => Promise<void>> {
  const { mkdir, rm, writeFile } = fs.promises
  await mkdir(dirname(config.lockfile), { recursive: true })
  const dir = `${config.lockfile}.busy`
  await removeIfAbandoned(dir, fs)
  const minTimeout = 100
  const maxTimeout = 1000
  let release: () => Promise<void>
  try {
    release = await lockfile.lock(config.lockfile, {
      realpath: false,
      fs,
      lockfilePath: dir,
      stale: 10_000,
      update: 2_000,
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
  return async () => {
    held.delete(dir)
    await rm(`${dir}.owner`, { force: true })
    await release()
  }
}
