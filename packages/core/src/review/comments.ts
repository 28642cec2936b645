import { checkCommentBody, type GengoComment, MAX_COMMENT_CHARS } from '@l10n-sync/gengo'
import type { ResolvedL10nConfig } from '../config/config.ts'
import { L10nError } from '../errors.ts'
import { connectGengo, type GengoConnection } from '../gengo/connection.ts'
import { nodeFileSystem, systemClock } from '../io.ts'
import { getEntry, type Lock, type ReplyRecord, setEntry, writeLock } from '../lock/lock.ts'
import { acquireProjectLock } from '../lock/project-lock.ts'
import { runScope } from '../plan/scope.ts'
import type { ReviewItem } from './review.ts'
import { type Loaded, loadReview, type ReviewOptions } from './review-run.ts'

/** One job's thread with the key (or keys: keys that share a text share a job) it is about. */
export interface QuestionThread {
  lng: string
  ns: string
  key: string
  /** Other keys of the same language ordered as this one job (the same text). */
  alsoKeys: string[]
  jobId: string
  /** Gengo's status of the job. */
  status: string
  /** The source string, as in the source file. */
  source: string
  /** The context the job was ordered with (its comment). */
  context?: string
  /** The thread, oldest first. */
  thread: GengoComment[]
  /** The last message is not the customer's: a translator is waiting for an answer. */
  open: boolean
}

export interface CommentsOptions extends ReviewOptions {
  /** Only these namespaces. @default all */
  namespaces?: readonly string[]
  /** Send the replies a crash left recorded first (false: read only, as the dev page's listing). @default true */
  resend?: boolean
  /** Threads already read (job id → thread and when), kept by a caller that lists again and again (the dev page). @default none */
  cache?: ThreadCache
  /** Read at most this many threads (one request each; Gengo allows 150 a minute), the least recently read first; the rest come from `cache`. @default all */
  maxReads?: number
}

/** Job id → its thread as last read, and the order in which threads were read. */
export type ThreadCache = Map<string, { thread: GengoComment[]; read: number }>

export interface CommentsReport {
  /** Every thread with an unanswered translator message, in source order. */
  threads: QuestionThread[]
  /** Open questions per target language (every target in scope, 0 included). */
  open: Record<string, number>
  /** The reply sent by this run, if any. */
  replied?: { lng: string; ns: string; key: string; jobId: string }
  /** Replies a crash had left unsent, sent (or found already in their thread) by this run. */
  resent: number
  requests: number
  warnings: string[]
}

export interface ReplyOptions extends CommentsOptions {
  /** `ns:key`, or `key` in any namespace. */
  key: string
  /** The target language of the job to answer. */
  lang: string
  /** The answer (at most 25,000 characters). */
  text: string
}

/** Jobs that no longer take work: a reply there reaches nobody. */
const CLOSED = new Set(['approved', 'canceled', 'cancelled', 'rejected', 'deleted'])

/** Pure: a thread waits for the customer when its last message is not the customer's. */
export function isOpenThread(thread: readonly GengoComment[]): boolean {
  const last = thread.at(-1)
  return last !== undefined && last.author !== 'customer'
}

/** Validates a reply up front, naming the key: Gengo refuses an empty one and one over 25,000 characters. */
export function checkReply(text: unknown, key: string): string {
  const body = typeof text === 'string' ? text.trim() : ''
  try {
    return checkCommentBody(body)
  } catch {
    const chars = [...body].length
    throw new L10nError(
      'L10N_REVIEW',
      body === ''
        ? `The reply to ${key} is empty: write the answer with --text "…". Nothing was sent.`
        : `The reply to ${key} has ${chars.toLocaleString('en')} characters; Gengo takes at most ${MAX_COMMENT_CHARS.toLocaleString('en')}. Shorten it (or split it in two replies). Nothing was sent.`,
      { key, option: 'text' },
    )
  }
}

/** Under the project lock (the in-process emulator's state file, the lock's write-ahead replies): list, send what is unsent, or reply. */
export async function withGengo<T>(
  config: ResolvedL10nConfig,
  options: CommentsOptions,
  run: (conn: GengoConnection, loaded: Loaded) => Promise<T>,
): Promise<T> {
  const langs = runScope(config, { langs: options.langs }).langs
  const { release } = await acquireProjectLock(config, options.lockWaitMs, options.fs)
  try {
    const conn = await connectGengo(config, options)
    try {
      return await run(conn, await loadReview(config, conn, langs, options.fs))
    } finally {
      await conn.close()
    }
  } finally {
    await release()
  }
}

/** Replies recorded in the lock and not yet known to Gengo: each is looked for in its thread first, so none is sent twice. */
async function sendRecorded(config: ResolvedL10nConfig, conn: GengoConnection, loaded: Loaded, options: CommentsOptions): Promise<number> {
  const pending = loaded.units.filter((u) => u.entry?.q)
  let n = 0
  for (const unit of pending) {
    const q = unit.entry?.q as ReplyRecord
    const thread = await conn.client.getComments(q.job)
    if (!thread.some((c) => c.author === 'customer' && c.body.trim() === q.c.trim())) await conn.client.postComment(q.job, q.c)
    if (unit.entry) delete unit.entry.q
    await writeLock(config, loaded.lock, undefined, options.fs ?? nodeFileSystem)
    n++
  }
  return n
}

let reads = 0

export async function threadsOf(
  conn: GengoConnection,
  items: readonly ReviewItem[],
  namespaces?: readonly string[],
  o: Pick<CommentsOptions, 'cache' | 'maxReads'> = {},
): Promise<QuestionThread[]> {
  const byJob = new Map<string, QuestionThread>()
  for (const item of items) {
    if (namespaces && !namespaces.includes(item.ns)) continue
    const known = byJob.get(item.jobId)
    if (known) {
      known.alsoKeys.push(`${item.ns}:${item.key}`)
      continue
    }
    const t: QuestionThread = {
      lng: item.lng,
      ns: item.ns,
      key: item.key,
      alsoKeys: [],
      jobId: item.jobId,
      status: item.status,
      source: item.source,
      thread: [],
      open: false,
    }
    if (item.context) t.context = item.context
    byJob.set(item.jobId, t)
  }
  const stalest = [...byJob.values()].sort((a, b) => (o.cache?.get(a.jobId)?.read ?? -1) - (o.cache?.get(b.jobId)?.read ?? -1))
  const toRead = new Set(stalest.slice(0, o.maxReads ?? stalest.length).map((t) => t.jobId))
  for (const t of byJob.values()) {
    if (toRead.has(t.jobId)) {
      t.thread = await conn.client.getComments(t.jobId)
      o.cache?.set(t.jobId, { thread: t.thread, read: ++reads })
    } else t.thread = o.cache?.get(t.jobId)?.thread ?? []
    t.open = isOpenThread(t.thread) && !CLOSED.has(t.status)
  }
  return [...byJob.values()]
}

function report(config: ResolvedL10nConfig, options: CommentsOptions, all: QuestionThread[], conn: GengoConnection): CommentsReport {
  const threads = all.filter((t) => t.open)
  const open: Record<string, number> = {}
  for (const lng of options.langs ?? config.targets) open[lng] = threads.filter((t) => t.lng === lng).length
  return { threads, open, resent: 0, requests: conn.requests(), warnings: [] }
}

/** Every thread in which a translator waits for an answer (reads Gengo; sends only replies a crash left unsent). */
export async function listComments(config: ResolvedL10nConfig, options: CommentsOptions = {}): Promise<CommentsReport> {
  return withGengo(config, options, async (conn, loaded) => {
    const resent = options.resend === false ? 0 : await sendRecorded(config, conn, loaded, options)
    const out = report(config, options, await threadsOf(conn, loaded.items, options.namespaces, options), conn)
    return { ...out, resent, requests: conn.requests(), warnings: loaded.warnings }
  })
}

/**
 * Answers the translator of KEY's job in LANG: checked up front (text, key, job state), recorded in
 * the lock before Gengo hears of it, removed from the lock once sent. A crash in between is repaired
 * by the next `l10n comments`, which first looks for the reply in the thread.
 */
export async function replyComment(config: ResolvedL10nConfig, options: ReplyOptions): Promise<CommentsReport> {
  const key = options.key.trim()
  const text = checkReply(options.text, key || '(no key)')
  if (!key) throw new L10nError('L10N_REVIEW', 'A reply names the key it answers (`--reply ns:key`).', { option: 'reply' })
  const lng = runScope(config, { langs: [options.lang] }).langs[0] as string
  return withGengo(config, { ...options, langs: [lng] }, async (conn, loaded) => {
    const resent = await sendRecorded(config, conn, loaded, options)
    const hits = loaded.items.filter((i) => i.lng === lng && (`${i.ns}:${i.key}` === key || i.key === key))
    if (hits.length === 0) throw notOpen(config, loaded, key, lng)
    if (new Set(hits.map((h) => h.jobId)).size > 1)
      throw new L10nError(
        'L10N_REVIEW',
        `${JSON.stringify(key)} names keys in several namespaces (${hits.map((h) => `${h.ns}:${h.key}`).join(', ')}); reply to one as ns:key.`,
        { key },
      )
    const item = hits[0] as ReviewItem
    const name = `${item.ns}:${item.key} (${lng})`
    if (CLOSED.has(item.status))
      throw new L10nError(
        'L10N_REVIEW',
        `The job of ${name} is ${item.status}: its translator no longer works on it, so the reply was not sent.`,
        { key },
      )
    const unit = loaded.units.find((u) => u.lng === lng && u.ns === item.ns && u.key === item.key)
    if (!unit?.entry) throw notOpen(config, loaded, key, lng)
    // 1. Write ahead, 2. send, 3. forget.
    const clock = options.clock ?? systemClock
    const fs = options.fs ?? nodeFileSystem
    const entry = { ...unit.entry, job: item.jobId, q: { job: item.jobId, c: text, t: Math.floor(clock.now() / 1000) } }
    setEntry(loaded.lock, lng, item.ns, item.key, entry)
    unit.entry = entry
    await writeLock(config, loaded.lock, loaded.text, fs)
    try {
      await conn.client.postComment(item.jobId, text)
    } catch (error) {
      const code = (error as { gengoCode?: number }).gengoCode
      if (code === 2100 || code === 2050) {
        forget(loaded.lock, lng, item.ns, item.key)
        await writeLock(config, loaded.lock, undefined, fs)
        throw new L10nError(
          'L10N_REVIEW',
          `Gengo refused the reply to ${name}: job ${item.jobId} is not one of this account's (${code}). Check the Gengo keys; nothing was sent.`,
          { key, cause: error },
        )
      }
      throw error // recorded: the next `l10n comments` sends it, or finds it already in the thread
    }
    forget(loaded.lock, lng, item.ns, item.key)
    await writeLock(config, loaded.lock, undefined, fs)
    // Only the answered job's thread (one request), as it stands after the reply.
    const out = report(config, { ...options, langs: [lng] }, await threadsOf(conn, [item]), conn)
    return { ...out, replied: { lng, ns: item.ns, key: item.key, jobId: item.jobId }, resent, requests: conn.requests() }
  })
}

function forget(lock: Lock, lng: string, ns: string, key: string): void {
  const entry = getEntry(lock, lng, ns, key)
  if (entry) delete entry.q
}

function notOpen(config: ResolvedL10nConfig, loaded: Loaded, key: string, lng: string): L10nError {
  const [ns, k] = key.includes(':') ? [key.slice(0, key.indexOf(':')), key.slice(key.indexOf(':') + 1)] : [undefined, key]
  const inSource = [...loaded.resources.source].some(([n, file]) => (ns === undefined || n === ns) && file.values.has(k as string))
  return new L10nError(
    'L10N_REVIEW',
    inSource
      ? `${key} has no open Gengo job in ${lng} (it is translated, or was never ordered), so there is no translator to answer. \`l10n comments\` lists the open questions.`
      : `${key} is no longer in the ${config.source} source files, so its question cannot be answered from here; nothing was sent. Answer it in Gengo's dashboard if it still matters.`,
    { key },
  )
}
