import { checkAuth } from './auth.ts'
import type { Ctx } from './context.ts'
import { DropConnection, type Fault, REQUEST_FAULTS, takeFault, validateFault } from './faults.ts'
import { type EmulatorOptions, POLL_GUIDANCE_MS, resolveEmulatorOptions } from './options.ts'
import { cancelJob, getJob, getJobs, listJobs, putJob, putJobs } from './routes/jobs.ts'
import { balance, cancelOrder, getOrder, languages, pairs, quote, stats } from './routes/misc.ts'
import { postJobs } from './routes/post-jobs.ts'
import { createState, type EmJob, type EmState, emptyLedger, lazyKey, loadState, saveState } from './state.ts'
import { advanceJob, SPEEDS, type Speed } from './translators.ts'
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

type Route = {
  method: string
  pattern: RegExp
  name: string
  signed: boolean
  run: (ctx: Ctx, m: RegExpMatchArray, p: URLSearchParams) => Response
}

const ROUTES: Route[] = [
  { method: 'POST', pattern: /^translate\/jobs$/, name: 'POST translate/jobs', signed: true, run: (c, _m, p) => postJobs(c, p) },
  { method: 'GET', pattern: /^translate\/jobs$/, name: 'GET translate/jobs', signed: true, run: (c, _m, p) => listJobs(c, p) },
  { method: 'PUT', pattern: /^translate\/jobs$/, name: 'PUT translate/jobs', signed: true, run: (c, _m, p) => putJobs(c, p) },
  {
    method: 'GET',
    pattern: /^translate\/jobs\/([^/]+)$/,
    name: 'GET translate/jobs/:ids',
    signed: true,
    run: (c, m) => getJobs(c, m[1] ?? ''),
  },
  {
    method: 'GET',
    pattern: /^translate\/job(?:\/([^/]*))?$/,
    name: 'GET translate/job/:id',
    signed: true,
    run: (c, m) => getJob(c, m[1] ?? ''),
  },
  {
    method: 'PUT',
    pattern: /^translate\/job(?:\/([^/]*))?$/,
    name: 'PUT translate/job/:id',
    signed: true,
    run: (c, m, p) => putJob(c, m[1] ?? '', p),
  },
  {
    method: 'DELETE',
    pattern: /^translate\/job(?:\/([^/]*))?$/,
    name: 'DELETE translate/job/:id',
    signed: true,
    run: (c, m) => cancelJob(c, m[1] ?? ''),
  },
  {
    method: 'GET',
    pattern: /^translate\/order\/([^/]+)$/,
    name: 'GET translate/order/:id',
    signed: true,
    run: (c, m) => getOrder(c, m[1] ?? ''),
  },
  {
    method: 'DELETE',
    pattern: /^translate\/order\/([^/]+)$/,
    name: 'DELETE translate/order/:id',
    signed: true,
    run: (c, m) => cancelOrder(c, m[1] ?? ''),
  },
  {
    method: 'POST',
    pattern: /^translate\/service\/quote$/,
    name: 'POST translate/service/quote',
    signed: true,
    run: (c, _m, p) => quote(c, p),
  },
  {
    method: 'GET',
    pattern: /^translate\/service\/language_pairs$/,
    name: 'GET translate/service/language_pairs',
    signed: false,
    run: (c, _m, p) => pairs(c, p),
  },
  {
    method: 'GET',
    pattern: /^translate\/service\/languages$/,
    name: 'GET translate/service/languages',
    signed: false,
    run: () => languages(),
  },
  { method: 'GET', pattern: /^account\/balance$/, name: 'GET account/balance', signed: true, run: (c) => balance(c) },
  { method: 'GET', pattern: /^account\/stats$/, name: 'GET account/stats', signed: true, run: (c) => stats(c) },
]

const POLLED_ROUTES = new Set(['GET translate/job/:id', 'GET translate/jobs/:ids', 'GET translate/order/:id'])

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

export function createEmulator(options: EmulatorOptions = {}): Emulator {
  const o = resolveEmulatorOptions(options)
  let state = o.stateFile ? loadState(o.stateFile, o.balance) : createState(o.balance)
  let speed: Speed = o.speed
  let legacy = o.legacy
  let faults: Fault[] = []
  let lazy = buildLazy(state)
  const hits = new Map<string, number[]>()
  /** client + route + id → real ms of the last poll, for Gengo's polling guidance. */
  const polls = new Map<string, number>()
  const warned = new Set<string>()

  const ctx: Ctx = {
    get state() {
      return state
    },
    get speed() {
      return speed
    },
    get legacy() {
      return legacy
    },
    worstCase: o.worstCase,
    get strings() {
      return legacy || o.worstCase
    },
    get faults() {
      return faults
    },
    get lazy() {
      return lazy
    },
    realNow: o.now,
    simNow: () => o.now() + state.clockOffsetMs,
    job: (id) => state.jobs[String(id)],
  }

  function tick(): boolean {
    const now = ctx.simNow()
    let changed = false
    for (const job of Object.values(state.jobs)) changed = advanceJob(job, now, speed) || changed
    return changed
  }

  function save() {
    if (o.stateFile) saveState(o.stateFile, state)
  }

  function rateLimited(client: string): boolean {
    if (o.rateLimit === 0) return false
    const now = o.now()
    const list = (hits.get(client) ?? []).filter((t) => t > now - 60_000)
    list.push(now)
    hits.set(client, list)
    return list.length > o.rateLimit
  }

  /** Counts (and reports once per client and route) a poll of the same job or order sooner than Gengo's guidance. */
  function notePoll(client: string, name: string, path: string): void {
    if (!POLLED_ROUTES.has(name)) return
    const now = o.now()
    const ids = (path.split('/').pop() ?? '').split(',')
    let fast = 0
    for (const id of ids) {
      const k = `${client} ${name} ${id}`
      const last = polls.get(k)
      if (last !== undefined && now - last < POLL_GUIDANCE_MS) fast++
      polls.set(k, now)
    }
    if (fast === 0) return
    state.ledger.poll_warnings = (state.ledger.poll_warnings ?? 0) + 1
    const once = `${client} ${name}`
    if (warned.has(once)) return
    warned.add(once)
    o.onWarning?.(
      `warning: ${name} polled again within ${POLL_GUIDANCE_MS / 60_000} minutes of the last poll of the same id; Gengo asks for modest polling and can suspend accounts that poll too much (counted in the ledger as poll_warnings).`,
    )
  }

  async function readParams(request: Request, url: URL): Promise<URLSearchParams> {
    if (request.method === 'GET' || request.method === 'DELETE') {
      const params = new URLSearchParams(url.searchParams)
      params.delete('data') // Gengo ignores filters wrapped in data on GET
      return params
    }
    return new URLSearchParams(await request.text())
  }

  async function admin(request: Request, path: string): Promise<Response> {
    const body = request.method === 'POST' ? await request.text() : ''
    let input: Record<string, unknown> = {}
    try {
      input = body ? JSON.parse(body) : {}
    } catch {
      return json({ error: 'body must be JSON' }, 400)
    }
    const route = `${request.method} ${path}`
    switch (route) {
      case 'GET ledger':
        return json({ ...state.ledger, balance: state.balance })
      case 'GET jobs':
        tick()
        return json({ jobs: Object.values(state.jobs), orders: Object.values(state.orders) })
      case 'POST finish': {
        const now = ctx.simNow()
        for (const job of Object.values(state.jobs))
          job.at = {
            available: Math.min(job.at.available, now),
            pending: Math.min(job.at.pending, now),
            reviewable: Math.min(job.at.reviewable, now),
          }
        tick()
        save()
        return json({ ok: true })
      }
      case 'POST advance': {
        const seconds = Number(input.seconds ?? new URL(request.url).searchParams.get('seconds'))
        if (!Number.isFinite(seconds) || seconds < 0) return json({ error: 'seconds must be a number ≥ 0' }, 400)
        state.clockOffsetMs += seconds * 1000
        tick()
        save()
        return json({ ok: true, clock_offset_seconds: state.clockOffsetMs / 1000 })
      }
      case 'POST faults': {
        try {
          const list = Array.isArray(input.faults) ? input.faults : [input]
          faults.push(...list.map(validateFault))
        } catch (error) {
          return json({ error: (error as Error).message }, 400)
        }
        return json({ ok: true, faults })
      }
      case 'DELETE faults':
        faults = []
        return json({ ok: true })
      case 'GET faults':
        return json({ faults })
      case 'POST quirks':
        legacy = input.legacy === true || input.quirks === 'legacy'
        return json({ ok: true, legacy })
      case 'POST speed':
        if (!SPEEDS.includes(input.speed as Speed)) return json({ error: `speed must be ${SPEEDS.join(', ')}` }, 400)
        speed = input.speed as Speed
        return json({ ok: true, speed })
      case 'POST balance':
        if (typeof input.credits !== 'number' || input.credits < 0) return json({ error: 'credits must be a number ≥ 0' }, 400)
        state.balance = input.credits
        save()
        return json({ ok: true, balance: state.balance })
      case 'POST reset':
        state = createState(typeof input.balance === 'number' ? input.balance : o.balance)
        state.ledger = emptyLedger()
        lazy = buildLazy(state)
        faults = []
        hits.clear()
        polls.clear()
        warned.clear()
        legacy = o.legacy
        speed = o.speed
        save()
        return json({ ok: true })
      default:
        return json({ error: `unknown admin route ${route}` }, 404)
    }
  }

  /** Every answer carries the server's real time in `Date`, as any HTTP server's does; clients read clock skew from it. */
  async function handle(request: Request, info: RequestInfo = {}): Promise<Response> {
    const response = await answer(request, info)
    if (!response.headers.has('date')) response.headers.set('date', new Date(o.now()).toUTCString())
    return response
  }

  async function answer(request: Request, info: RequestInfo): Promise<Response> {
    const url = new URL(request.url)
    if (url.pathname.startsWith('/_emulator/')) return admin(request, url.pathname.slice('/_emulator/'.length).replace(/\/$/, ''))
    if (!url.pathname.startsWith('/v2/')) return json({ opstat: 'error', err: { code: 404, msg: 'not found; the API is under /v2/' } }, 404)
    const path = url.pathname.slice(4).replace(/\/+$/, '')
    const route = ROUTES.find((r) => r.method === request.method && r.pattern.test(path))
    const name = route?.name ?? `${request.method} ${path}`
    state.ledger.requests++
    state.ledger.by_route[name] = (state.ledger.by_route[name] ?? 0) + 1

    const fault = takeFault(faults, name, REQUEST_FAULTS)
    if (fault) {
      const early = await applyFault(fault, legacy)
      if (early) return early
    }
    notePoll(info.clientAddress ?? 'local', name, path)
    if (rateLimited(info.clientAddress ?? 'local'))
      return errorResponse(2800, 'rate limit exceeded: at most 150 requests per minute', legacy, 429)
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
      response = errorResponse(error.gengoCode, error.message, legacy, error.status)
    }
    if (fault?.kind === 'drop-after') throw new DropConnection(true)
    if (fault?.kind === 'delay-after') await sleep(fault.ms ?? 1000)
    return response
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
      return state
    },
    save,
  }
}

/** Returns the answer for faults that answer instead of the route; undefined to go on. */
async function applyFault(fault: Fault, legacy: boolean): Promise<Response | undefined> {
  switch (fault.kind) {
    case 'delay':
      await sleep(fault.ms ?? 1000)
      return undefined
    case 'drop':
      throw new DropConnection(false)
    case 'drop-after':
    case 'delay-after':
      return undefined
    case 'rate-limit':
      return errorResponse(2800, 'rate limit exceeded', legacy, 429)
    case 'malformed':
      return new Response('{"opstat":"ok","response":{"jobs":[{"job_id":', { status: 200, headers: { 'content-type': 'application/json' } })
    case 'html':
      return new Response('<html><head><title>502 Bad Gateway</title></head><body><h1>Bad Gateway</h1></body></html>', {
        status: fault.status ?? 502,
        headers: { 'content-type': 'text/html' },
      })
    case 'error': {
      const code = fault.code === null ? undefined : (fault.code ?? 2800)
      return json(
        { opstat: 'error', err: { ...(code !== undefined && { code }), msg: fault.msg ?? 'injected error' } },
        fault.status ?? 200,
      )
    }
    case 'status': {
      const status = fault.status ?? 500
      const msg = fault.msg ?? 'injected failure'
      switch (fault.body ?? 'envelope') {
        case 'envelope':
          return json({ opstat: 'error', err: { code: status, msg } }, status)
        case 'no-code':
          return json({ opstat: 'error', err: { msg } }, status)
        case 'plain':
          return json({ error: msg }, status)
        case 'empty':
          return new Response(null, { status })
      }
      return undefined
    }
    default:
      return undefined
  }
}

function buildLazy(state: EmState): Map<string, number[]> {
  const map = new Map<string, number[]>()
  const jobs = Object.values(state.jobs).sort((a: EmJob, b: EmJob) => a.id - b.id)
  for (const j of jobs) {
    const k = lazyKey(j.bodySrc, j.lcSrc, j.lcTgt, j.tier)
    const ids = map.get(k)
    if (ids) ids.push(j.id)
    else map.set(k, [j.id])
  }
  return map
}
