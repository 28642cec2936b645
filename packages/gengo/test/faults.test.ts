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

  it.each(retryable)('retries %s on a read (GET account/balance)', async (_name, fault) => {
    await h.faults({ ...fault, route: 'GET account/balance', times: 2 })
    expect(await client().balance()).toEqual({ credits: 1000, currency: 'USD' })
    expect((await h.ledger()).by_route['GET account/balance']).toBe(3)
    expect(log.filter((l) => l.retry)).toHaveLength(2)
  })

  const provenNothing = retryable.filter(([name]) => /HTTP 429/.test(name))
  it.each(provenNothing)('retries POST translate/jobs after %s, which proves nothing was ordered', async (_name, fault) => {
    await h.faults({ ...fault, route: 'POST translate/jobs', times: 2 })
    const res = await client().postJobs({ a: job('Retry'), b: job('Again', 'fr') })
    expect(res.creditsUsed).toBe(0.12)
    const ledger = await h.ledger()
    expect(ledger.by_route['POST translate/jobs']).toBe(3)
    expect(ledger.jobs_created).toBe(2)
  })

  const ambiguous = retryable.filter(([name]) => !/HTTP 429/.test(name))
  it.each(ambiguous)('never re-sends POST translate/jobs after %s: outcome unknown, typed', async (_name, fault) => {
    await h.faults({ ...fault, route: 'POST translate/jobs', times: 2 })
    const e = await client()
      .postJobs({ a: job('Retry'), b: job('Again', 'fr') })
      .catch((err) => err)
    expect(e).toMatchObject({ code: 'GENGO_OUTCOME_UNKNOWN', outcomeUnknown: true })
    expect(e.message).toMatch(/^\[l10n\] The outcome of POST translate\/jobs is unknown .* It was not sent again/)
    expect((await h.ledger()).by_route['POST translate/jobs']).toBe(1)
  })

  it('err 2800 after the order was carried out (error-after): not sent again, outcome unknown, and the jobs exist', async () => {
    await h.faults({ kind: 'error-after', route: 'POST translate/jobs' })
    const e = await client()
      .postJobs({ a: job('Placed anyway'), b: job('Placed too', 'fr') })
      .catch((err) => err)
    expect(e).toMatchObject({ code: 'GENGO_OUTCOME_UNKNOWN', outcomeUnknown: true, gengoCode: 2800 })
    const ledger = await h.ledger()
    expect(ledger.by_route['POST translate/jobs']).toBe(1)
    expect(ledger.jobs_created).toBe(2)
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

  it('a POST whose answer is lost (drop-after) is not re-sent: outcome unknown, the jobs exist once', async () => {
    await h.faults({ kind: 'drop-after', route: 'POST translate/jobs' })
    const e = await client()
      .postJobs({ a: job('Lost', 'ja', { customData: 'k:a' }), b: job('Lost', 'fr', { customData: 'k:b' }) })
      .catch((err) => err)
    expect(e).toMatchObject({ code: 'GENGO_OUTCOME_UNKNOWN' })
    const ledger = await h.ledger()
    expect(ledger.jobs_created).toBe(2)
    expect(ledger.credits_charged).toBe(0.12)
    expect(ledger.by_route['POST translate/jobs']).toBe(1)
  })

  it('a timeout on POST translate/jobs is not retried', async () => {
    await h.faults({ kind: 'delay-after', ms: 400, route: 'POST translate/jobs' })
    const e = await client({ timeoutMs: 100 })
      .postJobs({ a: job('Slow answer') })
      .catch((err) => err)
    expect(e).toMatchObject({ code: 'GENGO_OUTCOME_UNKNOWN' })
    expect((await h.ledger()).by_route['POST translate/jobs']).toBe(1)
  })

  it('1754 on POST translate/jobs is typed GENGO_DUPLICATE and not retried or looked up by the client', async () => {
    await h.faults({ kind: 'error', code: 1754, route: 'POST translate/jobs' })
    const e = await client()
      .postJobs({ a: job('Never ordered') })
      .catch((err) => err)
    expect(e).toMatchObject({ code: 'GENGO_DUPLICATE', gengoCode: 1754, outcomeUnknown: true })
    const ledger = await h.ledger()
    expect(ledger.jobs_created).toBe(0)
    expect(ledger.requests).toBe(1)
  })

  it('a connection refused before sending is retried even for POST translate/jobs', async () => {
    let calls = 0
    const c = h.client({
      fetch: async (r) => {
        if (calls++ === 0)
          throw new TypeError('fetch failed', { cause: Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }) })
        return fetch(r)
      },
    })
    if (mode === 'in-process') return // the in-process handler has no socket to refuse
    const res = await c.postJobs({ a: job('Refused first') })
    expect(res.creditsUsed).toBe(0.12)
    expect((await h.ledger()).jobs_created).toBe(1)
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
