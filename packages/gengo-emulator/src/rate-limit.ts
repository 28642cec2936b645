/** Gengo's limit: at most `perMinute` requests per client in any 60 seconds (a breach answers HTTP 429 / 2800). */
export interface RateLimiter {
  /** Counts one request from `client`; true when it goes over the limit. */
  hit(client: string): boolean
  /** Forgets every client's requests. */
  reset(): void
}

/** `perMinute` 0 turns the limit off. `now` is the real clock in ms. */
export function createRateLimiter(perMinute: number, now: () => number): RateLimiter {
  const hits = new Map<string, number[]>()
  return {
    hit(client) {
      if (perMinute === 0) return false
      const t = now()
      const list = (hits.get(client) ?? []).filter((at) => at > t - 60_000)
      list.push(t)
      hits.set(client, list)
      return list.length > perMinute
    },
    reset() {
      hits.clear()
    },
  }
}
