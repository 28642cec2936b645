import type { SyncReport } from '@l10n-sync/core'

export interface SyncRunnerOptions {
  run: () => Promise<SyncReport>
  debounce: number
  pollInterval: number
  onDone?: (report: SyncReport, n: number) => void
  onError?: (error: unknown, n: number) => void
}

export interface SyncRunner {
  /** Asks for a sync after `debounce` ms of quiet; edits in a burst make one sync. */
  request(): void
  /** Syncs now (or right after the one in flight). */
  now(): Promise<void>
  readonly count: number
  readonly running: boolean
  readonly last?: SyncReport
  readonly lastError?: unknown
  /** Starts no further sync; resolves when the one in flight (if any) has finished its step. */
  stop(): Promise<void>
}

/**
 * One sync at a time, in the background: debounced requests, a modest poll
 * while anything is pending or Gengo was unreachable. Never blocks the caller.
 */
export function createSyncRunner(o: SyncRunnerOptions): SyncRunner {
  let timer: NodeJS.Timeout | undefined
  let running: Promise<void> | undefined
  let again = false
  let count = 0
  let last: SyncReport | undefined
  let lastError: unknown
  let stopped = false

  async function loop(): Promise<void> {
    do {
      again = false
      const n = ++count
      try {
        last = await o.run()
        lastError = undefined
        o.onDone?.(last, n)
      } catch (error) {
        lastError = error
        o.onError?.(error, n)
      }
    } while (again && !stopped)
  }

  function now(): Promise<void> {
    if (stopped) return Promise.resolve()
    if (running) {
      again = true
      return running
    }
    running = loop().finally(() => {
      running = undefined
    })
    return running
  }

  const poll = setInterval(() => {
    if (running || stopped) return
    if (lastError !== undefined || (last && !last.complete && last.pending.length > 0)) void now()
  }, o.pollInterval)
  poll.unref()

  return {
    request() {
      if (stopped) return
      clearTimeout(timer)
      timer = setTimeout(() => void now(), o.debounce)
      timer.unref()
    },
    now,
    get count() {
      return count
    },
    get running() {
      return running !== undefined
    },
    get last() {
      return last
    },
    get lastError() {
      return lastError
    },
    stop() {
      stopped = true
      clearTimeout(timer)
      clearInterval(poll)
      return running ?? Promise.resolve()
    },
  }
}

/** The dev server's STATUS_ROUTE answer: the sync count, whether one runs, and the last report's gist. */
export function runnerStatus(runner: SyncRunner | undefined): Record<string, unknown> {
  const last = runner?.last
  return {
    syncs: runner?.count ?? 0,
    running: runner?.running ?? false,
    complete: last?.complete ?? false,
    pending: last?.pending.length ?? null,
    error: runner?.lastError ? String((runner.lastError as Error).message) : null,
  }
}
