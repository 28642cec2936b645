/** Typed, normalised Gengo API v2 shapes: ids are strings, counts integers, money numbers. */

export type GengoTier = 'standard' | 'pro' | 'machine' | 'ultra'

export type GengoJobStatus =
  | 'queued'
  | 'available'
  | 'pending'
  | 'reviewable'
  | 'approved'
  | 'revising'
  | 'rejected'
  | 'canceled'
  | 'held'
  | 'deleted'
  | 'unpaid'
  | 'unknown'

/** One job to order (or quote). */
export interface GengoJobInput {
  bodySrc: string
  lcSrc: string
  lcTgt: string
  tier: GengoTier
  slug?: string
  comment?: string
  /** At most 1 KB of UTF-8. */
  customData?: string
  autoApprove?: boolean
  force?: boolean
  usePreferred?: boolean
  callbackUrl?: string
  glossaryId?: string | number
  position?: number
  /** Gengo's newer job fields: the tone of the text and what it is for (free text). */
  tone?: string
  purpose?: string
}

export interface GengoJob {
  jobId: string
  orderId?: string
  slug?: string
  bodySrc: string
  /** Present once translated (or as interim machine text when `mt`). */
  bodyTgt?: string
  lcSrc: string
  lcTgt: string
  unitCount: number
  tier: string
  credits: number
  currency: string
  status: GengoJobStatus
  /** Seconds until done; -1 when unknown. */
  eta: number
  ctime: number
  autoApprove: boolean
  customData: string
  callbackUrl?: string
  /** True when `bodyTgt` is a machine translation offered while the human one is pending. */
  mt: boolean
}

/** What Gengo said about one submitted job key. */
export type GengoPostedJob =
  /** Ordered now; its job appears in the order once created. */
  | { kind: 'new' }
  /** Lazy loading: ordered before, not charged; the earlier job(s). */
  | { kind: 'existing'; jobs: GengoJob[] }
  /** Same as another job in this payload, charged once. */
  | { kind: 'duplicate'; of: string }

export interface GengoPostJobsResult {
  orderId?: string
  groupId?: string
  jobCount: number
  creditsUsed: number
  currency: string
  /** One entry per submitted key. */
  jobs: Record<string, GengoPostedJob>
  /** Parts of the answer that match no submitted job (reported by the caller, never fatal once Gengo has taken the order). */
  unmatched: unknown[]
}

export interface GengoPostJobsOptions {
  asGroup?: boolean
  allowFork?: boolean
  process?: boolean
  comment?: string
}

export interface GengoOrder {
  orderId: string
  totalCredits: number
  currency: string
  totalUnits: number
  totalJobs: number
  asGroup: boolean
  jobsQueued: number
  jobsAvailable: string[]
  jobsPending: string[]
  jobsReviewable: string[]
  jobsApproved: string[]
  jobsRevising: string[]
  jobsCancelled: string[]
  jobsHeld: string[]
  jobsRejected: string[]
  /** Every job id in any `jobs_*` list of the order, including lists a newer API edition may add. */
  jobIds: string[]
}

export interface GengoJobListEntry {
  jobId: string
  ctime: number
}

export interface GengoListJobsOptions {
  status?: GengoJobStatus
  /** Unix seconds. */
  timestampAfter?: number
  /** 1..200. */
  count?: number
}

export type GengoJobAction =
  | { action: 'approve'; rating?: 1 | 2 | 3 | 4 | 5; forTranslator?: string; forMygengo?: string; public?: boolean }
  | { action: 'revise'; comment: string }
  | {
      action: 'reject'
      reason: 'quality' | 'incomplete' | 'other'
      comment: string
      followUp?: 'requeue' | 'cancel'
    }
  | { action: 'archive' }

export interface GengoQuote {
  unitCount: number
  credits: number
  /** Seconds. */
  eta: number
  currency: string
  type: string
}

export interface GengoLanguagePair {
  lcSrc: string
  lcTgt: string
  tier: string
  unitPrice: number
  currency: string
}

export interface GengoLanguage {
  language: string
  localizedName: string
  lc: string
  unitType: 'word' | 'character'
}

export interface GengoBalance {
  credits: number
  currency: string
}

export interface GengoStats {
  creditsSpent: number
  userSince: number
  currency: string
}
