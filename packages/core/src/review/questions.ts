import type { ResolvedL10nConfig } from '../config/config.ts'
import type { GengoConnection } from '../gengo/connection.ts'
import type { PendingKey } from '../gengo/decide.ts'
import type { SyncEventHandler } from '../gengo/events.ts'
import type { FileSystem } from '../io.ts'
import { readLock } from '../lock/lock.ts'
import { acquireProjectLock } from '../lock/project-lock.ts'
import { runScope } from '../plan/scope.ts'
import { type CommentsOptions, type QuestionThread, threadsOf, withGengo } from './comments.ts'

/** What the CLI's `--json` and the dev page show of a thread: texts, statuses and authors, nothing of the lock. */
export function publicThread(t: QuestionThread) {
  return {
    lng: t.lng,
    ns: t.ns,
    key: t.key,
    alsoKeys: t.alsoKeys,
    jobId: t.jobId,
    status: t.status,
    source: t.source,
    context: t.context ?? null,
    thread: t.thread.map((c) => ({ author: c.author, body: c.body, ctime: c.ctime })),
  }
}

/** The most job threads a `sync --wait` pass reads for new questions (one request each). */
export const WAIT_MAX_THREADS = 50

/**
 * For `sync --wait`: reads the threads of the jobs still pending and emits a `question` event for
 * each translator message not seen before (`seen` carries over between passes, so each is told
 * once). Best effort: another run holding the project, or a failed read, skips this pass.
 */
export async function watchQuestions(
  config: ResolvedL10nConfig,
  conn: GengoConnection,
  pending: readonly PendingKey[],
  seen: Set<string>,
  emit: SyncEventHandler,
  fs?: FileSystem,
): Promise<void> {
  const byJob = new Map<string, PendingKey>()
  for (const p of pending) if (p.jobId && !byJob.has(p.jobId)) byJob.set(p.jobId, p)
  if (byJob.size === 0) return
  let held: { release(): Promise<void> } | undefined
  try {
    held = await acquireProjectLock(config, 0, fs)
    for (const [jobId, p] of [...byJob].slice(0, WAIT_MAX_THREADS)) {
      const thread = await conn.client.getComments(jobId)
      thread.forEach((c, i) => {
        const id = `${jobId}:${c.ctime}:${c.body}`
        if (c.author === 'customer' || seen.has(id)) return
        seen.add(id)
        // Only the unanswered ones: a message the customer has answered since is no news.
        if (!thread.slice(i + 1).some((x) => x.author === 'customer'))
          emit({ type: 'question', lng: p.lng, ns: p.ns, key: p.key, jobId, author: c.author, body: c.body })
      })
    }
  } catch {
    // Busy or unreadable: the next pass tries again.
  } finally {
    await held?.release()
  }
}

/** The most job threads `l10n status` reads (one request each). */
export const STATUS_MAX_THREADS = 20

export interface QuestionCount {
  /** Open questions per target language in scope; undefined when Gengo could not be asked. */
  open?: Record<string, number>
  /** Why Gengo could not be asked (no keys, offline, another run holds the project). */
  unknown?: string
  requests: number
}

/**
 * For `l10n status`: the open questions per language, read only (nothing is sent, not even a
 * reply a crash left unsent). Gengo is asked only when the lock holds a job still open (run-api.ts first looks at the
 * lock's text, and loads this only when it names one); any failure
 * is reported, never thrown, so a status without keys or network still answers.
 */
export async function countOpenQuestions(config: ResolvedL10nConfig, options: CommentsOptions = {}): Promise<QuestionCount> {
  const langs = runScope(config, { langs: options.langs }).langs
  const zero = Object.fromEntries(langs.map((l) => [l, 0]))
  const read = await readLock(config, options.fs)
  const jobs = new Set<string>()
  for (const l of langs)
    for (const keys of Object.values(read.lock.targets[l] ?? {}))
      for (const e of Object.values(keys)) if (e.job !== undefined || e.order !== undefined) jobs.add(e.job ?? `order ${e.order}`)
  if (jobs.size === 0) return { open: zero, requests: 0 }
  // One request per thread: past this many a status would spend minutes of Gengo's rate limit.
  if (jobs.size > STATUS_MAX_THREADS)
    return {
      unknown: `${jobs.size} jobs are open, more than status reads (${STATUS_MAX_THREADS}); \`l10n comments\` reads their threads`,
      requests: 0,
    }
  try {
    return await withGengo(config, { ...options, lockWaitMs: options.lockWaitMs ?? 2000 }, async (conn, loaded) => {
      const threads = (await threadsOf(conn, loaded.items, options.namespaces)).filter((t) => t.open)
      const open = { ...zero }
      for (const t of threads) open[t.lng] = (open[t.lng] ?? 0) + 1
      return { open, requests: conn.requests() }
    })
  } catch (error) {
    return { unknown: (error as Error).message.replace(/^\[l10n\] /, ''), requests: 0 }
  }
}
