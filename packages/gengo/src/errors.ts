/** Stable codes for everything the Gengo client can throw. */
export type GengoErrorCode =
  | 'GENGO_OPTIONS' // a client option is invalid
  | 'GENGO_INPUT' // a job or argument we were asked to send is invalid (checked before sending)
  | 'GENGO_AUTH' // Gengo rejected the keys or signature (1000, 1100, 1150, 1200, 1201)
  | 'GENGO_API' // any other Gengo error envelope
  | 'GENGO_JOBS' // per-job error map from POST translate/jobs
  | 'GENGO_CREDITS' // 2700: not enough credits
  | 'GENGO_RATE_LIMIT' // 429 / 2800 after all retries
  | 'GENGO_HTTP' // a non-2xx answer that carried no Gengo envelope
  | 'GENGO_BAD_RESPONSE' // not JSON, or JSON of the wrong shape
  | 'GENGO_NETWORK' // connection failed or dropped
  | 'GENGO_TIMEOUT' // no answer within timeoutMs
  | 'GENGO_DUPLICATE' // 1754 on POST translate/jobs: an earlier identical payload was ordered
  | 'GENGO_OUTCOME_UNKNOWN' // a POST translate/jobs whose answer was lost: it may or may not have ordered

export interface GengoJobError {
  code: number
  msg: string
}

export interface GengoErrorDetails {
  /** Gengo's numeric error code (`err.code`), when there is one. */
  gengoCode?: number
  /** HTTP status of the last answer, when there was one. */
  status?: number
  /** `METHOD path` of the request, without any query (so no signature). */
  request?: string
  /** Per-job errors, keyed by the submitted job key. */
  jobErrors?: Record<string, GengoJobError[]>
  /** Whether retrying later may succeed. */
  retryable?: boolean
  /** The request failed before any byte was sent (connection refused). */
  preSend?: boolean
  /** The request may have taken effect: never re-send it blindly. */
  outcomeUnknown?: boolean
  cause?: unknown
}

const AUTH_CODES = new Set([1000, 1100, 1150, 1200, 1201])

export class GengoError extends Error {
  override name = 'GengoError'
  readonly code: GengoErrorCode
  readonly gengoCode?: number
  readonly status?: number
  readonly request?: string
  readonly jobErrors?: Record<string, GengoJobError[]>
  readonly retryable: boolean
  readonly preSend: boolean
  /** True when a request that spends money may or may not have taken effect. */
  readonly outcomeUnknown: boolean

  constructor(code: GengoErrorCode, message: string, details: GengoErrorDetails = {}) {
    super(message.startsWith('[l10n]') ? message : `[l10n] ${message}`, { cause: details.cause })
    this.code = code
    this.gengoCode = details.gengoCode
    this.status = details.status
    this.request = details.request
    this.jobErrors = details.jobErrors
    this.retryable = details.retryable ?? false
    this.preSend = details.preSend ?? false
    this.outcomeUnknown = details.outcomeUnknown ?? false
  }
}

/** Maps a Gengo error code to our stable code. */
export function codeForGengoError(gengoCode: number | undefined): GengoErrorCode {
  if (gengoCode === undefined) return 'GENGO_API'
  if (AUTH_CODES.has(gengoCode)) return 'GENGO_AUTH'
  if (gengoCode === 2700) return 'GENGO_CREDITS'
  if (gengoCode === 2800 || gengoCode === 429) return 'GENGO_RATE_LIMIT'
  return 'GENGO_API'
}

/** A clock this far from Gengo's (in seconds, read from its `Date` header) counts as skewed. */
const CLOCK_SKEW_SECONDS = 30

/** What is known about the request when Gengo refused it. */
export interface AdviceContext {
  /** Our clock minus Gengo's, in seconds (from the answer's `Date` header); undefined when unknown. */
  skewSeconds?: number
  /** Gengo's `err.msg`. */
  msg?: string
}

/**
 * Whether an authentication failure is the clock's fault: our clock is measurably off Gengo's,
 * or Gengo's message says it is the timestamp.
 */
function clockSkewed(context: AdviceContext): boolean {
  if (context.skewSeconds !== undefined && Math.abs(context.skewSeconds) >= CLOCK_SKEW_SECONDS) return true
  return /\bts\b|timestamp|clock|server time/i.test(context.msg ?? '')
}

function authAdvice(context: AdviceContext): string {
  if (!clockSkewed(context)) return 'Check GENGO_PUBLIC_KEY / GENGO_PRIVATE_KEY: Gengo did not accept the key or the signature.'
  const skew = context.skewSeconds
  const by =
    skew !== undefined && Math.abs(skew) >= CLOCK_SKEW_SECONDS
      ? `This machine’s clock is ${Math.abs(skew)} s ${skew > 0 ? 'ahead of' : 'behind'} Gengo’s`
      : 'Gengo says the timestamp is off'
  return `${by}, and every request is signed with the current time: set the clock right (NTP), then try again. If it is right, check GENGO_PUBLIC_KEY / GENGO_PRIVATE_KEY.`
}

/** What a caller can do about a Gengo error, appended to its message. */
export function adviceFor(gengoCode: number | undefined, context: AdviceContext = {}): string {
  switch (gengoCode) {
    case 1000:
      return authAdvice(context)
    case 1551:
      return 'Gengo does not offer this language pair; check the target language or languageMap.'
    case 2700:
      return 'Add credits to the Gengo account or order fewer strings.'
    case 2800:
      return 'Gengo asks for fewer requests; lower requestsPerMinute or try again later.'
    default:
      return ''
  }
}
