import { adviceFor, codeForGengoError, GengoError, type GengoJobError } from './errors.ts'
import { createRateLimiter } from './limiter.ts'
import { isObject, toInt } from './normalize.ts'
import type { ResolvedGengoClientOptions } from './options.ts'
import { authParams } from './sign.ts'

export type Method = 'GET' | 'POST' | 'PUT' | 'DELETE'

export interface CallOptions {
  /**
   * False for a call that spends money (`POST translate/jobs`): it is retried only after an
   * answer that proves nothing happened (HTTP 429, or a connection refused before
   * any byte was sent). Any other failure throws `GENGO_OUTCOME_UNKNOWN` and is never re-sent.
   * @default true
   */
  idempotent?: boolean
}

export interface Transport {
  /** Sends one signed API call, with retries; resolves with `response` of an `ok` envelope. */
  call(method: Method, path: string, params?: Record<string, unknown>, options?: CallOptions): Promise<unknown>
}

const MAX_BACKOFF_MS = 30_000
const RETRYABLE_STATUS = new Set([408, 425, 429, 500, 502, 503, 504])
const RETRYABLE_GENGO = new Set([2800, 429, 500, 502, 503, 504])

function queryValue(value: unknown): string {
  if (typeof value === 'boolean') return value ? '1' : '0'
  return String(value)
}

/** Builds the fetch Request: query for GET/DELETE, a form body with JSON `data` for POST/PUT. */
function buildRequest(o: ResolvedGengoClientOptions, method: Method, path: string, params: Record<string, unknown> | undefined): Request {
  const url = new URL(path, o.baseUrl)
  // Every call is signed, the public service lists too: Gengo's docs list api_key as required for all.
  const auth = authParams(o.publicKey, o.privateKey, o.now())
  const headers: Record<string, string> = { Accept: 'application/json', 'User-Agent': o.userAgent }
  if (method === 'GET' || method === 'DELETE') {
    for (const [k, v] of Object.entries(auth)) url.searchParams.set(k, v)
    for (const [k, v] of Object.entries(params ?? {})) if (v !== undefined) url.searchParams.set(k, queryValue(v))
    return new Request(url, { method, headers })
  }
  const body = new URLSearchParams(auth)
  body.set('data', JSON.stringify(params ?? {}))
  headers['Content-Type'] = 'application/x-www-form-urlencoded'
  return new Request(url, { method, headers, body })
}

function retryAfterMs(response: Response, nowMs: number): number | undefined {
  const header = response.headers.get('retry-after')
  if (!header) return undefined
  const seconds = Number(header)
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000)
  const date = Date.parse(header)
  return Number.isFinite(date) ? Math.max(0, date - nowMs) : undefined
}

function isJobErrorMap(err: Record<string, unknown>): boolean {
  const entries = Object.entries(err).filter(([k]) => k !== 'code' && k !== 'msg')
  return entries.length > 0 && entries.every(([, v]) => Array.isArray(v) || isObject(v))
}

function toJobErrors(err: Record<string, unknown>): Record<string, GengoJobError[]> {
  const out: Record<string, GengoJobError[]> = {}
  for (const [key, value] of Object.entries(err)) {
    if (key === 'code' || key === 'msg') continue
    const list = Array.isArray(value) ? value : [value]
    out[key] = list.map((e) => ({
      code: toInt(isObject(e) ? e.code : undefined),
      msg: isObject(e) && typeof e.msg === 'string' ? e.msg : String(e),
    }))
  }
  return out
}

/** Our clock minus the server's, in whole seconds, from the answer's `Date` header; undefined without one. */
export function clockSkewSeconds(response: Response, nowMs: number): number | undefined {
  const header = response.headers.get('date')
  const serverMs = header ? Date.parse(header) : Number.NaN
  if (!Number.isFinite(serverMs)) return undefined
  // Date has whole seconds: compare whole seconds, as Gengo compares ts.
  return Math.floor(nowMs / 1000) - Math.floor(serverMs / 1000)
}

/** Interprets one HTTP answer. Returns the `response` payload or throws a GengoError. */
export function interpret(status: number, text: string, request: string, context: { skewSeconds?: number } = {}): unknown {
  let body: unknown
  try {
    body = text.trim() === '' ? undefined : JSON.parse(text)
  } catch {
    const snippet = text.replace(/\s+/g, ' ').slice(0, 80)
    const retryable = RETRYABLE_STATUS.has(status)
    if (status >= 200 && status < 300) {
      throw new GengoError('GENGO_BAD_RESPONSE', `Gengo answered ${request} with a body that is not JSON: "${snippet}"`, {
        status,
        request,
        retryable: true,
      })
    }
    throw new GengoError('GENGO_HTTP', `Gengo answered ${request} with HTTP ${status} and a non-JSON body: "${snippet}"`, {
      status,
      request,
      retryable,
    })
  }
  if (isObject(body) && body.opstat === 'ok') {
    return body.response ?? {}
  }
  if (isObject(body) && body.opstat === 'error') {
    const err = isObject(body.err) ? body.err : {}
    if (isJobErrorMap(err)) {
      const jobErrors = toJobErrors(err)
      const first = Object.entries(jobErrors)[0]
      const detail = first ? `${first[0]}: ${first[1][0]?.code} ${first[1][0]?.msg}` : ''
      const count = Object.keys(jobErrors).length
      return raise('GENGO_JOBS', `Gengo refused ${count} job(s) in ${request} (${detail})`, {
        status,
        request,
        gengoCode: first?.[1][0]?.code,
        jobErrors,
      })
    }
    // `code` may be missing (fall back to the HTTP status) or a string.
    const rawCode = err.code === undefined || err.code === null || err.code === '' ? status : err.code
    const gengoCode = toInt(rawCode, status)
    const msg = typeof err.msg === 'string' ? err.msg : 'no message'
    const retryable = RETRYABLE_GENGO.has(gengoCode) || RETRYABLE_STATUS.has(status)
    const advice = adviceFor(gengoCode, { skewSeconds: context.skewSeconds, msg })
    const what =
      rawCode === status && (err.code === undefined || err.code === null || err.code === '')
        ? `Gengo error without a code (HTTP ${status})`
        : `Gengo error ${gengoCode}`
    return raise(codeForGengoError(gengoCode), `${what} on ${request}: ${msg}${advice ? `. ${advice}` : ''}`, {
      status,
      request,
      gengoCode,
      retryable,
    })
  }
  if (status < 200 || status >= 300) {
    return raise('GENGO_HTTP', `Gengo answered ${request} with HTTP ${status}`, {
      status,
      request,
      retryable: RETRYABLE_STATUS.has(status),
    })
  }
  throw new GengoError('GENGO_BAD_RESPONSE', `Gengo answered ${request} without an opstat envelope`, { status, request })
}

function raise(
  code: ConstructorParameters<typeof GengoError>[0],
  message: string,
  details: ConstructorParameters<typeof GengoError>[2],
): never {
  throw new GengoError(code, message, details)
}

export function createTransport(o: ResolvedGengoClientOptions): Transport {
  const limiter = createRateLimiter(o.requestsPerMinute, o.now, o.sleep)

  async function attempt(method: Method, path: string, params: Record<string, unknown> | undefined, n: number) {
    await limiter.take()
    const request = `${method} ${path}`
    const started = o.now()
    const controller = new AbortController()
    const timer = setTimeout(() => controller.abort(), o.timeoutMs)
    let response: Response
    let text: string
    try {
      const req = buildRequest(o, method, path, params)
      response = await o.fetch(new Request(req, { signal: controller.signal }))
      text = await response.text()
    } catch (error) {
      const timedOut = controller.signal.aborted
      o.onRequest?.({ method, path, attempt: n, ms: o.now() - started })
      throw new GengoError(
        timedOut ? 'GENGO_TIMEOUT' : 'GENGO_NETWORK',
        timedOut
          ? `Gengo did not answer ${request} within ${o.timeoutMs} ms`
          : `Could not reach Gengo for ${request}: ${scrub(describe(error), o.privateKey)}`,
        { request, retryable: true, preSend: !timedOut && refusedBeforeSending(error) },
      )
    } finally {
      clearTimeout(timer)
    }
    o.onRequest?.({ method, path, attempt: n, status: response.status, ms: o.now() - started })
    if (response.status === 429 || response.status === 503) {
      const wait = retryAfterMs(response, o.now())
      if (wait !== undefined) limiter.pause(o.now() + Math.min(wait, MAX_BACKOFF_MS))
    }
    return interpret(response.status, text, request, { skewSeconds: clockSkewSeconds(response, o.now()) })
  }

  return {
    async call(method, path, params, options = {}) {
      const idempotent = options.idempotent ?? true
      for (let n = 0; ; n++) {
        try {
          return await attempt(method, path, params, n)
        } catch (error) {
          if (!idempotent && !provesNothingHappened(error)) throw outcomeUnknown(`${method} ${path}`, error)
          if (!(error instanceof GengoError) || !error.retryable || n >= o.retries) throw error
          const delay = Math.floor(o.random() * Math.min(MAX_BACKOFF_MS, o.retryDelayMs * 2 ** n))
          o.onRequest?.({ method, path, attempt: n, status: error.status, ms: 0, retry: `${error.code} ${error.gengoCode ?? ''}`.trim() })
          await o.sleep(delay)
        }
      }
    },
  }
}

/** A connection refused (or a name not resolved) before any byte of the request was sent. */
function refusedBeforeSending(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e instanceof Error && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as NodeJS.ErrnoException).code
    if (code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'EAI_AGAIN') return true
  }
  return false
}

/**
 * Answers after which a call that spends money certainly did nothing: HTTP 429 (the rate
 * limiter refused it) or a connection refused before sending. A clear Gengo error envelope
 * (1551, 2700, auth…) also did nothing, but is not worth retrying. Err 2800 inside an HTTP 200
 * is not proof: Gengo documents it only as "API temporarily unavailable", so the order may
 * have been placed, and it is reconciled, never re-sent.
 */
function provesNothingHappened(error: unknown): boolean {
  if (!(error instanceof GengoError)) return false
  if (error.preSend) return true
  if (error.status === 429) return true
  return isClearRefusal(error)
}

/** A Gengo error envelope that refuses the request outright (not a 5xx, not a lost answer). */
export function isClearRefusal(error: GengoError): boolean {
  if (error.code === 'GENGO_AUTH' || error.code === 'GENGO_CREDITS' || error.code === 'GENGO_JOBS' || error.code === 'GENGO_INPUT')
    return true
  if (error.code !== 'GENGO_API' || error.gengoCode === undefined) return false
  if (error.gengoCode === 1754) return false // "identical payload within 5 minutes": the earlier one went through
  const status = error.status ?? 200
  return status < 500 && error.gengoCode >= 1000 && error.gengoCode < 3000
}

function outcomeUnknown(request: string, error: unknown): unknown {
  if (!(error instanceof GengoError)) return error
  if (error.gengoCode === 1754) {
    return new GengoError(
      'GENGO_DUPLICATE',
      `Gengo answered ${request} with 1754 (an identical payload within 5 minutes): an earlier attempt was ordered. Nothing was re-sent; the order is reconciled from Gengo's job list.`,
      { request, gengoCode: 1754, status: error.status, cause: error, outcomeUnknown: true },
    )
  }
  return new GengoError(
    'GENGO_OUTCOME_UNKNOWN',
    `The outcome of ${request} is unknown (${error.message.replace(/^\[l10n\] /, '')}). Gengo may have placed the order. It was not sent again; l10n-sync reconciles it through GET translate/jobs before ordering anything again.`,
    { request, status: error.status, gengoCode: error.gengoCode, cause: error, outcomeUnknown: true },
  )
}

function describe(error: unknown): string {
  if (error instanceof Error) {
    const cause = (error as { cause?: unknown }).cause
    const causeText = cause instanceof Error ? ` (${cause.message})` : ''
    return `${error.message}${causeText}`
  }
  return String(error)
}

/** Removes anything secret from text that came from elsewhere (a fetch error may quote the URL). */
function scrub(text: string, privateKey: string): string {
  let out = text.replace(/api_sig=[0-9a-f]+/gi, 'api_sig=***')
  if (privateKey) out = out.split(privateKey).join('***')
  return out
}
