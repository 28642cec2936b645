import type { GengoJob } from '@l10n-sync/gengo'
import type { ResolvedL10nConfig } from '../config/config.ts'
import { L10nError } from '../errors.ts'
import { shortHash } from '../files/hash.ts'
import type { ReviewRecord } from '../lock/lock.ts'
import { withEdges } from '../plan/edges.ts'
import { buildJobs, restoreJob } from '../plan/jobs.ts'
import type { Plan, Unit } from '../plan/plan.ts'

/** One key's job as the reviewer sees it. Pure data: no keys, no client. */
export interface ReviewItem {
  lng: string
  ns: string
  key: string
  jobId: string
  /** Gengo's status: reviewable, revising, pending, available, … */
  status: string
  /** Seconds until Gengo expects it done; -1 unknown. */
  eta: number
  /** What the job costs (committed until approved). */
  credits: number
  currency: string
  /** The source string, as in the source file. */
  source: string
  /** The translator's context (the job's comment: the context file's note, plural guidance, the placeholder rule). */
  context?: string
  /** The translation with our `[[[ ]]]` markers and hints taken out; absent until there is one. */
  translation?: string
  /** Set when the translation lost or invented a placeholder (it is never written). */
  problem?: string
  /** The job's text as Gengo holds it (with our markers), for reading its revisions. */
  raw?: string
  /** For a revised job: the translation before the latest revision (restored like `translation`), and how many versions Gengo saved. */
  revision?: { before: string; versions: number }
  /** The value in the target file now (what the app shows). */
  current?: string
  /** An approve or revise recorded in the lock for this key. */
  review?: ReviewRecord
}

/** What a reviewer (the CLI's `--json`, the dev page) may see of an item: texts and statuses, never the lock's hashes. */
export function publicReviewItem(i: ReviewItem) {
  return {
    lng: i.lng,
    ns: i.ns,
    key: i.key,
    jobId: i.jobId,
    status: i.status,
    eta: i.eta,
    source: i.source,
    context: i.context ?? null,
    translation: i.translation ?? null,
    problem: i.problem ?? null,
    revision: i.revision ? { before: i.revision.before, after: i.translation ?? null, versions: i.revision.versions } : null,
    current: i.current ?? null,
    review: i.review
      ? { action: i.review.a, sent: i.review.sent === true, comment: i.review.c ?? null, rating: i.review.rating ?? null }
      : null,
  }
}

/** Pending (or broken) units whose job Gengo may hold for review: those with a job or order id in the lock. */
export function reviewCandidates(p: Plan, langs: readonly string[]): Unit[] {
  return p.units.filter(
    (u) =>
      langs.includes(u.lng) &&
      (u.state === 'pending' || u.state === 'interim' || u.state === 'invalid') &&
      (u.entry?.job !== undefined || u.entry?.order !== undefined),
  )
}

/**
 * Pure: the review queue from the candidate units and the Gengo jobs found for
 * them (`jobFor(unit)`), newest questions first in source order. Every unit
 * with a job is listed, whatever its status; callers filter.
 */
export function reviewItems(
  config: ResolvedL10nConfig,
  units: readonly Unit[],
  jobFor: (unit: Unit) => GengoJob | undefined,
): ReviewItem[] {
  const items: ReviewItem[] = []
  for (const unit of units) {
    const job = jobFor(unit)
    if (!job) continue
    const req = buildJobs(config, [unit])[0]
    const item: ReviewItem = {
      lng: unit.lng,
      ns: unit.ns,
      key: unit.key,
      jobId: job.jobId,
      status: job.status,
      eta: job.eta,
      credits: job.credits,
      currency: job.currency,
      source: unit.text,
    }
    if (req?.input.comment) item.context = req.input.comment
    if (job.bodyTgt !== undefined && !job.mt && req) {
      item.raw = job.bodyTgt
      const restored = restoreJob(req, job.bodyTgt, config.i18next.interpolation)
      if (restored.ok) item.translation = withEdges(unit.text, restored.text)
      else {
        item.translation = job.bodyTgt
        item.problem = restored.problem
      }
    }
    if (unit.value !== undefined) item.current = unit.value
    if (unit.entry?.r) item.review = unit.entry.r
    items.push(item)
  }
  return items
}

/** The queue proper: jobs waiting for the customer, with a valid translation. */
export function reviewable(items: readonly ReviewItem[]): ReviewItem[] {
  return items.filter((i) => i.status === 'reviewable' && i.problem === undefined && i.translation !== undefined)
}

export interface ReviewSelection {
  /** Keys (`ns:key`, or `key` in any namespace) or Gengo job ids; empty or absent: every reviewable job. */
  targets?: readonly string[]
  /** Only these languages. @default all targets */
  langs?: readonly string[]
}

/** Pure: the reviewable items a selection names. A target that names nothing reviewable is an error that says what is there. */
export function selectItems(items: readonly ReviewItem[], selection: ReviewSelection): ReviewItem[] {
  const open = reviewable(items).filter((i) => !selection.langs || selection.langs.includes(i.lng))
  const targets = selection.targets?.filter((t) => t !== '') ?? []
  if (targets.length === 0) return open
  const picked = new Set<ReviewItem>()
  for (const target of targets) {
    const hits = open.filter((i) => i.jobId === target || `${i.ns}:${i.key}` === target || i.key === target)
    if (hits.length === 0) {
      const known = items.find((i) => i.jobId === target || `${i.ns}:${i.key}` === target || i.key === target)
      throw new L10nError(
        'L10N_REVIEW',
        known
          ? `${JSON.stringify(target)} is not reviewable: its job ${known.jobId} is ${known.status}${known.problem ? ` (${known.problem})` : ''}.`
          : `Nothing reviewable matches ${JSON.stringify(target)}${selection.langs ? ` in ${selection.langs.join(', ')}` : ''}. \`l10n review\` lists what is.`,
        { key: target },
      )
    }
    for (const h of hits) picked.add(h)
  }
  return [...picked]
}

export type ReviewAction = { action: 'approve'; rating?: number; feedback?: string } | { action: 'revise'; comment: string }

/** Pure: the lock record for an action on an item, written before Gengo hears of it. */
export function recordFor(item: ReviewItem, action: ReviewAction, nowSec: number): ReviewRecord {
  if (action.action === 'approve') {
    const r: ReviewRecord = { a: 'approve', t: nowSec, job: item.jobId }
    if (action.rating !== undefined) r.rating = action.rating
    if (action.feedback) r.fb = action.feedback
    return r
  }
  return { a: 'revise', t: nowSec, job: item.jobId, c: action.comment, b: shortHash(item.translation ?? '') }
}

/**
 * Pure: recorded actions that Gengo has not taken yet (a crash between the
 * record and the PUT), to send again. An approve is due while its job is still
 * reviewable; a revise while the job is reviewable with the very text it was
 * asked about.
 */
export function unsentRecords(items: readonly ReviewItem[]): ReviewItem[] {
  return items.filter((i) => {
    const r = i.review
    if (!r || r.sent || r.job !== i.jobId || i.status !== 'reviewable') return false
    if (r.a === 'approve') return true
    return r.b === shortHash(i.translation ?? '')
  })
}

/** Validates a rating up front, naming the option (Gengo takes 1-5). */
export function checkRating(rating: unknown): number | undefined {
  if (rating === undefined || rating === null || rating === '') return undefined
  const n = Number(rating)
  if (!Number.isInteger(n) || n < 1 || n > 5)
    throw new L10nError('L10N_REVIEW', `rating must be a whole number from 1 to 5, got ${JSON.stringify(rating)}.`, { option: 'rating' })
  return n
}

export function checkComment(comment: unknown): string {
  const text = typeof comment === 'string' ? comment.trim() : ''
  if (!text)
    throw new L10nError('L10N_REVIEW', 'A revision needs a comment that tells the translator what to change.', { option: 'comment' })
  return text
}
