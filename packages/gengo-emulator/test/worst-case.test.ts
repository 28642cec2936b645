import { createHmac } from 'node:crypto'
import { afterEach, describe, expect, it } from 'vitest'
import { spawnEmulator } from '../../../test/utils/emulator-process.ts'
import { createEmulator, WORST_CASE } from '../src/index.ts'

const KEYS = { publicKey: 'wc-public', privateKey: 'wc-private' }
const cleanups: (() => unknown)[] = []
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c()
})

/** The clock requests are signed with (a test on simulated time signs with the emulator's). */
let signNow = () => Date.now()

/** Signs this test's requests on the emulator's simulated clock, back to real time after it. */
function signOn(now: () => number): void {
  signNow = now
  cleanups.push(() => {
    signNow = () => Date.now()
  })
}

/** A signed raw request to an in-process emulator, so the test sees the wire format itself. */
function raw(emu: ReturnType<typeof createEmulator>, method: string, path: string, params: Record<string, string> = {}, sign = true) {
  const ts = String(Math.floor(signNow() / 1000))
  const auth: Record<string, string> = sign
    ? { api_key: KEYS.publicKey, ts, api_sig: createHmac('sha1', KEYS.privateKey).update(ts).digest('hex') }
    : {}
  const all = { ...auth, ...params }
  const url = new URL(`http://emu.test/v2/${path}`)
  let req: Request
  if (method === 'GET' || method === 'DELETE') {
    for (const [k, v] of Object.entries(all)) url.searchParams.set(k, v)
    req = new Request(url, { method })
  } else req = new Request(url, { method, body: new URLSearchParams(all) })
  return emu.fetch(req).then(async (r) => (await r.json()) as any)
}

const order = (body: string, lcTgt = 'ja') =>
  JSON.stringify({ jobs: { a: { type: 'text', body_src: body, lc_src: 'en', lc_tgt: lcTgt, tier: 'standard', custom_data: 'x' } } })

describe('gengo-emulator worst case: the unfavourable reading of every open point', () => {
  it('no 1754 for a repeated payload, and lazy loading blind to jobs still being created: both POSTs charge', async () => {
    const emu = createEmulator({ ...KEYS, speed: 'instant', worstCase: true })
    const first = await raw(emu, 'POST', 'translate/jobs', { data: order('Twice') })
    const second = await raw(emu, 'POST', 'translate/jobs', { data: order('Twice') })
    expect(first.opstat).toBe('ok')
    expect(second.opstat).toBe('ok')
    expect(emu.state.ledger.jobs_created).toBe(2)
    const normal = createEmulator({ ...KEYS, speed: 'instant' })
    await raw(normal, 'POST', 'translate/jobs', { data: order('Twice') })
    expect((await raw(normal, 'POST', 'translate/jobs', { data: order('Twice') })).err.code).toBe(1754)
  })

  it('jobs are created after a delay and listed only later still; ids and money are strings', async () => {
    let now = Date.now()
    const emu = createEmulator({ ...KEYS, speed: 'instant', worstCase: true, now: () => now })
    const posted = await raw(emu, 'POST', 'translate/jobs', { data: order('Slowly created') })
    expect(posted.response).toMatchObject({ order_id: expect.any(String), credits_used: '0.10' })
    // While its jobs are being created the order names none of them, and jobs_queued reads 0.
    const queued = await raw(emu, 'GET', `translate/order/${posted.response.order_id}`)
    expect(queued.response.order).toMatchObject({ jobs_queued: '0', total_jobs: '0', jobs_available: [], jobs_reviewable: [] })
    now += WORST_CASE.creationDelayMs
    const created = await raw(emu, 'GET', `translate/order/${posted.response.order_id}`)
    expect(created.response.order).toMatchObject({ jobs_queued: '0', total_jobs: '1', jobs_reviewable: [expect.any(String)] })
    expect((await raw(emu, 'GET', 'translate/jobs')).response).toEqual([])
    now += WORST_CASE.listDelayMs
    const listed = (await raw(emu, 'GET', 'translate/jobs')).response
    expect(listed).toEqual([{ job_id: expect.stringMatching(/^\d+$/), ctime: expect.any(String) }])
    // Lazy loading sees it now that it exists, and is keyed on content and pair, not tier.
    const pro = JSON.stringify({ jobs: { a: { type: 'text', body_src: 'Slowly created', lc_src: 'en', lc_tgt: 'ja', tier: 'pro' } } })
    const lazy = await raw(emu, 'POST', 'translate/jobs', { data: pro })
    expect(lazy.response.jobs.a[0]).toMatchObject({ job_id: listed[0].job_id, tier: 'standard' })
  })

  it('lazy loading returns only a job that has a translation: an available, pending or revising one is ordered and charged again', async () => {
    let now = Date.now()
    const emu = createEmulator({ ...KEYS, speed: 'realistic', worstCase: true, now: () => now })
    signOn(() => now)
    const post = async () => (await raw(emu, 'POST', 'translate/jobs', { data: order('Untouched') })).response
    const first = await post()
    const id = emu.state.orders[first.order_id]?.jobIds[0]
    const status = async () => {
      const r = await raw(emu, 'GET', `translate/job/${id}`)
      return r.response?.job.status ?? JSON.stringify(r.err)
    }
    now += 60_000 // created, available
    expect(await status()).toBe('available')
    expect(await post()).toMatchObject({ credits_used: first.credits_used })
    now += 20 * 60_000 // pending
    expect(await status()).toBe('pending')
    expect(await post()).toMatchObject({ credits_used: first.credits_used })
    expect(emu.state.ledger.jobs_created).toBe(3)
    now += 4 * 3600_000 // reviewable: a translation exists
    expect(await status()).toBe('reviewable')
    const reused = await post()
    expect(reused).toMatchObject({
      credits_used: '0.00',
      jobs: { a: expect.arrayContaining([expect.objectContaining({ job_id: String(id) })]) },
    })
    // revising (a PUT revise) has no translation to hand back either
    await raw(emu, 'PUT', `translate/job/${id}`, { data: JSON.stringify({ action: 'revise', comment: 'please' }) })
    expect(await status()).toBe('revising')
    for (const j of Object.values(emu.state.jobs)) if (j.id !== id) j.status = 'canceled'
    expect(await post()).toMatchObject({ credits_used: first.credits_used })
    expect(emu.state.ledger.jobs_created).toBe(4)
  })

  it('DELETE translate/order/{id} answers the order, and a held job reads "hold" in every edition', async () => {
    let now = Date.now()
    const emu = createEmulator({ ...KEYS, speed: 'realistic', worstCase: true, now: () => now })
    signOn(() => now)
    const posted = (await raw(emu, 'POST', 'translate/jobs', { data: order('Cancel me') })).response
    now += 60_000
    const cancelled = await raw(emu, 'DELETE', `translate/order/${posted.order_id}`)
    expect(cancelled.response.order).toMatchObject({ order_id: posted.order_id, jobs_cancelled: [expect.any(String)] })
    const job = Object.values(emu.state.jobs)[0]
    if (job) job.status = 'held'
    expect((await raw(emu, 'GET', `translate/job/${job?.id}`)).response.job.status).toBe('hold')
  })

  it('status=queued is a valid GET translate/jobs filter: the jobs still being created (the worst case lists none early)', async () => {
    for (const worstCase of [false, true]) {
      const emu = createEmulator({ ...KEYS, speed: 'realistic', worstCase })
      await raw(emu, 'POST', 'translate/jobs', { data: order(`Queued ${worstCase}`) })
      const job = Object.values(emu.state.jobs)[0]
      if (job) job.status = 'queued'
      const listed = (await raw(emu, 'GET', 'translate/jobs', { status: 'queued' })).response
      expect(listed).toHaveLength(worstCase ? 0 : 1)
      expect((await raw(emu, 'GET', 'translate/jobs')).response).toEqual([])
    }
  })

  it('requires api_key on every route and lists Gengo’s published prices as the docs show them', async () => {
    const emu = createEmulator({ ...KEYS, worstCase: true })
    expect((await raw(emu, 'GET', 'translate/service/languages', {}, false)).err.code).toBe(1150)
    const pairs = (await raw(emu, 'GET', 'translate/service/language_pairs', { lc_src: 'en' })).response
    expect(pairs).toContainEqual({ lc_src: 'en', lc_tgt: 'ja', tier: 'standard', unit_price: '0.0500' })
    expect(pairs).toContainEqual({ lc_src: 'en', lc_tgt: 'ja', tier: 'pro', unit_price: '0.1000' })
    const ja = (await raw(emu, 'GET', 'translate/service/language_pairs', { lc_src: 'ja' })).response
    expect(ja).toContainEqual({ lc_src: 'ja', lc_tgt: 'en', tier: 'standard', unit_price: '0.0300' })
    const normal = createEmulator({ ...KEYS })
    expect((await raw(normal, 'GET', 'translate/service/languages', {}, false)).opstat).toBe('ok')
  })

  it('warns (ledger and log, once per client and route) when a job or order is polled faster than Gengo’s guidance', async () => {
    const warnings: string[] = []
    const emu = createEmulator({ ...KEYS, speed: 'instant', onWarning: (m) => warnings.push(m) })
    const posted = await raw(emu, 'POST', 'translate/jobs', { data: order('Polled') })
    const id = posted.response.order_id
    await raw(emu, 'GET', `translate/order/${id}`)
    expect(emu.state.ledger.poll_warnings ?? 0).toBe(0)
    await raw(emu, 'GET', `translate/order/${id}`)
    await raw(emu, 'GET', `translate/order/${id}`)
    expect(emu.state.ledger.poll_warnings).toBe(2)
    expect(warnings).toHaveLength(1)
    expect(warnings[0]).toMatch(/GET translate\/order\/:id polled again within 30 minutes .* can suspend accounts/)
  })

  it('the bin takes --worst-case', async () => {
    const running = await spawnEmulator(['--port', '0', '--worst-case', '--keys', `${KEYS.publicKey}:${KEYS.privateKey}`])
    cleanups.push(running.stop)
    const res = await (await fetch(`${running.url}translate/service/languages`)).json()
    expect(res.err.code).toBe(1150)
  })
})
