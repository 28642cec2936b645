import { relative } from 'node:path'
import type { GengoJob } from '@l10n-sync/gengo'
import type { ResolvedL10nConfig } from '../config/config.ts'
import { L10nError } from '../errors.ts'
import { type Resources, readResources } from '../files/resources.ts'
import { writeIfChanged } from '../files/write.ts'
import { connectGengo, type GengoConnection } from '../gengo/connection.ts'
import type { SyncEventHandler } from '../gengo/events.ts'
import { createExecutor } from '../gengo/executor.ts'
import { fetchPending } from '../gengo/fetch.ts'
import { type CoreIO, type FileSystem, nodeFileSystem, systemClock } from '../io.ts'
import { jobHash } from '../lock/intents.ts'
import { type Lock, readLock, setEntry, writeLock } from '../lock/lock.ts'
import { acquireProjectLock } from '../lock/project-lock.ts'
import { renderTargets } from '../plan/apply.ts'
import { buildJobs } from '../plan/jobs.ts'
import { type Plan, plan, type Unit } from '../plan/plan.ts'
import {
  checkComment,
  checkRating,
  type ReviewAction,
  type ReviewItem,
  type ReviewSelection,
  recordFor,
  reviewCandidates,
  reviewItems,
  selectItems,
  unsentRecords,
} from './review.ts'
import { addRevisions, type RevisionCache } from './revisions.ts'

export interface ReviewOptions extends CoreIO {
  /** Only these target languages. @default all targets */
  langs?: readonly string[]
  onEvent?: SyncEventHandler
  /** How long to wait for a sync on the same project. @default 120000 */
  lockWaitMs?: number
  /** Listing: at most this many requests for the revisions (the text before) of the reviewable jobs this project sent back. @default 30 */
  maxRevisionRequests?: number
  /** Listing: read the revisions of every reviewable job, not only those sent back (the dev page, with a cache). @default false */
  allRevisions?: boolean
  /** Listing again and again (the dev page): revisions already read, per job. @default none */
  revisionCache?: RevisionCache
}

export interface ReviewReport {
  /** Every key with a Gengo job still open, reviewable or not (filter with `reviewable()`). */
  items: ReviewItem[]
  /** Items approved in this run (recorded ones sent again included). */
  approved: ReviewItem[]
  /** Items sent back for revision in this run. */
  revised: ReviewItem[]
  /** Files written, relative to the project root. */
  files: string[]
  /** HTTP requests to Gengo. */
  requests: number
  warnings: string[]
}

export interface Loaded {
  resources: Resources
  lock: Lock
  text?: string
  plan: Plan
  units: Unit[]
  items: ReviewItem[]
  jobs: Map<string, GengoJob>
  warnings: string[]
}

/** Reads files and lock, and asks Gengo about every pending key's job: orders (for job ids) and jobs in one batch. */
export async function loadReview(
  config: ResolvedL10nConfig,
  conn: GengoConnection,
  langs: readonly string[],
  fs: FileSystem = nodeFileSystem,
): Promise<Loaded> {
  const resources = await readResources(config, { fs })
  const read = await readLock(config, fs)
  const p = plan(config, resources, read.lock)
  const units = reviewCandidates(p, langs)
  const orderIds = [...new Set(units.filter((u) => !u.entry?.job && u.entry?.order).map((u) => u.entry?.order as string))]
  const byOrder = new Map<string, string[]>()
  for (const id of orderIds) {
    try {
      byOrder.set(id, (await conn.client.getOrder(id)).jobIds)
    } catch {
      // Not visible yet (2750 right after ordering) or gone: the next sync settles it.
    }
  }
  const ids = [...new Set([...units.map((u) => u.entry?.job).filter((j): j is string => !!j), ...[...byOrder.values()].flat()])]
  const jobs = new Map<string, GengoJob>()
  if (ids.length > 0) for (const j of await conn.client.getJobs(ids)) jobs.set(j.jobId, j)
  const jobFor = (u: Unit): GengoJob | undefined => {
    if (u.entry?.job) return jobs.get(u.entry.job)
    const req = buildJobs(config, [u])[0]
    if (!req) return undefined
    const want = jobHash(req.input.bodySrc, req.input.lcTgt)
    return (byOrder.get(u.entry?.order ?? '') ?? []).map((id) => jobs.get(id)).find((j) => j && jobHash(j.bodySrc, j.lcTgt) === want)
  }
  return {
    resources,
    lock: read.lock,
    text: read.text,
    plan: p,
    units,
    items: reviewItems(config, units, jobFor),
    jobs,
    warnings: read.warning ? [read.warning] : [],
  }
}

function emptyReport(): ReviewReport {
  return { items: [], approved: [], revised: [], files: [], requests: 0, warnings: [] }
}

/** Lists every pending key's Gengo job, with its source, context and (restored) translation. Reads only. */
export async function listReview(config: ResolvedL10nConfig, options: ReviewOptions = {}): Promise<ReviewReport> {
  // Under the project lock like a sync: the in-process emulator keeps its state in a file that both save.
  const { release } = await acquireProjectLock(config, options.lockWaitMs, options.fs)
  try {
    const conn = await connectGengo(config, options)
    try {
      const loaded = await loadReview(config, conn, options.langs ?? config.targets, options.fs)
      await addRevisions(config, conn, loaded, {
        maxRequests: options.maxRevisionRequests,
        cache: options.revisionCache,
        all: options.allRevisions,
      })
      return { ...emptyReport(), items: loaded.items, requests: conn.requests(), warnings: loaded.warnings }
    } finally {
      await conn.close()
    }
  } finally {
    await release()
  }
}

export interface ApproveOptions extends ReviewOptions, ReviewSelection {
  /** Gengo's 1-5 rating for the translator. */
  rating?: number
  /** Feedback for the translator. */
  feedback?: string
}

export interface ReviseOptions extends ReviewOptions, ReviewSelection {
  /** What the translator should change (required). */
  comment: string
}

/** Approves the selected reviewable jobs (all of them with no targets), then writes their translations into the locale files. */
export async function approveReview(config: ResolvedL10nConfig, options: ApproveOptions): Promise<ReviewReport> {
  const rating = checkRating(options.rating)
  const feedback = options.feedback?.trim() || undefined
  return act(config, options, { action: 'approve', rating, feedback })
}

/** Sends the selected reviewable jobs back to their translators with a comment. Their keys stay pending. */
export async function reviseReview(config: ResolvedL10nConfig, options: ReviseOptions): Promise<ReviewReport> {
  const comment = checkComment(options.comment)
  if ((options.targets?.filter((t) => t !== '') ?? []).length === 0)
    throw new L10nError('L10N_REVIEW', 'A revision names the key or job id to send back (`--revise KEY`).', { option: 'revise' })
  return act(config, options, { action: 'revise', comment })
}

/**
 * The executor: under the project lock, records each action in the lock
 * (atomically) before Gengo hears of it, sends it, marks it sent, and writes
 * approved translations through the sync's own settle and render steps. A
 * crash between the record and the PUT is repaired on the next review run.
 */
async function act(config: ResolvedL10nConfig, options: ReviewOptions & ReviewSelection, action: ReviewAction): Promise<ReviewReport> {
  const { release } = await acquireProjectLock(config, options.lockWaitMs, options.fs)
  const conn = await connectGengo(config, options).catch(async (error) => {
    await release()
    throw error
  })
  const report = emptyReport()
  try {
    const langs = options.langs ?? config.targets
    const loaded = await loadReview(config, conn, langs, options.fs)
    report.warnings.push(...loaded.warnings)
    const chosen = selectItems(loaded.items, { targets: options.targets, langs })
    const replay = unsentRecords(loaded.items).filter((i) => !chosen.includes(i))
    const clock = options.clock ?? systemClock
    const fs = options.fs ?? nodeFileSystem
    const nowSec = Math.floor(clock.now() / 1000)
    const todo: { item: ReviewItem; action: ReviewAction }[] = [
      ...chosen.map((item) => ({ item, action })),
      ...replay.map((item) => ({ item, action: actionOf(item) })),
    ]
    if (todo.length === 0) {
      report.items = loaded.items
      return report
    }
    const unitOf = (i: ReviewItem) => loaded.units.find((u) => u.lng === i.lng && u.ns === i.ns && u.key === i.key) as Unit
    // 1. Record every action before any is sent.
    for (const t of todo) {
      const unit = unitOf(t.item)
      const record = t.item.review && !t.item.review.sent && replay.includes(t.item) ? t.item.review : recordFor(t.item, t.action, nowSec)
      setEntry(loaded.lock, unit.lng, unit.ns, unit.key, {
        ...(unit.entry ?? { h: unit.hash, s: 'pending' }),
        job: t.item.jobId,
        r: record,
      })
      unit.entry = loaded.lock.targets[unit.lng]?.[unit.ns]?.[unit.key]
    }
    await writeLock(config, loaded.lock, loaded.text, fs)
    // 2. Send: one PUT per job (keys that share a text share a job).
    const sent = new Set<string>()
    for (const t of todo) {
      if (sent.has(t.item.jobId)) continue
      sent.add(t.item.jobId)
      const a = t.action
      await conn.client.updateJob(
        t.item.jobId,
        a.action === 'approve'
          ? {
              action: 'approve',
              ...(a.rating !== undefined && { rating: a.rating as 1 | 2 | 3 | 4 | 5 }),
              ...(a.feedback && { forTranslator: a.feedback }),
            }
          : { action: 'revise', comment: a.comment },
      )
    }
    for (const t of todo) {
      const unit = unitOf(t.item)
      if (unit.entry?.r) unit.entry.r.sent = true
      ;(t.action.action === 'approve' ? report.approved : report.revised).push(t.item)
    }
    await writeLock(config, loaded.lock, undefined, fs)
    // 3. Approved: fetch and write, exactly as a sync settles a finished job (never over a person's edit).
    const approvedUnits = todo.filter((t) => t.action.action === 'approve').map((t) => unitOf(t.item))
    if (approvedUnits.length > 0) {
      const x = createExecutor({ config, client: conn.client, lock: loaded.lock, emit: options.onEvent ?? (() => {}), clock, fs })
      await fetchPending(x, approvedUnits)
      report.warnings.push(...x.result.warnings)
      const changes = renderTargets(config, loaded.resources, { writes: x.writes, deletes: new Map() })
      for (const change of changes) {
        if (change.content === undefined) continue
        if (await writeIfChanged(change.file, change.content, change.before, fs)) report.files.push(relative(config.root, change.file))
      }
      await writeLock(config, loaded.lock, undefined, fs)
    }
    const after = await loadReview(config, conn, langs, options.fs)
    report.items = after.items
    return report
  } finally {
    report.requests = conn.requests()
    await conn.close()
    await release()
  }
}

function actionOf(item: ReviewItem): ReviewAction {
  const r = item.review
  if (r?.a === 'revise') return { action: 'revise', comment: r.c ?? 'Please revise.' }
  return { action: 'approve', rating: r?.rating, feedback: r?.fb }
}
