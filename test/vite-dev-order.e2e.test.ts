import { request } from 'node:http'
import { setTimeout as sleep } from 'node:timers/promises'
import { l10n, STATUS_ROUTE } from '@l10n-sync/vite'
import { createLogger, createServer, type Logger, type ViteDevServer } from 'vite'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { outsideCi, setEnv } from './utils/env.ts'
import { createProject, type TestProject } from './utils/project.ts'

// Nobody pays for a string still being written: `vite dev` against a Gengo URL (the emulator over HTTP,
// its worst-case reading) orders nothing on its own, whatever is saved; the dev page orders the final
// text after Gengo's quote, and only with that quote's nonce and the page's token.

const TARGETS = ['ja', 'fr', 'de', 'ru', 'ar', 'zh-Hans']
const cleanups: (() => unknown)[] = []
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c()
})
beforeEach(outsideCi)

function capturingLogger(): { logger: Logger; infos: string[]; warnings: string[] } {
  const infos: string[] = []
  const warnings: string[] = []
  const logger = createLogger('info', { allowClearScreen: false })
  logger.info = (msg) => void infos.push(msg)
  logger.warn = (msg) => void warnings.push(msg)
  return { logger, infos, warnings }
}

/** A raw POST, so the test sets Origin and the token itself. */
function post(base: string, path: string, headers: Record<string, string>, body: unknown): Promise<{ status: number; body: any }> {
  return new Promise((resolve, reject) => {
    const req = request(`${base}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers } }, (res) => {
      let text = ''
      res.on('data', (d) => {
        text += d
      })
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text || 'null') }))
    })
    req.on('error', reject)
    req.end(JSON.stringify(body))
  })
}

async function devServer(p: TestProject, order?: 'auto' | 'always') {
  const { logger, infos, warnings } = capturingLogger()
  const server: ViteDevServer = await createServer({
    root: p.dir,
    configFile: false,
    plugins: [l10n(order ? { order } : {})],
    customLogger: logger,
    server: { port: 0, host: '127.0.0.1' },
  })
  cleanups.push(() => server.close())
  await server.listen()
  const address = server.httpServer?.address() as { port: number }
  const base = `http://127.0.0.1:${address.port}`
  const status = async () => (await fetch(`${base}${STATUS_ROUTE}`)).json()
  /** Waits until the runner has finished more than `n` syncs. */
  const syncedPast = async (n: number) => {
    for (const until = Date.now() + 30_000; Date.now() < until; await sleep(50)) {
      const s = await status()
      if (s.syncs > n && !s.running) return s
    }
    throw new Error(`no sync after #${n} within 30 s: ${JSON.stringify(await status())}; log:\n${[...infos, ...warnings].join('\n')}`)
  }
  return { server, base, status, syncedPast, infos, warnings }
}

describe('vite dev against a paid endpoint orders nothing on its own', () => {
  it('saving "W" … "Welcome" 1 s apart orders 0 jobs; the dev page’s quote then order orders exactly the final text’s 6 jobs', async () => {
    const p = await createProject({ 'locales/en/common.json': {} }, { targets: TARGETS }, { worstCase: true })
    cleanups.push(p.cleanup)
    p.write('index.html', '<!doctype html><div id="app"></div>')
    const dev = await devServer(p)
    let seen = (await dev.syncedPast(0)).syncs
    for (const text of ['W', 'We', 'Wel', 'Welc', 'Welcome']) {
      const saved = Date.now()
      p.write('locales/en/common.json', { greeting: text })
      seen = (await dev.syncedPast(seen)).syncs
      await sleep(Math.max(0, 1000 - (Date.now() - saved)))
    }
    expect(seen).toBeGreaterThanOrEqual(6) // the first sync and one per save
    let ledger = await p.ledger()
    expect(ledger.jobs_created).toBe(0)
    expect(ledger.by_route['POST translate/jobs'] ?? 0).toBe(0)
    expect(ledger.credits_charged).toBe(0)
    expect(ledger.requests, 'typing costs no request at all').toBe(0)
    // Said once, not on every save.
    const told = dev.infos.filter((l) => l.includes('[l10n] not ordering: dev server against a paid endpoint'))
    expect(told).toHaveLength(1)
    expect(told[0]).toMatch(/order from \/__l10n-sync\/ \(order: 'always' to order on every save\)/)

    // The dev page: the new strings, then Gengo's quote, then the order with the quote's nonce.
    const html = await (await fetch(`${dev.base}/__l10n-sync/`)).text()
    const token = html.match(/<meta name="l10n-token" content="([0-9a-f]+)">/)?.[1] as string
    expect(token).toMatch(/^[0-9a-f]{48}$/)
    const overview = await (await fetch(`${dev.base}/__l10n-sync/api/overview`)).json()
    expect(overview.newStrings).toEqual({ keys: 6, langs: TARGETS })
    const page = { origin: dev.base, 'x-l10n-token': token }

    // Refusals, before anything is quoted or ordered: no token 403, no fresh quote 409.
    expect(await post(dev.base, '/__l10n-sync/api/order-quote', { origin: dev.base }, {})).toMatchObject({ status: 403 })
    const noToken = await post(dev.base, '/__l10n-sync/api/order', { origin: dev.base }, { nonce: 'x' })
    expect(noToken).toMatchObject({ status: 403, body: { error: '[l10n] refused: missing or wrong page token' } })
    const unseen = await post(dev.base, '/__l10n-sync/api/order', page, { nonce: 'not-a-quote' })
    expect(unseen.status).toBe(409)
    expect(unseen.body.error).toMatch(/order refused: ask for its quote first \(Quote order\)/)
    expect((await p.ledger()).by_route['POST translate/jobs'] ?? 0).toBe(0)

    const quoted = await post(dev.base, '/__l10n-sync/api/order-quote', page, {})
    expect(quoted.status).toBe(200)
    expect(quoted.body).toMatchObject({ jobs: 6, units: 6, currency: 'USD', overBudget: false })
    expect(quoted.body.credits).toBeGreaterThan(0)
    const done = await post(dev.base, '/__l10n-sync/api/order', page, { nonce: quoted.body.nonce })
    expect(done.status, JSON.stringify(done.body)).toBe(200)
    expect(done.body.ordered).toMatchObject({ jobs: 6 })
    ledger = await p.ledger()
    expect(ledger.jobs_created).toBe(6)
    expect(ledger.by_route['POST translate/jobs']).toBe(TARGETS.length) // one order per language pair
    const jobs = (await p.admin('GET', 'jobs')).jobs as { bodySrc: string; lcTgt: string }[]
    expect(jobs).toHaveLength(6)
    expect(new Set(jobs.map((j) => j.lcTgt)).size).toBe(6)
    for (const j of jobs) expect(j.bodySrc).toContain('Welcome')
    // A nonce is good once.
    const again = await post(dev.base, '/__l10n-sync/api/order', page, { nonce: quoted.body.nonce })
    expect(again.status).toBe(409)
    expect((await p.ledger()).jobs_created).toBe(6)
  })

  it('a quote is for the strings it showed: typing on after it asks for a new one', async () => {
    const p = await createProject({ 'locales/en/common.json': { greeting: 'Welc' } }, { targets: ['ja'] }, { worstCase: true })
    cleanups.push(p.cleanup)
    p.write('index.html', '<!doctype html><div id="app"></div>')
    const dev = await devServer(p)
    const seen = (await dev.syncedPast(0)).syncs
    const html = await (await fetch(`${dev.base}/__l10n-sync/`)).text()
    const page = { origin: dev.base, 'x-l10n-token': html.match(/content="([0-9a-f]{48})"/)?.[1] as string }
    const quoted = await post(dev.base, '/__l10n-sync/api/order-quote', page, {})
    expect(quoted.body).toMatchObject({ jobs: 1 })
    p.write('locales/en/common.json', { greeting: 'Welcome' })
    await dev.syncedPast(seen)
    const stale = await post(dev.base, '/__l10n-sync/api/order', page, { nonce: quoted.body.nonce })
    expect(stale.status).toBe(409)
    expect(stale.body.error).toMatch(/the new strings changed since the quote; ask for a new quote/)
    expect((await p.ledger()).jobs_created).toBe(0)
  })

  it("order: 'always' orders on every save, as the emulator endpoint does by default", async () => {
    const p = await createProject({ 'locales/en/common.json': {} }, { targets: ['ja'] }, { worstCase: true })
    cleanups.push(p.cleanup)
    p.write('index.html', '<!doctype html><div id="app"></div>')
    const dev = await devServer(p, 'always')
    let seen = (await dev.syncedPast(0)).syncs
    for (const text of ['W', 'We']) {
      p.write('locales/en/common.json', { greeting: text })
      seen = (await dev.syncedPast(seen)).syncs
    }
    expect((await p.ledger()).jobs_created).toBe(2)
    expect(dev.infos.join('\n')).not.toMatch(/not ordering/)
  })

  it('L10N_ORDER=0 (order: never) orders nothing, and the dev page does not order either', async () => {
    const p = await createProject({ 'locales/en/common.json': { greeting: 'Welcome' } }, { targets: ['ja'] }, { worstCase: true })
    cleanups.push(p.cleanup)
    cleanups.push(setEnv({ L10N_ORDER: '0' }))
    p.write('index.html', '<!doctype html><div id="app"></div>')
    const dev = await devServer(p, 'always')
    await dev.syncedPast(0)
    expect(dev.infos.join('\n')).toMatch(/not ordering: order: 'never' \(or L10N_ORDER=0\)/)
    const overview = await (await fetch(`${dev.base}/__l10n-sync/api/overview`)).json()
    expect(overview.newStrings).toEqual({ keys: 1, langs: ['ja'], refused: "order: 'never' (or L10N_ORDER=0)" })
    const html = await (await fetch(`${dev.base}/__l10n-sync/`)).text()
    const page = { origin: dev.base, 'x-l10n-token': html.match(/content="([0-9a-f]{48})"/)?.[1] as string }
    const quoted = await post(dev.base, '/__l10n-sync/api/order-quote', page, {})
    expect(quoted).toMatchObject({ status: 409, body: { error: "[l10n] order refused: order: 'never' (or L10N_ORDER=0)" } })
    const ledger = await p.ledger()
    expect(ledger.jobs_created).toBe(0)
    expect(ledger.by_route['POST translate/service/quote'] ?? 0).toBe(0)
  })
})
