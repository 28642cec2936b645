import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'

export type JobStatus = 'queued' | 'available' | 'pending' | 'reviewable' | 'approved' | 'revising' | 'rejected' | 'canceled' | 'held'

export interface EmJob {
  id: number
  orderId: number
  slug: string
  bodySrc: string
  bodyTgt?: string
  lcSrc: string
  lcTgt: string
  tier: string
  unitCount: number
  credits: number
  status: JobStatus
  /** Unix seconds (simulated clock) when ordered. */
  ctime: number
  /** Simulated ms at which the next phases start. */
  at: { available: number; pending: number; reviewable: number }
  autoApprove: boolean
  customData: string
  callbackUrl: string
  comment: string
  /** The job's `glossary_id`, as sent. */
  glossaryId?: string
  /** Sent with `use_preferred` 1. */
  usePreferred?: boolean
  /** Gengo's `tone` and `purpose`, as sent. */
  tone?: string
  purpose?: string
  /** `position` as sent: a group's translator takes its jobs in this order. */
  position?: number
  /** Placeholder fault armed for this job's next delivery. */
  breakPlaceholder?: 'drop' | 'alter'
  /** Text the translator adds, verbatim, to this job's next delivery (a `placeholder` fault with mode `inject`). */
  inject?: string
  revisions: number
  /** Every text the translator delivered, oldest first: Gengo's revisions (rev_id = index + 1). */
  versions?: { ctime: number; bodyTgt: string }[]
  /** The customer's approval (PUT approve): rating 1-5 and feedback. */
  approval?: { rating?: number; forTranslator?: string; forMygengo?: string; public?: boolean; ctime: number }
  /** Set when Gengo approved it on its own, 120 simulated hours after it became reviewable. */
  autoApproved?: boolean
  /** The job's thread, oldest first; authors as Gengo names them. */
  comments: { body: string; author: 'customer' | 'translator' | 'senior translator'; ctime: number }[]
  /** Set once a simulated translator asked on their own (`--speed review`). */
  asked?: boolean
}

export interface EmOrder {
  id: number
  ctime: number
  jobIds: number[]
  totalCredits: number
  totalUnits: number
  asGroup: boolean
  groupId?: number
  /** The order-level comment (`data.comment` of POST translate/jobs): what every translator of the order reads. */
  comment?: string
}

export interface Ledger {
  credits_charged: number
  jobs_created: number
  requests: number
  by_route: Record<string, number>
  /** Credits returned by cancellations. */
  credits_refunded?: number
  /** Polls of one job or order sooner than Gengo's guidance (once per 30 minutes) after the last. */
  poll_warnings?: number
}

export interface EmState {
  version: 1
  nextOrderId: number
  nextJobId: number
  nextGroupId: number
  balance: number
  /** ms added to the real clock by /_emulator/advance. */
  clockOffsetMs: number
  orders: Record<string, EmOrder>
  jobs: Record<string, EmJob>
  /** Hashes of recent POST translate/jobs payloads with their real-time ms, for 1754. */
  recentPayloads: { hash: string; at: number; orderId: number }[]
  ledger: Ledger
}

export function emptyLedger(): Ledger {
  return { credits_charged: 0, jobs_created: 0, requests: 0, by_route: {}, poll_warnings: 0 }
}

export function createState(balance: number): EmState {
  return {
    version: 1,
    nextOrderId: 1001,
    nextJobId: 5001,
    nextGroupId: 1,
    balance,
    clockOffsetMs: 0,
    orders: {},
    jobs: {},
    recentPayloads: [],
    ledger: emptyLedger(),
  }
}

export function loadState(file: string, balance: number): EmState {
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return createState(balance)
    throw error
  }
  let parsed: EmState
  try {
    parsed = JSON.parse(text) as EmState
  } catch (error) {
    throw new Error(`[gengo-emulator] State file ${file} is not valid JSON (${(error as Error).message}). Delete it to start fresh.`)
  }
  if (parsed?.version !== 1 || typeof parsed.jobs !== 'object') {
    throw new Error(`[gengo-emulator] State file ${file} is not an emulator state (version 1). Delete it to start fresh.`)
  }
  return parsed
}

/** Atomic: write a temp file beside it, then rename over. */
export function saveState(file: string, state: EmState): void {
  mkdirSync(dirname(file), { recursive: true })
  const tmp = `${file}.${process.pid}.tmp`
  writeFileSync(tmp, `${JSON.stringify(state)}\n`)
  renameSync(tmp, file)
}

/** Lazy-loading key: (body_src, lc_src, lc_tgt, tier). */
export function lazyKey(bodySrc: string, lcSrc: string, lcTgt: string, tier: string): string {
  return JSON.stringify([bodySrc, lcSrc, lcTgt, tier])
}

/** The lazy-loading index of a state: lazyKey → job ids, oldest first. */
export function buildLazyIndex(state: EmState): Map<string, number[]> {
  const map = new Map<string, number[]>()
  const jobs = Object.values(state.jobs).sort((a, b) => a.id - b.id)
  for (const j of jobs) {
    const k = lazyKey(j.bodySrc, j.lcSrc, j.lcTgt, j.tier)
    const ids = map.get(k)
    if (ids) ids.push(j.id)
    else map.set(k, [j.id])
  }
  return map
}
