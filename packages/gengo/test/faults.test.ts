import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { GengoError, type GengoRequestInfo } from '../src/index.ts'
import { type Harness, harness, job, MODES } from './harness.ts'

describe.each(MODES)('fault injection: retries recover, nothing is ordered twice (%s)', (mode) => {
  let h: Harness
  let log: GengoRequestInfo[]
  beforeEach(async () => {
    h = await harness(mode)
    log = []
  })
  afterEach(async () => {
    await h.close()
  })
  const client = (o = {}) => h.client({ onRequest: (i) => log.push(i), ...o })

  const retryable = [
    ['HTTP 500 with an envelope', { kind: 'status', status: 500 }],
    ['HTTP 503 with an error code missing', { kind: 'status', status: 503, body: 'no-code' }],
    ['HTTP 502 with plain JSON', { kind: 'status', status: 502, body: 'plain' }],
    ['HTTP 504 with no body', { kind: 'status', status: 504, body: 'empty' }],
    ['an HTML page from a proxy', { kind: 'html', status: 502 }],
    ['a malformed JSON body', { kind: 'malformed' }],
    ['a dropped connection', { kind: 'drop' }],
    ['HTTP 429 with 2800', { kind: 'rate-limit' }],
    ['2800 with HTTP 200', { kind: 'error', code: 2800 }],
    ['2800 given as a string', { kind: 'error', code: '2800' }],
    ['an HTTP-style 500 inside err', { kind: 'error', code: 500 }],
  ] as const

  it.each(retryable)('recovers from %s on POST translate/jobs without ordering twice', async (_name, fault) => {
    await h.faults({ ...fault, route: 'POST translate/jobs', times: 2 })
    const res = await client().postJobs({ a: job('Retry'), b: job('Again', 'fr') })
    expect(res.creditsUsed).toBe(0.12)
    const ledger = await h.ledger()
    expect(ledger.by_route['POST translate/jobs']).toBe(3)
    expect(ledger.jobs_created).toBe(2)
    expect(ledger.credits_charged).toBe(0.12)
    expect(log.filter((l) => l.retry)).toHaveLength(2)
  })

  it('a timeout is retried', async () => {
    await h.faults({ kind: 'delay', ms: 300, route: 'GET account/balance' })
    const c = client({ timeoutMs: 100 })
    expect(await c.balance()).toEqual({ credits: 1000, currency: 'USD' })
    expect(log[0]?.status).toBeUndefined()
    expect(log[1]?.retry).toMatch(/GENGO_TIMEOUT/)
  })

  it('gives up after `retries` and throws the last typed error', async () => {
    await h.faults({ kind: 'status', status: 503, times: 10 })
    const e = await client({ retries: 2 })
      .languages()
      .catch((err) => err)
    expect(e).toMatchObject({ code: 'GENGO_API', gengoCode: 503, status: 503, retryable: true })
    expect((await h.ledger()).requests).toBe(3)
  })

  it.each([
    ['a 4xx HTML page', { kind: 'html', status: 403 }, 'GENGO_HTTP'],
    ['an auth error', { kind: 'error', code: 1000 }, 'GENGO_AUTH'],
    ['an error with no code and HTTP 200', { kind: 'error', code: null }, 'GENGO_API'],
    ['an order not yet visible (2750)', { kind: 'error', code: 2750 }, 'GENGO_API'],
  ] as const)('does not retry %s', async (_name, fault, code) => {
    await h.faults(fault)
    const e = await client()
      .balance()
      .catch((err) => err)
    expect(e).toBeInstanceOf(GengoError)
    expect(e.code).toBe(code)
    expect((await h.ledger()).requests).toBe(1)
  })

  it('a POST whose answer is lost is not ordered twice: the retry meets 1754 and finds the jobs', async () => {
    await h.faults({ kind: 'drop-after', route: 'POST translate/jobs' })
    const c = client()
    const res = await c.postJobs({ a: job('Lost', 'ja', { customData: 'k:a' }), b: job('Lost', 'fr', { customData: 'k:b' }) })
    expect(res.recovered).toBe(true)
    expect(res.orderId).toBeDefined()
    expect(res.jobs.a?.kind).toBe('existing')
    expect(res.jobs.b?.kind === 'existing' && res.jobs.b.jobs[0]?.lcTgt).toBe('fr')
    const ledger = await h.ledger()
    expect(ledger.jobs_created).toBe(2)
    expect(ledger.credits_charged).toBe(0.12)
    expect(ledger.by_route['POST translate/jobs']).toBe(2)
  })

  it('an injected 1754 with no earlier jobs ends typed and retryable, after looking', async () => {
    await h.faults({ kind: 'error', code: 1754, route: 'POST translate/jobs' })
    const t = { now: 0 }
    const e = await client({ duplicateLookupMs: 3000, now: () => Date.now() + t.now, sleep: async (ms: number) => void (t.now += ms) })
      .postJobs({ a: job('Never ordered') })
      .catch((err) => err)
    expect(e).toMatchObject({ code: 'GENGO_DUPLICATE', gengoCode: 1754, retryable: true })
    expect((await h.ledger()).jobs_created).toBe(0)
  })

  it('a translator who drops a placeholder, then a revise that fixes it', async () => {
    await h.faults({ kind: 'placeholder', mode: 'drop' }, { kind: 'placeholder', mode: 'alter' })
    const c = client()
    const res = await c.postJobs({ a: job('Hi [[[{{name}}]]]'), b: job('Bye [[[{{name}}]]]'), c: job('No placeholder') })
    const ids = (await c.getOrder(res.orderId as string)).jobsReviewable
    const jobs = await c.getJobs(ids)
    expect(jobs.map((j) => j.bodyTgt).sort()).toEqual(['[ja] Byé [[[{{name_x}}]]]', '[ja] Hí ', '[ja] Nó plácéhóldér'])
    const broken = jobs.find((j) => j.bodySrc.startsWith('Hi')) as { jobId: string }
    await c.updateJob(broken.jobId, { action: 'revise', comment: 'The placeholder {{name}} is missing' })
    expect((await c.getJob(broken.jobId)).bodyTgt).toBe('[ja] Hí [[[{{name}}]]]')
  })
})
