import { randomBytes, timingSafeEqual } from 'node:crypto'
import type { IncomingMessage, ServerResponse } from 'node:http'
import {
  approveReview,
  isL10nError,
  publicReviewItem,
  type ResolvedL10nConfig,
  type RevisionCache,
  reviewOverview,
  reviseReview,
  status,
} from '@l10n-sync/core'
import type { ViteDevServer } from 'vite'
import { createComments } from './dashboard-comments.ts'
import { createOrder } from './dashboard-order.ts'
import { dashboardPage } from './dashboard-page.ts'
import { createRepair } from './dashboard-repair.ts'
import type { SyncRunner } from './runner.ts'

/** The dev page, its JSON and its actions live under this prefix (beside STATUS_ROUTE). */
export const DASHBOARD_ROUTE = '/__l10n-sync/'
/** HMR event telling open dev pages to refresh (after a sync or an action). */
export const DASHBOARD_EVENT = 'l10n-sync:dashboard'
/** Header that carries the per-server token on every action. */
export const TOKEN_HEADER = 'x-l10n-token'

export interface DashboardDeps {
  config(): ResolvedL10nConfig
  runner(): SyncRunner | undefined
  /** Target files an action wrote (relative to the project): sent to open pages (push.ts). */
  wrote?(files: string[]): Promise<void>
  fetch?: (request: Request) => Promise<Response>
  env: Readonly<Record<string, string | undefined>>
  /** The plugin's `langs`: what the page's order covers. */
  langs?: string[]
  /** Why the page may not order (`order: 'never'`), or undefined. */
  orderRefused(): string | undefined
}

const ORDER_ROUTES = new Set(['api/order-quote', 'api/order'])
const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '::1', '[::1]'])

/** True when the dev server listens on loopback only (Vite's default). */
export function boundToLoopback(host: string | boolean | undefined): boolean {
  if (host === undefined || host === false) return true
  if (host === true) return false
  return LOOPBACK_HOSTS.has(host) || host.startsWith('127.')
}

function isLoopbackAddress(address: string | undefined): boolean {
  return address === '::1' || address?.startsWith('127.') === true || address?.startsWith('::ffff:127.') === true
}

function send(res: ServerResponse, status: number, body: unknown, type = 'application/json; charset=utf-8'): void {
  res.statusCode = status
  res.setHeader('content-type', type)
  res.setHeader('cache-control', 'no-store')
  res.end(typeof body === 'string' ? body : JSON.stringify(body))
}

async function readJson(req: IncomingMessage, limit = 16_384): Promise<Record<string, unknown>> {
  let size = 0
  const chunks: Buffer[] = []
  for await (const chunk of req) {
    size += (chunk as Buffer).length
    if (size > limit) throw new Error('body too large')
    chunks.push(chunk as Buffer)
  }
  const parsed = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}')
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('body must be a JSON object')
  return parsed as Record<string, unknown>
}

/**
 * Why an action request is refused, or undefined when it may go on: it must be
 * a POST with this server's token and an Origin equal to the page's own, sent
 * over loopback to a server bound to loopback.
 */
export function refusal(
  req: Pick<IncomingMessage, 'method' | 'headers'> & { socket?: { remoteAddress?: string } },
  token: string,
  loopbackOnly: boolean,
): string | undefined {
  if (req.method !== 'POST') return 'actions are POST requests'
  if (!loopbackOnly) return 'the dev server is bound beyond localhost: review actions are off (start it without --host)'
  if (!isLoopbackAddress(req.socket?.remoteAddress)) return 'actions come from this machine only'
  const given = req.headers[TOKEN_HEADER]
  const a = Buffer.from(typeof given === 'string' ? given : '')
  const b = Buffer.from(token)
  if (a.length !== b.length || !timingSafeEqual(a, b)) return 'missing or wrong page token'
  const origin = req.headers.origin
  const host = req.headers.host
  if (!origin || !host || (origin !== `http://${host}` && origin !== `https://${host}`)) return 'cross-origin request'
  if (!String(req.headers['content-type'] ?? '').startsWith('application/json')) return 'actions send JSON'
  return undefined
}

/**
 * Serves `/__l10n-sync/` in `vite dev`: coverage, pending jobs, the review
 * queue and its actions, and per-key states for the in-context inspector.
 * Every action is checked by `refusal()` before anything is read or sent.
 */
/** Requests for the reviewable jobs' revisions per change (a job costs 2 or 3, once per delivered text): Gengo allows 150 a minute. */
export const REVISION_REQUESTS_PER_READ = 10

export function installDashboard(server: ViteDevServer, deps: DashboardDeps): { token: string; notify(reason: string): void } {
  const token = randomBytes(24).toString('hex')
  const loopbackOnly = boundToLoopback(server.config.server.host)
  const notify = (reason: string) => {
    const runner = deps.runner()
    server.ws.send({
      type: 'custom',
      event: DASHBOARD_EVENT,
      data: { reason, syncs: runner?.count ?? 0, running: runner?.running ?? false },
    })
  }
  // Tell open pages when a background sync finished (the runner is the plugin's; watch its count).
  let seen = 0
  const watch = setInterval(() => {
    const runner = deps.runner()
    if (runner && runner.count !== seen && !runner.running) {
      seen = runner.count
      notify('sync')
    }
  }, 500)
  watch.unref()
  server.httpServer?.once('close', () => clearInterval(watch))

  // One Gengo read per change (a finished sync or an action), however many tabs ask: Gengo asks for modest polling.
  let actions = 0
  let cached: { key: string; value: ReturnType<typeof reviewOverview> } | undefined
  const revisionCache: RevisionCache = new Map()
  function readOverview(config: ResolvedL10nConfig) {
    const key = `${deps.runner()?.count ?? 0}:${actions}`
    if (cached?.key !== key) {
      const value = reviewOverview(config, {
        fetch: deps.fetch,
        env: deps.env,
        revisionCache,
        maxRevisionRequests: REVISION_REQUESTS_PER_READ,
      })
      cached = { key, value }
      value.catch(() => {
        if (cached?.value === value) cached = undefined
      })
    }
    return cached.value
  }

  const repair = createRepair(deps)
  const comments = createComments(deps, () => `${deps.runner()?.count ?? 0}:${actions}`)
  const order = createOrder({ ...deps, refused: deps.orderRefused, ordered: () => deps.runner()?.request() })

  async function overview() {
    const config = deps.config()
    const o = await readOverview(config)
    const broken = await repair.broken()
    const newStrings = await order.pending()
    const runner = deps.runner()
    return {
      source: o.source,
      targets: o.targets,
      namespaces: o.namespaces,
      coverage: o.coverage,
      items: o.items.map(publicReviewItem),
      broken,
      newStrings,
      committed: o.committed,
      spent: o.spent ?? null,
      currency: o.currency,
      warnings: o.warnings,
      syncs: runner?.count ?? 0,
      running: runner?.running ?? false,
      loopbackOnly,
    }
  }

  /** Per-key states for the inspector: not-done keys from the files and lock (no network), Gengo's status from the last sync. */
  async function keyStates(lng: string) {
    const config = deps.config()
    const report = await status(config, { langs: config.targets.includes(lng) ? [lng] : [] })
    const states: Record<string, string> = {}
    for (const k of report.keys) states[`${k.ns}:${k.key}`] = k.state
    for (const p of deps.runner()?.last?.pending ?? []) if (p.lng === lng && p.status) states[`${p.ns}:${p.key}`] = p.status
    return { lng, source: config.source, states }
  }

  async function action(kind: 'approve' | 'revise', body: Record<string, unknown>) {
    const config = deps.config()
    const lng = String(body.lng ?? '')
    const target = `${String(body.ns ?? '')}:${String(body.key ?? '')}`
    if (!config.targets.includes(lng)) throw Object.assign(new Error(`unknown language ${JSON.stringify(lng)}`), { status: 400 })
    let report: Awaited<ReturnType<typeof approveReview>>
    try {
      report =
        kind === 'approve'
          ? await approveReview(config, {
              fetch: deps.fetch,
              env: deps.env,
              targets: [target],
              langs: [lng],
              rating: body.rating === undefined || body.rating === '' || body.rating === null ? undefined : Number(body.rating),
              feedback: typeof body.feedback === 'string' ? body.feedback : undefined,
            })
          : await reviseReview(config, {
              fetch: deps.fetch,
              env: deps.env,
              targets: [target],
              langs: [lng],
              comment: typeof body.comment === 'string' ? body.comment : '',
            })
    } finally {
      actions++
    }
    await deps.wrote?.(report.files)
    notify(kind)
    return {
      ok: true,
      approved: report.approved.map((i) => `${i.lng} ${i.ns}:${i.key}`),
      revised: report.revised.map((i) => `${i.lng} ${i.ns}:${i.key}`),
      files: report.files,
    }
  }

  server.middlewares.use(async (req, res, next) => {
    const url = new URL(req.url ?? '/', 'http://dev.local')
    if (!url.pathname.startsWith(DASHBOARD_ROUTE)) return next()
    const path = url.pathname.slice(DASHBOARD_ROUTE.length)
    try {
      if (path === '' && req.method === 'GET') {
        const html = dashboardPage({ token, loopbackOnly, host: String(server.config.server.host ?? 'localhost') })
        return send(res, 200, html, 'text/html; charset=utf-8')
      }
      if (path === 'api/overview' && req.method === 'GET') return send(res, 200, await overview())
      if (path === 'api/comments' && req.method === 'GET') return send(res, 200, await comments.threads())
      if (path === 'api/reply') {
        const why = refusal(req, token, loopbackOnly)
        if (why) return send(res, 403, { error: `[l10n] refused: ${why}` })
        const done = await comments.reply(await readJson(req, 128_000))
        actions++
        notify('reply')
        return send(res, 200, done)
      }
      if (path === 'api/keys' && req.method === 'GET') return send(res, 200, await keyStates(url.searchParams.get('lng') ?? ''))
      if (ORDER_ROUTES.has(path)) {
        const why = refusal(req, token, loopbackOnly)
        if (why) return send(res, 403, { error: `[l10n] refused: ${why}` })
        const body = await readJson(req)
        if (path === 'api/order-quote') return send(res, 200, await order.quote())
        const done = await order.order(String(body.nonce ?? ''))
        actions++
        notify('order')
        return send(res, 200, done)
      }
      if (path === 'api/approve' || path === 'api/revise' || path === 'api/repair-quote' || path === 'api/repair') {
        const why = refusal(req, token, loopbackOnly)
        if (why) return send(res, 403, { error: `[l10n] refused: ${why}` })
        const body = await readJson(req)
        if (path === 'api/approve' || path === 'api/revise')
          return send(res, 200, await action(path === 'api/approve' ? 'approve' : 'revise', body))
        const lng = String(body.lng ?? '')
        if (!deps.config().targets.includes(lng)) return send(res, 400, { error: `[l10n] unknown language ${JSON.stringify(lng)}` })
        if (path === 'api/repair-quote') return send(res, 200, await repair.quote(lng))
        const done = await repair.reorder(lng, String(body.nonce ?? ''))
        actions++
        notify('repair')
        return send(res, 200, done)
      }
    } catch (error) {
      const status =
        (error as { status?: number }).status ??
        (isL10nError(error) && error.code === 'L10N_REVIEW' ? (error.option ? 400 : 409) : error instanceof SyntaxError ? 400 : 500)
      return send(res, status, { error: (error as Error).message, code: isL10nError(error) ? error.code : undefined })
    }
    return next()
  })
  return { token, notify }
}
