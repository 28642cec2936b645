import { SPEEDS, type Speed } from './translators.ts'

export interface EmulatorOptions {
  /** Accepted public key; empty counts as unset. @default process.env.GENGO_PUBLIC_KEY, else 'demo-public' */
  publicKey?: string
  /** Accepted private key; empty counts as unset. @default process.env.GENGO_PRIVATE_KEY, else 'demo-private' */
  privateKey?: string
  /** How fast the simulated translators work. @default 'fast' */
  speed?: Speed
  /** Persist orders and jobs here so lazy loading works across runs. @default undefined (memory only) */
  stateFile?: string
  /** Requests per minute per client before HTTP 429 / 2800; 0 = off. @default 150 */
  rateLimit?: number
  /** Emit the older response variants (string numbers, lists of lists, 2013 duplicates, per-job error maps). @default false */
  legacy?: boolean
  /** Starting account balance in USD credits. @default 1000 */
  balance?: number
  /**
   * Take the unfavourable reading of every point Gengo's docs leave open: no 1754 for a
   * repeated payload, lazy loading blind to jobs still being created, jobs created
   * asynchronously and listed by `GET translate/jobs` only after a delay, ids and money as
   * strings, `api_key` required on every route, prices from Gengo's published examples.
   * @default false
   */
  worstCase?: boolean
  /** Called with each warning (e.g. a client polling faster than Gengo's guidance). @default writes to stderr, once per client and route */
  onWarning?: (message: string) => void
  /** Real clock in ms (inject for tests). @default Date.now */
  now?: () => number
}

export interface ResolvedEmulatorOptions extends Required<Omit<EmulatorOptions, 'stateFile' | 'onWarning'>> {
  stateFile?: string
  onWarning?: (message: string) => void
}

/** What `worstCase` means in time: jobs exist this long after the POST, and are listed this much later still. */
export const WORST_CASE = Object.freeze({ creationDelayMs: 1500, listDelayMs: 1500 })

/** Gengo asks clients not to poll one job's status more often than this (the emulator warns below it). */
export const POLL_GUIDANCE_MS = 30 * 60_000

export const EMULATOR_DEFAULTS = Object.freeze({
  speed: 'fast' as Speed,
  rateLimit: 150,
  legacy: false,
  balance: 1000,
})

/** The keys the emulator accepts when none are given (the same on the client side of `endpoint: 'emulator'`). */
export const DEMO_KEYS = Object.freeze({ publicKey: 'demo-public', privateKey: 'demo-private' })

/** A key from an option or the environment; `''` (e.g. `GENGO_PUBLIC_KEY=` in a compose file or CI) counts as unset. */
function key(...candidates: (string | undefined)[]): string | undefined {
  return candidates.find((c) => c !== undefined && c !== '')
}

export function resolveEmulatorOptions(options: EmulatorOptions = {}): ResolvedEmulatorOptions {
  const speed = options.speed ?? EMULATOR_DEFAULTS.speed
  if (!SPEEDS.includes(speed))
    throw new Error(`[gengo-emulator] Invalid option \`speed\`: ${JSON.stringify(speed)}. Use ${SPEEDS.join(', ')}.`)
  const rateLimit = options.rateLimit ?? EMULATOR_DEFAULTS.rateLimit
  if (!Number.isInteger(rateLimit) || rateLimit < 0)
    throw new Error(`[gengo-emulator] Invalid option \`rateLimit\`: ${rateLimit}. Use a whole number ≥ 0 (0 = off).`)
  const balance = options.balance ?? EMULATOR_DEFAULTS.balance
  if (!Number.isFinite(balance) || balance < 0)
    throw new Error(`[gengo-emulator] Invalid option \`balance\`: ${balance}. Use a number ≥ 0.`)
  return {
    publicKey: key(options.publicKey, process.env.GENGO_PUBLIC_KEY) ?? DEMO_KEYS.publicKey,
    privateKey: key(options.privateKey, process.env.GENGO_PRIVATE_KEY) ?? DEMO_KEYS.privateKey,
    speed,
    stateFile: options.stateFile,
    rateLimit,
    legacy: options.legacy ?? EMULATOR_DEFAULTS.legacy,
    balance,
    worstCase: options.worstCase ?? false,
    onWarning: options.onWarning,
    now: options.now ?? Date.now,
  }
}
