import { GengoError } from './errors.ts'

export type GengoEndpoint = 'production' | 'sandbox' | (string & {})

/** What a request looked like, for logging. Never holds keys or signatures. */
export interface GengoRequestInfo {
  method: string
  /** Path below `/v2/`, e.g. `translate/jobs`. */
  path: string
  attempt: number
  /** HTTP status, or undefined when the connection failed. */
  status?: number
  /** Milliseconds the attempt took. */
  ms: number
  /** Why the attempt is being retried, when it is. */
  retry?: string
}

export interface GengoClientOptions {
  /** Gengo public API key. @default process.env.GENGO_PUBLIC_KEY */
  publicKey?: string
  /** Gengo private API key; used only to sign, never logged or sent. @default process.env.GENGO_PRIVATE_KEY */
  privateKey?: string
  /** `'production'`, `'sandbox'` or a base URL ending in `/v2/`. @default 'production' */
  endpoint?: GengoEndpoint
  /** The fetch to use (inject for tests or proxies). @default globalThis.fetch */
  fetch?: (input: Request) => Promise<Response>
  /** User-Agent header, in Gengo's requested form. @default 'Gengo l10n-sync; Version 0.1.0; https://github.com/l10n-sync/l10n-sync;' */
  userAgent?: string
  /** Abort one attempt after this many milliseconds. @default 30000 */
  timeoutMs?: number
  /** Retries after the first attempt for network errors, timeouts, 429, 5xx and 2800. @default 4 */
  retries?: number
  /** First backoff delay in ms; doubles each retry, with full jitter, capped at 30 s. @default 500 */
  retryDelayMs?: number
  /** Client-side limit, below Gengo's 150 per minute per IP. 0 turns it off. @default 140 */
  requestsPerMinute?: number
  /** Most ids in one `GET translate/jobs/{ids}`; a chunk also stops before its id list passes 4,000 characters, so URLs stay short. @default 200 */
  maxIdsPerRequest?: number
  /** How long to look for jobs that a 1754 says were already ordered, in ms. @default 120000 */
  duplicateLookupMs?: number
  /** Clock in ms (inject to drive time in tests). @default Date.now */
  now?: () => number
  /** Sleep (inject to skip waiting in tests). @default setTimeout-based */
  sleep?: (ms: number) => Promise<void>
  /** Random in [0, 1) for jitter. @default Math.random */
  random?: () => number
  /** Called after every attempt; for progress and debug logs. @default undefined */
  onRequest?: (info: GengoRequestInfo) => void
}

export interface ResolvedGengoClientOptions extends Required<Omit<GengoClientOptions, 'onRequest' | 'endpoint'>> {
  baseUrl: string
  onRequest?: (info: GengoRequestInfo) => void
}

export const GENGO_ENDPOINTS = Object.freeze({
  production: 'https://api.gengo.com/v2/',
  sandbox: 'https://api.sandbox.gengo.com/v2/',
})

export const GENGO_CLIENT_DEFAULTS = Object.freeze({
  endpoint: 'production',
  userAgent: 'Gengo l10n-sync; Version 0.1.0; https://github.com/l10n-sync/l10n-sync;',
  timeoutMs: 30_000,
  retries: 4,
  retryDelayMs: 500,
  requestsPerMinute: 140,
  maxIdsPerRequest: 200,
  duplicateLookupMs: 120_000,
})

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

function optionError(option: string, value: unknown, hint: string): GengoError {
  return new GengoError('GENGO_OPTIONS', `Invalid Gengo client option \`${option}\`: ${JSON.stringify(value)}. ${hint}`)
}

function nonNegativeInt(option: string, value: number): number {
  if (!Number.isInteger(value) || value < 0) throw optionError(option, value, 'Expected a whole number ≥ 0.')
  return value
}

export function resolveEndpoint(endpoint: GengoEndpoint): string {
  if (endpoint === 'production') return GENGO_ENDPOINTS.production
  if (endpoint === 'sandbox') return GENGO_ENDPOINTS.sandbox
  let url: URL
  try {
    url = new URL(endpoint)
  } catch {
    throw optionError('endpoint', endpoint, "Use 'production', 'sandbox' or a URL such as http://127.0.0.1:8080/v2/.")
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw optionError('endpoint', endpoint, 'The URL must start with http:// or https://.')
  }
  let href = url.href
  if (!href.endsWith('/')) href += '/'
  if (!href.endsWith('/v2/')) href += 'v2/'
  return href
}

export function resolveGengoClientOptions(options: GengoClientOptions = {}): ResolvedGengoClientOptions {
  const publicKey = options.publicKey ?? process.env.GENGO_PUBLIC_KEY ?? ''
  const privateKey = options.privateKey ?? process.env.GENGO_PRIVATE_KEY ?? ''
  if (!publicKey) throw new GengoError('GENGO_OPTIONS', 'Missing Gengo client option `publicKey`. Set GENGO_PUBLIC_KEY or pass publicKey.')
  // The private key's value never goes into a message.
  if (!privateKey)
    throw new GengoError('GENGO_OPTIONS', 'Missing Gengo client option `privateKey`. Set GENGO_PRIVATE_KEY or pass privateKey.')
  const fetchImpl = options.fetch ?? ((request: Request) => globalThis.fetch(request))
  if (typeof fetchImpl !== 'function') throw optionError('fetch', typeof fetchImpl, 'Expected a function.')
  const timeoutMs = nonNegativeInt('timeoutMs', options.timeoutMs ?? GENGO_CLIENT_DEFAULTS.timeoutMs)
  if (timeoutMs === 0) throw optionError('timeoutMs', 0, 'Expected at least 1 ms.')
  const requestsPerMinute = nonNegativeInt('requestsPerMinute', options.requestsPerMinute ?? GENGO_CLIENT_DEFAULTS.requestsPerMinute)
  if (requestsPerMinute > 150) throw optionError('requestsPerMinute', requestsPerMinute, 'Gengo allows at most 150 requests per minute.')
  const maxIdsPerRequest = nonNegativeInt('maxIdsPerRequest', options.maxIdsPerRequest ?? GENGO_CLIENT_DEFAULTS.maxIdsPerRequest)
  if (maxIdsPerRequest === 0) throw optionError('maxIdsPerRequest', 0, 'Expected at least 1.')
  return {
    publicKey,
    privateKey,
    baseUrl: resolveEndpoint(options.endpoint ?? GENGO_CLIENT_DEFAULTS.endpoint),
    fetch: fetchImpl,
    userAgent: options.userAgent ?? GENGO_CLIENT_DEFAULTS.userAgent,
    timeoutMs,
    retries: nonNegativeInt('retries', options.retries ?? GENGO_CLIENT_DEFAULTS.retries),
    retryDelayMs: nonNegativeInt('retryDelayMs', options.retryDelayMs ?? GENGO_CLIENT_DEFAULTS.retryDelayMs),
    requestsPerMinute,
    maxIdsPerRequest,
    duplicateLookupMs: nonNegativeInt('duplicateLookupMs', options.duplicateLookupMs ?? GENGO_CLIENT_DEFAULTS.duplicateLookupMs),
    now: options.now ?? Date.now,
    sleep: options.sleep ?? defaultSleep,
    random: options.random ?? Math.random,
    onRequest: options.onRequest,
  }
}
