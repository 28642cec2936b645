import { hostname } from 'node:os'
import { dirname } from 'node:path'
import type { ResolvedL10nConfig } from '../config/config.ts'
import { L10nError } from '../errors.ts'
import { type FileSystem, nodeFileSystem } from '../io.ts'

/**
 * Each lock directory's turn in this process: at most one caller tries for the directory or holds it, the others wait
 * here in the order they asked. Without it a waiter that sleeps between tries can miss every free moment of a loop
 * that takes the lock again each second (the dev server's background sync), and a user's action waits out its time.
 */
const turns = new Map<string, { busy: boolean; queue: (() => void)[] }>()

function busyError(dir: string, cause?: unknown): L10nError {
  return new L10nError('L10N_BUSY', `Another l10n sync is running on this project (${dir}). Wait for it to finish.`, { cause })
}

/** Waits for this process's turn at `dir` until `deadline`; the function it gives back passes the turn on. */
async function takeTurn(dir: string, deadline: number): Promise<() => void> {
  const line = turns.get(dir) ?? { busy: false, queue: [] }
  turns.set(dir, line)
  if (line.busy) {
    const wait = deadline - Date.now()
    if (wait <= 0) throw busyError(dir)
    await new Promise<void>((resolve, reject) => {
      const wake = () => {
        clearTimeout(timer)
        resolve()
      }
      // A wait past a timer's range (2³¹ ms, or Infinity) has no end: a timer would fire at once.
      const timer =
        wait < 2 ** 31
          ? setTimeout(() => {
              line.queue.splice(line.queue.indexOf(wake), 1)
              reject(busyError(dir))
            }, wait)
          : undefined
      line.queue.push(wake)
    })
  }
  line.busy = true // a woken waiter is handed the turn: busy stays set, so no newcomer goes first
  let passed = false
  return () => {
    if (passed) return
    passed = true
    const next = line.queue.shift()
    if (next) next()
    else line.busy = false
  }
}

/** Lock directories this process holds now, each with the file system it was taken on: what the exit handler removes. */
const heldOn = new Map<string, FileSystem>()

/** A lock directory and its owner file, gone. */
function removeLock(dir: string, fs: FileSystem): void {
  fs.rmSync(dir, { recursive: true, force: true })
  fs.rmSync(`${dir}.owner`, { force: true })
}

/** The process a lock's owner file names; undefined when there is none (yet) or it cannot be read. */
function readOwner(dir: string, fs: FileSystem): { pid?: unknown; host?: unknown } | undefined {
  try {
    const owner: unknown = JSON.parse(fs.readFileSync(`${dir}.owner`, 'utf8'))
    return typeof owner === 'object' && owner !== null ? owner : undefined
  } catch {
    return undefined
  }
}

/** Without a heartbeat for this long, a lock directory is another machine's dead sync: taken over. */
const STALE_MS = 30_000
/** The heartbeat: the lock directory's mtime is set again this often. */
const UPDATE_MS = 2_000

/** Whether a process with this pid exists (EPERM: it does, as another user's). */
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/** A run that ends by an exception or process.exit still removes its locks (a SIGKILL leaves the owner file to decide). */
let exitHook = false
function removeHeldOnExit(): void {
  if (exitHook) return
  exitHook = true
  process.once('exit', () => {
    for (const [dir, fs] of heldOn) removeLock(dir, fs)
  })
}

/**
 * A lock directory left by a killed sync on this machine: its owner file (`.busy.owner`) names a process that
 * is gone (or this very process, which does not hold it). Removed at once, so the next run does
 * not wait out the 30 s staleness.
 */
function removeIfAbandoned(dir: string, fs: FileSystem): void {
  const owner = readOwner(dir, fs) // none: no lock, or no owner file yet, and the staleness decides
  if (owner?.host !== hostname() || typeof owner.pid !== 'number') return
  if (owner.pid !== process.pid && alive(owner.pid)) return
  removeLock(dir, fs)
}

/**
 * One sync per project at a time: a lock directory beside the lock file (`mkdir` is atomic), with
 * `<lock>.busy.owner` beside it naming the process. A lock left by a killed sync on this machine is
 * removed at once; one held by a live sync makes a second sync wait up to `waitMs`, then fail
 * with L10N_BUSY; one without a heartbeat for 30 s (a killed sync on another machine) is taken over. Callers in one
 * process (a dev server's background sync, its page's approve and reply) take it in the order they asked.
 *
 * The heartbeat sets the directory's mtime every 2 s, after checking that it is still the one it set. One that fails,
 * finds another's mtime, or comes too late (the machine was too busy for 30 s) means another sync may have taken the
 * lock: the lock is marked lost (never a throw from a timer, which would kill a dev server); `check()` then refuses,
 * so the run orders nothing more, and finishes what it has (files and lock stay consistent).
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
  fs.mkdirSync(dirname(config.lockfile), { recursive: true })
  const dir = `${config.lockfile}.busy`
  const deadline = Date.now() + waitMs
  const passTurn = await takeTurn(dir, deadline)
  let made = false
  try {
    await takeDirectory(dir, deadline, fs)
    made = true
    // Beside the directory, not in it: a change inside would change the directory's mtime, the heartbeat's mark. One
    // that cannot be written must not leave an earlier owner's file to speak for this lock: if that cannot be removed
    // either, the lock is given up.
    try {
      fs.writeFileSync(`${dir}.owner`, JSON.stringify({ pid: process.pid, host: hostname() }))
    } catch {
      fs.rmSync(`${dir}.owner`, { force: true })
    }
  } catch (error) {
    if (made) fs.rmSync(dir, { recursive: true, force: true })
    passTurn()
    throw error
  }
  heldOn.set(dir, fs)
  removeHeldOnExit()
  /** The directory as this process made it and last set its mtime (read back: file systems differ in precision). */
  let ours = identity(dir, fs)
  let lastUpdate = Date.now()
  /** The heartbeat's update in flight, if any: release waits for it, or it could touch the next holder's directory. */
  let updating: Promise<void> | undefined
  let released = false
  let lost: Error | undefined
  const heartbeat = setInterval(() => {
    const late = () => lastUpdate + STALE_MS < Date.now()
    const lose = (why: string) => {
      lost ??= Object.assign(new Error(why), { code: 'ECOMPROMISED' })
      clearInterval(heartbeat)
      heldOn.delete(dir) // no longer ours to remove on exit
    }
    // The last update's answer has not come back (a busy thread pool): its mtime may be on disk already.
    if (updating) return late() ? lose('Unable to update lock within the stale threshold') : undefined
    const seen = identity(dir, fs)
    if (seen === undefined) return lose(`${dir} is gone`)
    if (seen !== ours || late()) return lose('Unable to update lock within the stale threshold')
    const now = new Date()
    updating = new Promise((done) =>
      fs.utimes(dir, now, now, (error) => {
        updating = undefined
        done()
        if (released || lost) return
        if (error) return lose(error.message)
        if (late()) return lose('Unable to update lock within the stale threshold')
        ours = identity(dir, fs)
        lastUpdate = Date.now()
      }),
    )
  }, UPDATE_MS)
  heartbeat.unref()
  return {
    async release() {
      if (released) return // a second release must not remove the next holder's lock
      clearInterval(heartbeat)
      released = true
      await updating
      heldOn.delete(dir)
      try {
        // A lost lock may be someone else's now (they write their own owner file): remove it only if it still names us.
        const owner = lost ? readOwner(dir, fs) : undefined
        if (lost && (owner?.pid !== process.pid || owner?.host !== hostname())) return
        removeLock(dir, fs)
      } finally {
        passTurn()
      }
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

/** Makes the lock directory (this process's turn is taken): waits for another process's lock until `deadline`. */
async function takeDirectory(dir: string, deadline: number, fs: FileSystem): Promise<void> {
  let delay = 100
  for (;;) {
    removeIfAbandoned(dir, fs)
    try {
      fs.mkdirSync(dir)
      return
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code
      // Windows answers EPERM (or EACCES) for a directory that exists or is being removed.
      if (code !== 'EEXIST' && !((code === 'EPERM' || code === 'EACCES') && fs.existsSync(dir))) throw error
      if (takeOverStale(dir, fs)) continue
      if (Date.now() + delay > deadline) throw busyError(dir, error)
      await new Promise((resolve) => setTimeout(resolve, delay))
      delay = Math.min(1000, delay * 1.5)
    }
  }
}

/** A directory's identity for the heartbeat: its inode and mtime (another sync's directory differs in one of them). */
function identity(dir: string, fs: FileSystem): string | undefined {
  try {
    const st = fs.statSync(dir)
    return `${st.ino}:${st.mtimeMs}`
  } catch {
    return undefined
  }
}

let asides = 0

/**
 * Takes away a lock directory without a heartbeat for 30 s (a killed sync on another machine): renamed aside first and
 * checked to be the very directory that was stale, so a sync that took it over in between keeps its own (it is put
 * back). Whether the caller should try again at once.
 */
function takeOverStale(dir: string, fs: FileSystem): boolean {
  let st: ReturnType<FileSystem['statSync']>
  try {
    st = fs.statSync(dir)
  } catch {
    return true // gone meanwhile: try again
  }
  if (st.mtimeMs >= Date.now() - STALE_MS) return false
  const aside = `${dir}.stale-${process.pid}-${++asides}`
  try {
    fs.renameSync(dir, aside)
  } catch {
    return true // another sync moved it first
  }
  const moved = identity(aside, fs)
  if (moved !== `${st.ino}:${st.mtimeMs}`) {
    try {
      fs.renameSync(aside, dir) // a fresh lock, not the stale one: its owner keeps it
      return false
    } catch {} // its owner finds it gone at its next heartbeat
  }
  fs.rmSync(aside, { recursive: true, force: true })
  return true
}
