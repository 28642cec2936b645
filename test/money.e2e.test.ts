import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { loadConfig, quote, status, sync } from '@l10n-sync/core'
import { describe, expect, it } from 'vitest'
import { L10N_BIN } from './utils/cli.ts'
import { createProject, type Ledger, projectPerTest } from './utils/project.ts'

/**
 * Money safety against the emulator in its default and its worst-case mode (a matrix, not a
 * copy): an order whose answer is lost, at any POST, is reconciled through Gengo's job list
 * and never ordered twice. Each scenario ends with exactly the credits and jobs of one clean sync.
 */

const EN = {
  title: 'Welcome, {{name}}!',
  nav: { home: 'Home', settings: 'Settings' },
  items_one: '{{count}} item',
  items_other: '{{count}} items',
  help: 'Read <0>the guide</0> or $t(common:nav.home)',
}
const FILES = { 'locales/en/common.json': EN }
/** Three POSTs for ja (five jobs, two per batch, one at a time), so a fault can hit the first or a later one. */
const CONFIG = { targets: ['ja'], gengo: { batchSize: 2, concurrency: 1, reconcileGrace: 60 } }
const WAIT = { wait: 60, pollIntervalMs: 10 }
const MODES = [
  ['default', {}],
  ['worst-case', { worstCase: true }],
] as const

const newProject = projectPerTest()

async function setup(emu: object, config: object = CONFIG) {
  return newProject(FILES, config, emu)
}

const money = (l: Ledger) => ({ credits_charged: l.credits_charged, jobs_created: l.jobs_created })

/** Prints the figures a closing note quotes, as sync.e2e's `[measure]` lines do. */
function measure(mode: string, scenario: string, figures: Record<string, unknown>): void {
  console.info(`[measure] money ${mode}: ${scenario} ${JSON.stringify(figures)}`)
}

/** The ledger of one clean sync, in a fresh emulator of the same mode. */
async function cleanLedger(emu: object): Promise<ReturnType<typeof money>> {
  const p = await createProject(FILES, CONFIG, emu)
  try {
    const r = await p.sync(WAIT)
    expect(r.complete).toBe(true)
    return money(await p.ledger())
  } finally {
    await p.cleanup()
  }
}

describe.each(MODES)('an order whose answer is lost is never charged twice (emulator %s)', (mode, emu) => {
  const faults = [
    ['drop-after on the first POST', { kind: 'drop-after', route: 'POST translate/jobs' }, {}],
    ['drop-after on a later POST', { kind: 'drop-after', route: 'POST translate/jobs', skip: 1 }, {}],
    [
      'delay-after past the client timeout on the first POST',
      { kind: 'delay-after', route: 'POST translate/jobs', ms: 9000 },
      { timeoutMs: 3000 },
    ],
    [
      'delay-after past the client timeout on a later POST',
      { kind: 'delay-after', route: 'POST translate/jobs', ms: 9000, skip: 2 },
      { timeoutMs: 3000 },
    ],
  ] as const

  it.each(faults)(
    '%s, then a normal sync: the ledger of one clean sync',
    async (name, fault, gengo) => {
      const clean = await cleanLedger(emu)
      const p = await setup(emu, { ...CONFIG, gengo: { ...CONFIG.gengo, ...gengo, retries: 2 } })
      await p.admin('POST', 'faults', { faults: [fault] })
      const first = await p.sync().catch((e) => ({ warnings: [], ...e.report, message: e.message }))
      // The client's timeout is per request: on a starved CI worker another request can miss it too, so a failure says what the run saw.
      const seen = `${first.message ?? ''} ${JSON.stringify(first.warnings)} ${JSON.stringify(await p.ledger())}`
      expect(first.warnings.join('\n'), seen).toMatch(/outcome of POST translate\/jobs is unknown/)
      const second = await p.sync(WAIT)
      expect(second.complete).toBe(true)
      expect(p.readJson('l10n.lock.json').intents).toBeUndefined()
      const ledger = await p.ledger()
      measure(mode, name, { clean, after: money(ledger), posts: ledger.by_route['POST translate/jobs'], reused: second.reused })
      expect(money(ledger)).toEqual(clean)
      expect(p.readJson('locales/ja/common.json').nav.home).toBe('[ja] Hómé')
    },
    60_000,
  )

  it('a SIGKILL right after the POST is sent, then a normal sync: the ledger of one clean sync', async () => {
    const clean = await cleanLedger(emu)
    const p = await setup(emu, { ...CONFIG, gengo: { ...CONFIG.gengo, batchSize: 50 } })
    await p.admin('POST', 'faults', { kind: 'delay-after', route: 'POST translate/jobs', ms: 10_000 })
    const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('./fixtures/run-sync.ts', import.meta.url)), p.dir], {
      stdio: 'ignore',
      cwd: fileURLToPath(new URL('.', import.meta.url)),
    })
    for (let i = 0; i < 400 && (await p.ledger()).jobs_created === 0; i++) await new Promise((r) => setTimeout(r, 25))
    child.kill('SIGKILL')
    await new Promise((r) => child.once('exit', r))
    expect(Object.keys(p.readJson('l10n.lock.json').intents)).toHaveLength(1)
    const rerun = await p.sync(WAIT)
    expect(rerun.complete).toBe(true)
    expect(rerun.ordered.credits).toBe(0)
    const ledger = await p.ledger()
    measure(mode, 'SIGKILL right after the POST', {
      clean,
      after: money(ledger),
      posts: ledger.by_route['POST translate/jobs'],
      reused: rerun.reused,
    })
    expect(money(ledger)).toEqual(clean)
    expect(p.readJson('l10n.lock.json').intents).toBeUndefined()
  }, 60_000)

  it('drop-after on one of two concurrent POSTs: only that batch is reconciled, nothing is ordered twice', async () => {
    const clean = await cleanLedger(emu)
    const p = await setup(emu, { ...CONFIG, gengo: { ...CONFIG.gengo, concurrency: 2 } })
    await p.admin('POST', 'faults', { kind: 'drop-after', route: 'POST translate/jobs', skip: 1 })
    await p.sync().catch((e) => e.report ?? e)
    const second = await p.sync(WAIT)
    expect(second.complete).toBe(true)
    const ledger = await p.ledger()
    measure(mode, 'drop-after on one of two concurrent POSTs', {
      clean,
      after: money(ledger),
      posts: ledger.by_route['POST translate/jobs'],
    })
    expect(money(ledger)).toEqual(clean)
  }, 60_000)

  it('a POST that never reached Gengo is ordered exactly once, after the grace period shows nothing', async () => {
    const clean = await cleanLedger(emu)
    const p = await setup(emu, { ...CONFIG, gengo: { ...CONFIG.gengo, reconcileGrace: 2 } })
    await p.admin('POST', 'faults', { kind: 'drop', route: 'POST translate/jobs' })
    const first = await p.sync().catch((e) => e.report ?? e)
    expect(first.complete).toBe(false)
    const second = await p.sync(WAIT)
    expect(second.complete).toBe(true)
    const ledger = await p.ledger()
    measure(mode, 'a POST that never reached Gengo (drop)', { clean, after: money(ledger), posts: ledger.by_route['POST translate/jobs'] })
    expect(money(ledger)).toEqual(clean)
  }, 60_000)
})

describe('the run is bounded and every request is signed', () => {
  it('an accepted order whose answer matches nothing keeps its order id in the lock; the rest is reported, not lost', async () => {
    const p = await setup({ worstCase: true }, { targets: ['ja'] })
    // Gengo's answer, rewritten on its way back: a job list of lists without keys, with a job
    // whose body_src differs by whitespace and one entry without a job_id.
    const rewrite = async (request: Request) => {
      const response = await fetch(request)
      if (request.method !== 'POST' || !request.url.endsWith('translate/jobs')) return response
      const body = await response.json()
      body.response.jobs = [[{ body_src: '  Home ', lc_tgt: 'ja', status: 'approved' }], [{ job_id: 'ok-1', body_src: 'Nothing we sent' }]]
      return new Response(JSON.stringify(body), { status: 200 })
    }
    const config = await loadConfig({ cwd: p.dir })
    const r = await sync(config, { fetch: rewrite })
    expect(r.warnings.join('\n')).toMatch(/held 2 job entries that match no submitted job/)
    const lock = p.readJson('l10n.lock.json')
    expect(lock.intents).toBeUndefined()
    const orders = new Set(Object.values(lock.targets.ja.common as Record<string, { order?: string }>).map((e) => e.order))
    expect([...orders]).toEqual([expect.stringMatching(/^\d+$/)])
    const done = await p.sync(WAIT)
    expect(done.complete).toBe(true)
    expect((await p.ledger()).by_route['POST translate/jobs']).toBe(1)
  }, 60_000)

  it('l10n emulator --worst-case requires api_key on every route', async () => {
    const child = spawn(process.execPath, [L10N_BIN, 'emulator', '--port', '0', '--worst-case'], { stdio: ['ignore', 'pipe', 'pipe'] })
    try {
      const url = await new Promise<string>((resolve) =>
        child.stdout.on('data', (d) => resolve(String(d).match(/listening on (\S+)/)?.[1] ?? '')),
      )
      const res = await (await fetch(`${url}translate/service/languages`)).json()
      expect(res).toMatchObject({ opstat: 'error', err: { code: 1150 } })
    } finally {
      await new Promise((r) => {
        child.once('close', r)
        child.kill('SIGINT')
      })
    }
  }, 30_000)

  it('--wait bounds the whole run: an unresolved order intent is held back, not waited on past the deadline', async () => {
    const p = await setup({ worstCase: true }, { ...CONFIG, gengo: { ...CONFIG.gengo, reconcileGrace: 3600 } })
    await p.admin('POST', 'faults', { kind: 'drop', route: 'POST translate/jobs' })
    const r = await p.sync({ wait: 3, pollIntervalMs: 10 }).catch((e) => e.report ?? e)
    expect(r.complete).toBe(false)
    expect(r.warnings.join('\n')).toMatch(/may still be being created on Gengo; its 2 job\(s\) are not ordered again/)
    expect(Object.keys(p.readJson('l10n.lock.json').intents)).toHaveLength(1)
    expect((await p.ledger()).jobs_created).toBe(3) // the other two batches, ordered once
  }, 30_000)

  it('without --wait, a held-back batch does not keep a plain sync for the whole reconcileGrace: it waits briefly, says so, exits', async () => {
    const p = await setup({ worstCase: true }, { ...CONFIG, gengo: { ...CONFIG.gengo, reconcileGrace: 3600 } })
    await p.admin('POST', 'faults', { kind: 'drop', route: 'POST translate/jobs' })
    // On a simulated clock: the time a sync spends waiting is what it sleeps.
    let t = Date.now()
    let slept = 0
    const clock = {
      now: () => t,
      sleep: async (ms: number) => {
        t += ms
        slept += ms
      },
    }
    await p.sync({ clock }).catch((e) => e)
    expect(Object.keys(p.readJson('l10n.lock.json').intents)).toHaveLength(1)
    slept = 0
    const r = await p.sync({ clock }).catch((e) => e.report ?? e)
    expect(slept).toBeLessThanOrEqual(15_000) // NO_WAIT_BOUND_MS in gengo/reconcile.ts, not the grace's 3,600 s
    expect(slept).toBeGreaterThan(0)
    expect(r.warnings.join('\n')).toMatch(/may still be being created on Gengo; its 2 job\(s\) are not ordered again/)
    expect(Object.keys(p.readJson('l10n.lock.json').intents)).toHaveLength(1)
    expect((await p.ledger()).jobs_created).toBe(3)
  }, 30_000)

  it('a full sync, status, quote and --wait: every HTTP request carries api_key, ts and api_sig', async () => {
    const p = await setup({ worstCase: true, speed: 'fast' }, { targets: ['ja', 'fr'] })
    const seen: { route: string; auth: Record<string, string | null> }[] = []
    const capture = async (request: Request) => {
      const url = new URL(request.url)
      const params =
        request.method === 'GET' || request.method === 'DELETE' ? url.searchParams : new URLSearchParams(await request.clone().text())
      seen.push({
        route: `${request.method} ${url.pathname}`,
        auth: { api_key: params.get('api_key'), ts: params.get('ts'), api_sig: params.get('api_sig') },
      })
      return fetch(request)
    }
    const config = await loadConfig({ cwd: p.dir })
    await quote(config, { fetch: capture })
    await sync(config, { fetch: capture })
    await status(config)
    // A lost answer (reconciled through GET translate/jobs) and a translator who drops a
    // placeholder (sent back with PUT translate/job/:id), so those routes are checked too.
    await p.admin('POST', 'faults', {
      faults: [
        { kind: 'drop-after', route: 'POST translate/jobs' },
        { kind: 'placeholder', mode: 'drop' },
      ],
    })
    p.write('locales/en/common.json', { ...EN, extra: 'One more', greet: 'Hi {{name}}' })
    await sync(config, { fetch: capture, wait: 60, pollIntervalMs: 10 })
    const routes = new Set(seen.map((s) => s.route.replace(/\/\d[\d,]*$/, '/:id')))
    for (const r of [
      'GET /v2/translate/service/language_pairs',
      'POST /v2/translate/service/quote',
      'GET /v2/account/balance',
      'POST /v2/translate/jobs',
      'GET /v2/translate/order/:id',
      'GET /v2/translate/jobs/:id',
      'GET /v2/translate/jobs',
      'PUT /v2/translate/job/:id',
    ])
      expect(routes).toContain(r)
    for (const s of seen) {
      expect(s.auth.api_key, s.route).toBe('e2e-public')
      expect(s.auth.ts, s.route).toMatch(/^\d+$/)
      expect(s.auth.api_sig, s.route).toMatch(/^[0-9a-f]{40}$/)
    }
    expect((await p.ledger()).requests).toBe(seen.length)
    const byRoute: Record<string, number> = {}
    for (const s of seen) byRoute[s.route.replace(/\/\d[\d,]*$/, '/:id')] = (byRoute[s.route.replace(/\/\d[\d,]*$/, '/:id')] ?? 0) + 1
    measure('worst-case', 'signed requests', { checked: seen.length, byRoute })
  }, 60_000)
})
