import type { GengoJob, GengoPostJobsResult } from '@l10n-sync/gengo'
import type { ResolvedL10nConfig } from '../config/config.ts'
import { shortList } from '../errors.ts'
import { shortHash } from '../files/hash.ts'
import type { LockEntry } from '../lock/lock.ts'
import { withEdges } from '../plan/edges.ts'
import { type JobRequest, overLimits, restoreJob } from '../plan/jobs.ts'
import type { Restored } from '../plan/placeholders.ts'
import type { Unit } from '../plan/plan.ts'
import type { SyncEvent } from './events.ts'

/**
 * Pure decisions: given what Gengo answered about a job (or an order), what happens to each
 * key — the lock entry, the value to write, the report, a revision to send. The executor
 * (executor.ts) performs an `Outcome`; nothing here does I/O or mutates its inputs.
 */

export interface InvalidTranslation {
  lng: string
  ns: string
  key: string
  jobId: string
  problem: string
  revised: boolean
}

export interface PendingKey {
  lng: string
  ns: string
  key: string
  jobId?: string
  /** Seconds until Gengo expects it done; -1 unknown. */
  eta?: number
  status?: string
}

export interface KeyRef {
  lng: string
  ns: string
  key: string
}

export interface LockUpdate extends KeyRef {
  /** The new entry; undefined removes it (the key is translated from the lock's source text, or unknown). */
  entry: LockEntry | undefined
}

/** What to do, as data. Every field is applied by the executor, in this order: revise, lock, writes, report, events. */
export interface Outcome {
  lock: LockUpdate[]
  writes: (KeyRef & { value: string })[]
  invalid: InvalidTranslation[]
  pending: PendingKey[]
  warnings: string[]
  /** Progress events besides `invalid` (the executor emits those once the revision's fate is known). */
  events: SyncEvent[]
  /** A broken translation to send back; if Gengo refuses, the executor warns and marks the invalid keys not revised. */
  revise?: { jobId: string; comment: string }
  /** Keys whose Gengo jobs are gone (a reset sandbox, a forgotten order): copies in state missing/stale, to order again. */
  orphans: Unit[]
  /** Jobs answered by lazy loading (ordered before, free). */
  reused: number
}

export function emptyOutcome(): Outcome {
  return { lock: [], writes: [], invalid: [], pending: [], warnings: [], events: [], orphans: [], reused: 0 }
}

/** What a decision reads of the run so far, besides the plan's units. */
export interface RunView {
  /** The key's value now: what this run already decided to write, else what was read. */
  current(unit: Unit): string | undefined
  /** Jobs already sent back for revision in this run. */
  revised: ReadonlySet<string>
  nowSec: number
  /** The run repairs broken values (`--repair`): an approved broken translation is ordered again with force. @default false */
  repair?: boolean
}

/** A value hash for the lock's human-edit check; null when there is no value. */
export function valueHash(value: string | undefined): string | null {
  return value === undefined ? null : shortHash(value)
}

const ORDER: Record<string, number> = { approved: 0, reviewable: 1, revising: 2, pending: 3, available: 4, queued: 5, held: 6 }

/** Of several jobs for the same text (lazy loading can return more than one), the most finished. */
export function bestJob(jobs: readonly GengoJob[]): GengoJob | undefined {
  return [...jobs].sort((a, b) => (ORDER[a.status] ?? 9) - (ORDER[b.status] ?? 9) || b.ctime - a.ctime)[0]
}

const ref = (u: Unit): KeyRef => ({ lng: u.lng, ns: u.ns, key: u.key })

/** The translation as it would be written (before each key's edges), or why it must not be: placeholders, notes, markup, empty, a length cap. */
function checkTranslation(config: ResolvedL10nConfig, job: GengoJob, req: JobRequest, units: readonly Unit[]): Restored | undefined {
  if (job.bodyTgt === undefined) return undefined
  const restored = restoreJob(req, job.bodyTgt, config.i18next.interpolation)
  if (!restored.ok) return restored
  // The request stands for its first key: every key the job fills is held to its own maxChars.
  const long = overLimits(units, restored)
  if (long) return long
  // A hostile or broken answer (a megabyte per job) is not written: at most max(maxLength, 10 × the source).
  const cap = Math.max(config.maxLength, 10 * Math.max(0, ...units.map((u) => u.text.length)))
  if (restored.text.length <= cap) return restored
  return {
    ok: false,
    missing: [],
    extra: [],
    problem: `the translation is ${restored.text.length} characters long, over the cap of ${cap} (max(maxLength, 10 × the source text))`,
    kind: 'length',
  }
}

/**
 * The decision table for one Gengo job and the keys it fills:
 * - cancelled, rejected or deleted: forget the job, warn (nothing written);
 * - translated (approved, or reviewable with `acceptReviewable`), but broken
 *   (a lost or invented placeholder or note, or over the length cap): not written, recorded invalid,
 *   and a reviewable job is sent back for revision once per broken text;
 * - translated and valid: written, unless a person changed the value after the order (theirs wins);
 * - anything else: still pending (the lock keeps the job id, order, time and review record).
 */
export function decideJob(
  config: ResolvedL10nConfig,
  job: GengoJob,
  req: JobRequest,
  units: readonly Unit[],
  view: RunView,
  orderId?: string,
): Outcome {
  const out = emptyOutcome()
  const g = config.gengo
  if (job.status === 'canceled' || job.status === 'rejected' || job.status === 'deleted') {
    // Lazy loading would hand the same job back forever: the key is ordered again with `force`
    // (a new job, charged, through the quote and the budget).
    const why = `Gengo job ${job.jobId} was ${job.status === 'canceled' ? 'cancelled' : job.status}`
    for (const u of units) orphan(out, u, why)
    out.warnings.push(`${why} (${keyList(units)}); nothing was written, and it is ordered again as a new job (force).`)
    return out
  }
  const done = job.status === 'approved' || (job.status === 'reviewable' && g.acceptReviewable)
  const translated = job.status === 'approved' || job.status === 'reviewable'
  const restored = translated ? checkTranslation(config, job, req, units) : undefined
  if (restored && !restored.ok && job.bodyTgt !== undefined) {
    const bad = shortHash(job.bodyTgt)
    const already = units.some((u) => u.entry?.bad === bad) || view.revised.has(job.jobId)
    const revise = job.status === 'reviewable' && !already
    if (job.status === 'approved') {
      // Approved (by a person, by autoApprove, or after 120 h): Gengo takes no revision any more.
      const why = `Gengo job ${job.jobId} was approved with a broken translation (${restored.problem})`
      if (view.repair) {
        for (const u of units) orphan(out, u, why)
        out.warnings.push(`${why}; --repair orders it again as a new job (force).`)
        return out
      }
      out.warnings.push(`${why}; an approved job cannot be revised. Run sync --repair to order it again.`)
    }
    if (revise)
      out.revise = {
        jobId: job.jobId,
        comment: reviseComment(restored, req),
      }
    for (const u of units) {
      out.lock.push({
        ...ref(u),
        entry: { h: u.hash, s: 'invalid', job: job.jobId, v: u.entry?.v ?? valueHash(u.value), t: u.entry?.t, bad },
      })
      out.invalid.push({ ...ref(u), jobId: job.jobId, problem: restored.problem, revised: revise })
    }
    return out
  }
  if (restored?.ok && done) {
    for (const u of units) {
      const expected = u.entry?.v
      if (expected !== undefined && valueHash(view.current(u)) !== expected) {
        // A person changed the value after we ordered: theirs wins.
        out.lock.push({ ...ref(u), entry: undefined })
        out.events.push({ type: 'kept', ...ref(u), reason: 'edited by a person while its translation was pending' })
        continue
      }
      // Each key with its own source's edge whitespace (keys sharing a job can differ there).
      out.writes.push({ ...ref(u), value: withEdges(u.text, restored.text) })
      out.lock.push({ ...ref(u), entry: undefined })
    }
    return out
  }
  for (const u of units) {
    const prev = u.entry
    const entry: LockEntry = {
      h: u.hash,
      s: prev?.s === 'interim' || prev?.s === 'invalid' ? prev.s : 'pending',
      job: job.jobId,
      v: prev?.v ?? valueHash(u.value),
      t: prev?.t ?? view.nowSec,
    }
    if (orderId ?? prev?.order) entry.order = orderId ?? prev?.order
    if (prev?.bad) entry.bad = prev.bad
    if (prev?.r) entry.r = prev.r // a review (approve/revise) in flight outlives the poll
    out.lock.push({ ...ref(u), entry })
    out.pending.push({ ...ref(u), jobId: job.jobId, eta: job.eta, status: job.status })
  }
  return out
}

/** What the translator is asked to fix, by what is wrong. */
function reviseComment(restored: Restored & { ok: false }, req: JobRequest): string {
  const keep = req.placeholders.length ? ` Expected: ${req.placeholders.join(' ')}` : ''
  if (restored.kind === 'empty') return `Please translate the text: ${restored.problem}.`
  if (restored.kind === 'markup')
    return `Please remove the markup the source does not have (${restored.extra.join(' ')}) and keep every [[[…]]] segment exactly as in the source: ${restored.problem}.${keep}`
  if (restored.kind === 'length') return `Please translate the text only: ${restored.problem}.`
  if (restored.kind === 'limit' && restored.limit)
    return `Please shorten the translation to at most ${restored.limit.max} characters (it has ${restored.limit.length}, counting each [[[…]]] segment as what is inside its brackets); the space in the app is limited.`
  return `Please keep every [[[…]]] segment exactly as in the source: ${restored.problem}.${keep}`
}

/** Right after a POST is answered: every key of the batch pending under the order (the intent is dropped in the same write). */
export function pendingUnderOrder(batch: readonly JobRequest[], orderId: string | undefined, nowSec: number): LockUpdate[] {
  return batch.flatMap((job) =>
    job.units.map((u) => ({ ...ref(u), entry: { h: u.hash, s: 'pending' as const, order: orderId, v: valueHash(u.value), t: nowSec } })),
  )
}

/**
 * What Gengo's answer to a POST means per job, tolerantly: a lazy-loaded job (ordered before) is
 * decided like a fetched one; a new one stays queued under the order; entries that match no
 * submitted job are reported, never guessed at.
 */
export function decidePosted(config: ResolvedL10nConfig, batch: readonly JobRequest[], res: GengoPostJobsResult, view: RunView): Outcome[] {
  const outcomes: Outcome[] = []
  const queued = emptyOutcome()
  for (const job of batch) {
    let posted = res.jobs[job.id]
    if (posted?.kind === 'duplicate') posted = res.jobs[posted.of] ?? { kind: 'new' }
    const found = posted?.kind === 'existing' ? bestJob(posted.jobs) : undefined
    if (found) {
      try {
        outcomes.push({ ...decideJob(config, found, job, job.units, view, res.orderId), reused: 1 })
      } catch (error) {
        queued.reused++
        queued.warnings.push(
          `Could not apply Gengo's job for ${job.id} yet (${(error as Error).message}); it stays pending under order ${res.orderId}.`,
        )
      }
      continue
    }
    for (const u of job.units) queued.pending.push({ ...ref(u), status: 'queued' })
  }
  if (res.unmatched.length > 0)
    queued.warnings.push(
      `Gengo's answer to order ${res.orderId ?? '(no id)'} held ${res.unmatched.length} job entr${res.unmatched.length === 1 ? 'y' : 'ies'} that match no submitted job: ${JSON.stringify(res.unmatched).slice(0, 200)}. Its keys stay pending under the order.`,
    )
  outcomes.push(queued)
  return outcomes
}

/** A key whose Gengo job is gone: forget the entry and order it again (a copy; the plan is not touched). */
/** The keys as a report names them (`ja common:hello`), shortened past a few. */
export function keyList(units: readonly Unit[]): string {
  return shortList(units.map((u) => `${u.lng} ${u.ns}:${u.key}`))
}

/** A key to order again in this run (`force`: why lazy loading must be bypassed). */
export function orphan(out: Outcome, u: Unit, force?: string): void {
  out.lock.push({ ...ref(u), entry: undefined })
  out.orphans.push({ ...u, entry: undefined, state: u.value === undefined ? 'missing' : 'stale', ...(force !== undefined && { force }) })
}
