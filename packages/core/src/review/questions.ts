import type { ResolvedL10nConfig } from '../config/config.ts'
import type { GengoConnection } from '../gengo/connection.ts'
import type { PendingKey } from '../gengo/decide.ts'
import type { SyncEventHandler } from '../gengo/events.ts'
import type { FileSystem } from '../io.ts'
import { acquireProjectLock } from '../lock/project-lock.ts'

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
