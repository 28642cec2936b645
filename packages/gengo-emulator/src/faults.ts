import { errorResponse, json } from './wire.ts'

/** Faults the admin API can inject into the next matching requests. */
export type FaultKind =
  | 'status' // answer with `status` and a `body` variant
  | 'error' // HTTP 200 Gengo error with `code` (null: code missing)
  | 'rate-limit' // HTTP 429 with err 2800
  | 'delay' // wait `ms` before answering
  | 'delay-after' // handle the request (it takes effect), then wait `ms` before answering
  | 'drop' // drop the connection before handling
  | 'drop-after' // handle the request (it takes effect), then drop the connection
  | 'error-after' // handle the request (it takes effect), then answer HTTP 200 with Gengo error `code` (default 2800)
  | 'malformed' // HTTP 200 with a truncated JSON body
  | 'html' // an HTML error page from a proxy, with `status` (default 502)
  | 'placeholder' // the translator drops or alters a [[[...]]] segment (or adds `text`, mode inject) in the next `times` jobs ordered

export interface Fault {
  kind: FaultKind
  /** `METHOD path-pattern`, e.g. `POST translate/jobs` or `GET translate/order/:id`; omitted = any API route. */
  route?: string
  /** How many requests (or jobs, for placeholder) it hits. @default 1 */
  times?: number
  /** Matching requests to let through untouched first (to hit a later POST). @default 0 */
  skip?: number
  status?: number
  /** For `status`: envelope with code | envelope without code | plain JSON | empty. @default 'envelope' */
  body?: 'envelope' | 'no-code' | 'plain' | 'empty'
  code?: number | string | null
  msg?: string
  ms?: number
  /** For `placeholder`: lose or change the first `[[[…]]]` segment, or add `text` to the translation. @default 'drop' */
  mode?: PlaceholderMode
  /** For `placeholder` with mode `inject`: what the translator adds, verbatim, at the end (e.g. `<img src=x onerror=alert(1)>`). */
  text?: string
}

/** What a `placeholder` fault's translator does: `drop` or `alter` the first `[[[…]]]` segment (jobs that have one), or `inject` its `text` (any job). */
export const PLACEHOLDER_MODES = ['drop', 'alter', 'inject'] as const
export type PlaceholderMode = (typeof PLACEHOLDER_MODES)[number]

export function takeFault(
  faults: Fault[],
  route: string,
  kinds?: readonly FaultKind[],
  applies: (f: Fault) => boolean = () => true,
): Fault | undefined {
  const i = faults.findIndex((f) => (f.route === undefined || f.route === route) && (!kinds || kinds.includes(f.kind)) && applies(f))
  if (i < 0) return undefined
  const fault = faults[i] as Fault
  if (fault.skip && fault.skip > 0) {
    fault.skip--
    return undefined
  }
  const left = (fault.times ?? 1) - 1
  if (left <= 0) faults.splice(i, 1)
  else fault.times = left
  return fault
}

/** Faults that act on a request (all but \`placeholder\`, which acts on a job). */
export const REQUEST_FAULTS: readonly FaultKind[] = [
  'status',
  'error',
  'rate-limit',
  'delay',
  'delay-after',
  'drop',
  'drop-after',
  'error-after',
  'malformed',
  'html',
]

export function validateFault(input: unknown): Fault {
  const kinds: readonly FaultKind[] = [...REQUEST_FAULTS, 'placeholder']
  if (typeof input !== 'object' || input === null || !kinds.includes((input as Fault).kind)) {
    throw new Error(`fault needs a kind, one of ${kinds.join(', ')}`)
  }
  const fault = input as Fault
  if (fault.kind === 'placeholder') {
    if (fault.mode !== undefined && !PLACEHOLDER_MODES.includes(fault.mode)) {
      throw new Error(`a placeholder fault's mode is one of ${PLACEHOLDER_MODES.join(', ')}`)
    }
    if (fault.mode === 'inject' && (typeof fault.text !== 'string' || fault.text === '')) {
      throw new Error('a placeholder fault with mode inject needs text: the non-empty string the translator adds')
    }
  }
  return { ...fault }
}

/** The Gengo error envelope of an `error` or `error-after` fault: `code` (default 2800; null: none) and `msg`. */
function faultError(fault: Fault, msg: string, status = 200): Response {
  const code = fault.code === null ? undefined : (fault.code ?? 2800)
  return json({ opstat: 'error', err: { ...(code !== undefined && { code }), msg: fault.msg ?? msg } }, status)
}

/** Thrown to make the listener drop the connection. */
export class DropConnection extends Error {
  constructor(readonly after: boolean) {
    super('connection dropped by fault injection')
  }
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

/** Acts out a request fault before the route runs: its answer instead of the route's, or undefined to go on. */
export async function applyFault(fault: Fault, legacy: boolean): Promise<Response | undefined> {
  switch (fault.kind) {
    case 'delay':
      await sleep(fault.ms ?? 1000)
      return undefined
    case 'drop':
      throw new DropConnection(false)
    case 'drop-after':
    case 'delay-after':
    case 'error-after':
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
    case 'error':
      return faultError(fault, 'injected error', fault.status ?? 200)
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

/**
 * Acts out a request fault after the route ran (it took effect): drops the connection, delays
 * the answer, or replaces it with a Gengo error (`error-after`: Gengo documents 2800 only as
 * "API temporarily unavailable", never as proof that nothing was done).
 */
export async function applyFaultAfter(fault: Fault | undefined, response: Response): Promise<Response> {
  if (fault?.kind === 'drop-after') throw new DropConnection(true)
  if (fault?.kind === 'delay-after') await sleep(fault.ms ?? 1000)
  if (fault?.kind === 'error-after') return faultError(fault, 'API temporarily unavailable')
  return response
}
