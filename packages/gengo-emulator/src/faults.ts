/** Faults the admin API can inject into the next matching requests. */
export type FaultKind =
  | 'status' // answer with `status` and a `body` variant
  | 'error' // HTTP 200 Gengo error with `code` (null: code missing)
  | 'rate-limit' // HTTP 429 with err 2800
  | 'delay' // wait `ms` before answering
  | 'delay-after' // handle the request (it takes effect), then wait `ms` before answering
  | 'drop' // drop the connection before handling
  | 'drop-after' // handle the request (it takes effect), then drop the connection
  | 'malformed' // HTTP 200 with a truncated JSON body
  | 'html' // an HTML error page from a proxy, with `status` (default 502)
  | 'placeholder' // the translator drops or alters a [[[...]]] segment in the next `times` jobs ordered

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
  mode?: 'drop' | 'alter'
}

export function takeFault(faults: Fault[], route: string, kinds?: readonly FaultKind[]): Fault | undefined {
  const i = faults.findIndex((f) => (f.route === undefined || f.route === route) && (!kinds || kinds.includes(f.kind)))
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
  'malformed',
  'html',
]

export function validateFault(input: unknown): Fault {
  const kinds: readonly FaultKind[] = [...REQUEST_FAULTS, 'placeholder']
  if (typeof input !== 'object' || input === null || !kinds.includes((input as Fault).kind)) {
    throw new Error(`fault needs a kind, one of ${kinds.join(', ')}`)
  }
  return { ...(input as Fault) }
}

/** Thrown to make the listener drop the connection. */
export class DropConnection extends Error {
  constructor(readonly after: boolean) {
    super('connection dropped by fault injection')
  }
}
