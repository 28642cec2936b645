/**
 * A sliding-window limiter: at most `perMinute` starts in any 60 s window.
 * Clock and sleep are injected so tests can drive time.
 */
export interface RateLimiter {
  take(): Promise<void>
  /** Hold every caller back until `untilMs` (after a 429 with Retry-After). */
  pause(untilMs: number): void
}

export function createRateLimiter(perMinute: number, now: () => number, sleep: (ms: number) => Promise<void>): RateLimiter {
  const starts: number[] = []
  let pausedUntil = 0
  let chain: Promise<void> = Promise.resolve()
  const windowMs = 60_000

  async function acquire(): Promise<void> {
    for (;;) {
      const t = now()
      if (t < pausedUntil) {
        await sleep(pausedUntil - t)
        continue
      }
      if (perMinute === 0) return
      while (starts.length > 0 && (starts[0] as number) <= t - windowMs) starts.shift()
      if (starts.length < perMinute) {
        starts.push(t)
        return
      }
      await sleep((starts[0] as number) + windowMs - t)
    }
  }

  return {
    take() {
      // Serialise acquisitions so concurrent callers queue fairly.
      const next = chain.then(acquire)
      chain = next.catch(() => {})
      return next
    },
    pause(untilMs) {
      pausedUntil = Math.max(pausedUntil, untilMs)
    },
  }
}
