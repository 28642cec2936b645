import { POLL_GUIDANCE_MS } from './options.ts'
import type { Ledger } from './state.ts'

/** The routes that poll one job or order. */
const POLLED_ROUTES = new Set(['GET translate/job/:id', 'GET translate/jobs/:ids', 'GET translate/order/:id'])

/** Watches for a client polling the same job or order sooner than Gengo's guidance. */
export interface PollWatch {
  /** Notes a request; a too-soon poll is counted in `ledger.poll_warnings` and reported once per client and route. */
  note(client: string, route: string, path: string, ledger: Ledger): void
  /** Forgets every poll and warning. */
  reset(): void
}

export function createPollWatch(now: () => number, onWarning?: (message: string) => void): PollWatch {
  /** client + route + id → real ms of the last poll. */
  const polls = new Map<string, number>()
  const warned = new Set<string>()
  return {
    note(client, route, path, ledger) {
      if (!POLLED_ROUTES.has(route)) return
      const t = now()
      const ids = (path.split('/').pop() ?? '').split(',')
      let fast = 0
      for (const id of ids) {
        const k = `${client} ${route} ${id}`
        const last = polls.get(k)
        if (last !== undefined && t - last < POLL_GUIDANCE_MS) fast++
        polls.set(k, t)
      }
      if (fast === 0) return
      ledger.poll_warnings = (ledger.poll_warnings ?? 0) + 1
      const once = `${client} ${route}`
      if (warned.has(once)) return
      warned.add(once)
      onWarning?.(
        `warning: ${route} polled again within ${POLL_GUIDANCE_MS / 60_000} minutes of the last poll of the same id; Gengo asks for modest polling and can suspend accounts that poll too much (counted in the ledger as poll_warnings).`,
      )
    },
    reset() {
      polls.clear()
      warned.clear()
    },
  }
}
