import { admin, type Live } from './admin.ts'
import { checkAuth } from './auth.ts'
import type { Ctx } from './context.ts'
import { applyFault, applyFaultAfter, DropConnection, REQUEST_FAULTS, takeFault } from './faults.ts'
import { type EmulatorOptions, resolveEmulatorOptions } from './options.ts'
import { createPollWatch } from './poll-guidance.ts'
import { createRateLimiter } from './rate-limit.ts'
import { findRoute, readParams } from './route-table.ts'
import { buildLazyIndex, createState, type EmState, emptyLedger, loadState, saveState } from './state.ts'
import { advanceJob } from './translators.ts'
import { errorResponse, GengoFailure, json } from './wire.ts'

export interface RequestInfo {
  /** Identifies the client for the rate limit (its IP over HTTP). */
  clientAddress?: string
}

export interface Emulator {
  /** The Gengo API and admin routes as a fetch handler. Throws DropConnection for injected drops. */
  handle(request: Request, info?: RequestInfo): Promise<Response>
  /** Like `handle`, but a dropped connection rejects as fetch does (for in-process clients). */
  fetch(request: Request): Promise<Response>
  readonly state: EmState
  /** Flushes state to the state file, if any. */
  save(): void
}

export function createEmulator(options: EmulatorOptions = {}): Emulator {
  const o = resolveEmulatorOptions(options)
  const live: Live = {
    state: o.stateFile ? loadState(o.stateFile, o.balance) : createState(o.balance),
    speed: o.speed,
    legacy: o.legacy,
    faults: [],
  }
  let lazy = buildLazyIndex(live.state)
  const limiter = createRateLimiter(o.rateLimit, o.now)
  const pollWatch = createPollWatch(o.now, o.onWarning)

  const ctx: Ctx = {
    get state() {
      return live.state
    },
    get speed() {
      return live.speed
    },
    get legacy() {
      return live.legacy
    },
    worstCase: o.worstCase,
    get strings() {
      return live.legacy || o.worstCase
    },
    get faults() {
      return live.faults
    },
    get lazy() {
      return lazy
    },
    realNow: o.now,
    simNow: () => o.now() + live.state.clockOffsetMs,
    job: (id) => live.state.jobs[String(id)],
  }

  function tick(): boolean {
    const now = ctx.simNow()
    let changed = false
    for (const job of Object.values(live.state.jobs)) changed = advanceJob(job, now, live.speed) || changed
    return changed
  }

  function save() {
    if (o.stateFile) saveState(o.stateFile, live.state)
  }

  function reset(balance: number | undefined) {
    live.state = createState(balance ?? o.balance)
    live.state.ledger = emptyLedger()
    lazy = buildLazyIndex(live.state)
    live.faults = []
    limiter.reset()
    pollWatch.reset()
    live.legacy = o.legacy
    live.speed = o.speed
  }

  const host = { live, simNow: ctx.simNow, tick, save, reset }

  /** Every answer carries the server's real time in `Date`, as any HTTP server's does; clients read clock skew from it. */
  async function handle(request: Request, info: RequestInfo = {}): Promise<Response> {
    const response = await answer(request, info)
    if (!response.headers.has('date')) response.headers.set('date', new Date(o.now()).toUTCString())
    return response
  }

  async function answer(request: Request, info: RequestInfo): Promise<Response> {
    const url = new URL(request.url)
    if (url.pathname.startsWith('/_emulator/')) return admin(host, request, url.pathname.slice('/_emulator/'.length).replace(/\/$/, ''))
    if (!url.pathname.startsWith('/v2/')) return json({ opstat: 'error', err: { code: 404, msg: 'not found; the API is under /v2/' } }, 404)
    const path = url.pathname.slice(4).replace(/\/+$/, '')
    const route = findRoute(request.method, path)
    const name = route?.name ?? `${request.method} ${path}`
    const { ledger } = live.state
    ledger.requests++
    ledger.by_route[name] = (ledger.by_route[name] ?? 0) + 1

    const fault = takeFault(live.faults, name, REQUEST_FAULTS)
    if (fault) {
      const early = await applyFault(fault, live.legacy)
      if (early) return early
    }
    const client = info.clientAddress ?? 'local'
    pollWatch.note(client, name, path, live.state.ledger)
    if (limiter.hit(client)) return errorResponse(2800, 'rate limit exceeded: at most 150 requests per minute', live.legacy, 429)
    if (!route) return json({ opstat: 'error', err: { code: 404, msg: `no such endpoint: ${request.method} ${path}` } }, 404)
    let response: Response
    try {
      const params = await readParams(request, url)
      // Worst case: api_key (and the signature) required on every route, the service lists too.
      if (route.signed || o.worstCase) checkAuth(params, o, o.now())
      tick()
      response = route.run(ctx, path.match(route.pattern) as RegExpMatchArray, params)
      if (request.method !== 'GET') save()
    } catch (error) {
      if (!(error instanceof GengoFailure)) throw error
      response = errorResponse(error.gengoCode, error.message, live.legacy, error.status)
    }
    return applyFaultAfter(fault, response)
  }

  return {
    handle,
    async fetch(request) {
      try {
        // Honour the request's abort signal as fetch does.
        const signal = request.signal
        if (signal.aborted) throw signal.reason
        return await new Promise<Response>((resolve, reject) => {
          const onAbort = () => reject(new DOMException('This operation was aborted', 'AbortError'))
          signal.addEventListener('abort', onAbort, { once: true })
          handle(request)
            .then(resolve, reject)
            .finally(() => signal.removeEventListener('abort', onAbort))
        })
      } catch (error) {
        if (error instanceof DropConnection) throw new TypeError('fetch failed', { cause: new Error('socket hang up') })
        throw error
      }
    },
    get state() {
      return live.state
    },
    save,
  }
}
