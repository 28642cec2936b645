import type { GengoClient, GengoJob } from '@l10n-sync/gengo'
import type { ResolvedL10nConfig } from './config.ts'
import { shortList } from './errors.ts'
import type { SyncEventHandler } from './events.ts'
import { shortHash } from './hash.ts'
import { buildJobs, type JobRequest } from './jobs.ts'
import { type Lock, type LockEntry, setEntry, writeLock } from './lock.ts'
import { type Restored, restore } from './placeholders.ts'
import type { Unit } from './plan.ts'
import type { Resources } from './resources.ts'

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

/** The mutable state of one sync run: what to write, the working lock, and what happened. */
export interface Session {
  config: ResolvedL10nConfig
  client: GengoClient
  resources: Resources
  lock: Lock
  emit: SyncEventHandler
  nowSec: () => number
  /** lng → ns → key → value to write. */
  writes: Map<string, Map<string, Map<string, string>>>
  invalid: InvalidTranslation[]
  pending: PendingKey[]
  warnings: string[]
  reused: number
  ordered: { jobs: number; credits: number; currency: string }
  /** Units whose Gengo jobs are gone (a reset sandbox): order them again. */
  orphans: Unit[]
  revised: Set<string>
  /** Jobs held back because an earlier order's outcome is still unknown. */
  unresolved: number
  /** Epoch ms by which the run must end (`--wait` bounds the whole run); undefined: no bound. */
  deadline?: number
  saveLock(): Promise<void>
}

export function createSession(
  config: ResolvedL10nConfig,
  client: GengoClient,
  resources: Resources,
  lock: Lock,
  emit: SyncEventHandler,
  writes: Session['writes'] = new Map(),
): Session {
  let chain: Promise<unknown> = Promise.resolve()
  return {
    config,
    client,
    resources,
    lock,
    emit,
    nowSec: () => Math.floor(Date.now() / 1000),
    writes,
    invalid: [],
    pending: [],
    warnings: [],
    reused: 0,
    ordered: { jobs: 0, credits: 0, currency: 'USD' },
    orphans: [],
    revised: new Set(),
    unresolved: 0,
    saveLock() {
      // Serialised: concurrent POSTs each get their own atomic write, in order.
      const next = chain.then(() => writeLock(config, lock))
      chain = next.catch(() => {})
      return next.then(() => {})
    },
  }
}

export function recordWrite(s: Session, unit: Unit, value: string): void {
  let perLng = s.writes.get(unit.lng)
  if (!perLng) s.writes.set(unit.lng, (perLng = new Map()))
  let perNs = perLng.get(unit.ns)
  if (!perNs) perLng.set(unit.ns, (perNs = new Map()))
  perNs.set(unit.key, value)
}

/** The job a unit was (or would be) ordered as: body, placeholders, hints. Deterministic. */
export function requestFor(s: Session, unit: Unit): JobRequest {
  return buildJobs(s.config, [unit])[0] as JobRequest
}

/** A value hash for the lock's human-edit check; null when there is no value. */
export function valueHash(value: string | undefined): string | null {
  return value === undefined ? null : shortHash(value)
}

const ORDER: Record<string, number> = { approved: 0, reviewable: 1, revising: 2, pending: 3, available: 4, queued: 5, held: 6 }

/** Of several jobs for the same text (lazy loading can return more than one), the most finished. */
export function bestJob(jobs: GengoJob[]): GengoJob | undefined {
  return [...jobs].sort((a, b) => (ORDER[a.status] ?? 9) - (ORDER[b.status] ?? 9) || b.ctime - a.ctime)[0]
}

/** What the value in the file is now: what we last wrote this run, or what was read. */
function currentValue(s: Session, unit: Unit): string | undefined {
  return s.writes.get(unit.lng)?.get(unit.ns)?.get(unit.key) ?? unit.value
}

/**
 * Applies one Gengo job to the units it fills: writes a finished, valid
 * translation (never over a person's edit), records interim machine text,
 * sends a broken one back for revision, or keeps waiting.
 */
export async function settle(s: Session, job: GengoJob, req: JobRequest, units: Unit[], orderId?: string): Promise<void> {
  const g = s.config.gengo
  const done = job.status === 'approved' || (job.status === 'reviewable' && g.acceptReviewable)
  const interim = !done && g.interim === 'machine' && job.mt && job.bodyTgt !== undefined
  if (job.status === 'canceled' || job.status === 'rejected' || job.status === 'deleted') {
    for (const unit of units) setEntry(s.lock, unit.lng, unit.ns, unit.key, undefined)
    s.warnings.push(
      `Gengo job ${job.jobId} for ${shortList(units.map((u) => `${u.lng} ${u.ns}:${u.key}`))} is ${job.status}; it was not written. Re-order it on Gengo or translate it by hand.`,
    )
    return
  }
  const translated = (job.status === 'approved' || job.status === 'reviewable') && job.bodyTgt !== undefined
  let restored: Restored | undefined =
    (translated || interim) && job.bodyTgt !== undefined
      ? restore(job.bodyTgt, req.placeholders, req.hints, s.config.i18next.interpolation)
      : undefined
  if (restored?.ok) {
    // A hostile or broken answer (a megabyte per job) is not written: at most max(maxLength, 10 × the source).
    const cap = Math.max(s.config.maxLength, 10 * Math.max(0, ...units.map((u) => u.text.length)))
    if (restored.text.length > cap) {
      restored = {
        ok: false,
        missing: [],
        extra: [],
        problem: `the translation is ${restored.text.length} characters long, over the cap of ${cap} (max(maxLength, 10 × the source text))`,
      }
    }
  }
  if (restored && job.bodyTgt !== undefined) {
    if (!restored.ok) {
      const bad = shortHash(job.bodyTgt)
      const already = units.some((u) => u.entry?.bad === bad) || s.revised.has(job.jobId)
      let revised = false
      if (job.status === 'reviewable' && !already) {
        try {
          await s.client.updateJob(job.jobId, {
            action: 'revise',
            comment: `Please keep every [[[…]]] segment exactly as in the source: ${restored.problem}. Expected: ${req.placeholders.join(' ')}`,
          })
          s.revised.add(job.jobId)
          revised = true
        } catch (error) {
          // Optional: the translation is still not written and is reported; the next sync asks again.
          s.warnings.push(
            `Could not send Gengo job ${job.jobId} back for revision (${(error as Error).message.replace(/^\[l10n\] /, '')}); it stays invalid and the next sync asks again.`,
          )
        }
      }
      for (const unit of units) {
        setEntry(s.lock, unit.lng, unit.ns, unit.key, {
          h: unit.hash,
          s: 'invalid',
          job: job.jobId,
          v: unit.entry?.v ?? valueHash(unit.value),
          t: unit.entry?.t,
          bad,
        })
        s.invalid.push({ lng: unit.lng, ns: unit.ns, key: unit.key, jobId: job.jobId, problem: restored.problem, revised })
        s.emit({ type: 'invalid', lng: unit.lng, ns: unit.ns, key: unit.key, jobId: job.jobId, problem: restored.problem, revised })
      }
      return
    }
  }
  if (restored?.ok && (done || interim)) {
    for (const unit of units) {
      const now = currentValue(s, unit)
      const expected = unit.entry?.v
      if (expected !== undefined && valueHash(now) !== expected) {
        // A person changed the value after we ordered: theirs wins.
        setEntry(s.lock, unit.lng, unit.ns, unit.key, undefined)
        s.emit({ type: 'kept', lng: unit.lng, ns: unit.ns, key: unit.key, reason: 'edited by a person while its translation was pending' })
        continue
      }
      recordWrite(s, unit, restored.text)
      if (done) setEntry(s.lock, unit.lng, unit.ns, unit.key, undefined)
      else
        setEntry(s.lock, unit.lng, unit.ns, unit.key, {
          h: unit.hash,
          s: 'interim',
          job: job.jobId,
          v: valueHash(restored.text),
          t: unit.entry?.t,
        })
      if (!done) s.pending.push({ lng: unit.lng, ns: unit.ns, key: unit.key, jobId: job.jobId, eta: job.eta, status: 'interim' })
    }
    return
  }
  for (const unit of units) {
    const prev = unit.entry
    const entry: LockEntry = {
      h: unit.hash,
      s: prev?.s === 'interim' || prev?.s === 'invalid' ? prev.s : 'pending',
      job: job.jobId,
      v: prev?.v ?? valueHash(unit.value),
      t: prev?.t ?? s.nowSec(),
    }
    if (orderId ?? prev?.order) entry.order = orderId ?? prev?.order
    if (prev?.bad) entry.bad = prev.bad
    if (prev?.r) entry.r = prev.r // a review (approve/revise) in flight outlives the poll
    setEntry(s.lock, unit.lng, unit.ns, unit.key, entry)
    s.pending.push({ lng: unit.lng, ns: unit.ns, key: unit.key, jobId: job.jobId, eta: job.eta, status: job.status })
  }
}
