import { listComments, publicThread, type ResolvedL10nConfig, replyComment, type ThreadCache } from '@l10n-sync/core'

/** Threads read per change (a finished sync or an action), the least recently read first: Gengo allows 150 requests a minute, and the read holds the project. */
export const THREADS_PER_READ = 10

/**
 * The translators' threads beside the review queue: `threads()` reads them (read only, per change
 * however many tabs ask, at most THREADS_PER_READ threads, the rest as last read), `reply(body)` answers one through core's `replyComment`
 * (checked, written ahead to the lock, sent once). The caller checks the request first (`refusal`).
 */
export function createComments(
  deps: {
    config(): ResolvedL10nConfig
    fetch?: (request: Request) => Promise<Response>
    env: Readonly<Record<string, string | undefined>>
  },
  changeKey: () => string,
) {
  let cached: { key: string; value: ReturnType<typeof read> } | undefined
  const known: ThreadCache = new Map()

  async function read() {
    const r = await listComments(deps.config(), {
      fetch: deps.fetch,
      env: deps.env,
      resend: false,
      cache: known,
      maxReads: THREADS_PER_READ,
    })
    return { threads: r.threads.map(publicThread), open: r.open }
  }

  function threads() {
    const key = changeKey()
    if (cached?.key !== key) {
      const value = read()
      cached = { key, value }
      value.catch(() => {
        if (cached?.value === value) cached = undefined
      })
    }
    return cached.value
  }

  async function reply(body: Record<string, unknown>) {
    const config = deps.config()
    const lng = String(body.lng ?? '')
    if (!config.targets.includes(lng)) throw Object.assign(new Error(`[l10n] unknown language ${JSON.stringify(lng)}`), { status: 400 })
    const r = await replyComment(config, {
      fetch: deps.fetch,
      env: deps.env,
      key: `${String(body.ns ?? '')}:${String(body.key ?? '')}`,
      lang: lng,
      text: typeof body.text === 'string' ? body.text : '',
    })
    // Read that thread first next time (never-read threads go first), so the page shows it answered.
    if (r.replied) known.delete(r.replied.jobId)
    cached = undefined
    return { ok: true, replied: r.replied ? `${r.replied.lng} ${r.replied.ns}:${r.replied.key}` : null }
  }

  return { threads, reply }
}
