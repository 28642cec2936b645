import { describe, expect, it } from 'vitest'
import { createGengoClient, GengoError } from '../src/index.ts'
import { job, KEYS } from './harness.ts'

/**
 * Answers the emulator does not give by default but Gengo's docs show or allow, served by a
 * one-route stand-in for Gengo: each must be read safely, never charged twice, never lost.
 */
function gengoAnswering(response: unknown, seen: Request[] = []) {
  return createGengoClient({
    ...KEYS,
    endpoint: 'http://gengo.test/v2/',
    retryDelayMs: 1,
    requestsPerMinute: 0,
    fetch: async (r) => {
      seen.push(r)
      return new Response(JSON.stringify({ opstat: 'ok', response }), { status: 200 })
    },
  })
}

describe('reading Gengo’s answers where the docs leave room', () => {
  it('an order accepted with a job list that matches nothing keeps its order id and reports the rest', async () => {
    const res = await gengoAnswering({
      order_id: '139370',
      job_count: '3',
      credits_used: '0.10',
      jobs: [
        [{ job_id: '1', body_src: 'Hello  world ', lc_tgt: 'ja', custom_data: '' }], // whitespace differs
        [{ job_id: '2', body_src: 'Something else', lc_tgt: 'fr', custom_data: '' }], // matches no key
        [{ body_src: 'No id', lc_tgt: 'ja' }], // no job_id
      ],
    }).postJobs({ a: job('Hello world'), b: job('Other', 'de'), c: job('No id') })
    expect(res.orderId).toBe('139370')
    expect(res.jobs.a).toMatchObject({ kind: 'existing', jobs: [{ jobId: '1' }] })
    expect(res.jobs.b).toEqual({ kind: 'new' })
    expect(res.unmatched).toHaveLength(2)
    expect(res.creditsUsed).toBe(0.1)
  })

  it('lazy loading matches on content and language pair, not tier: an unkeyed job of another tier fills its key', async () => {
    const res = await gengoAnswering({
      order_id: '7',
      credits_used: '0.00',
      jobs: [[{ job_id: '9', body_src: 'Hello', lc_tgt: 'ja', tier: 'pro', status: 'approved', body_tgt: 'こんにちは', custom_data: '' }]],
    }).postJobs({ a: job('Hello') })
    expect(res.jobs.a).toMatchObject({ kind: 'existing', jobs: [{ jobId: '9', tier: 'pro', bodyTgt: 'こんにちは' }] })
    expect(res.unmatched).toEqual([])
    expect(res.creditsUsed).toBe(0)
  })

  it('an all-old answer (the docs’ example: no order id, jobs as bare ids) spends nothing, whatever credits_used says', async () => {
    const res = await gengoAnswering({
      jobs: { a: [{ job_id: '352691' }, { job_id: '352692' }] },
      credits_used: '4.50',
    }).postJobs({ a: job('Old') })
    expect(res.creditsUsed).toBe(0)
    expect(res.orderId).toBeUndefined()
    expect(res.jobs.a?.kind).toBe('existing')
  })

  it('an answer with new jobs but no order id is an unknown outcome, not a silent loss', async () => {
    const e = await gengoAnswering({ job_count: 1, credits_used: 0.05 })
      .postJobs({ a: job('New') })
      .catch((err) => err)
    expect(e).toMatchObject({ code: 'GENGO_OUTCOME_UNKNOWN', outcomeUnknown: true })
  })

  it.each([
    ['../../x', 'order_id'],
    ['1,2', 'order_id'],
  ])('refuses an unsafe order id %j by name, before it is stored or put in a URL', async (id) => {
    const e = await gengoAnswering({ order_id: id, job_count: 1, credits_used: 0.05 })
      .postJobs({ a: job('New') })
      .catch((err) => err)
    expect(e).toBeInstanceOf(GengoError)
    expect(e.code).toBe('GENGO_OUTCOME_UNKNOWN')
    expect(e.message).toContain(`unsafe order_id ${JSON.stringify(id)}`)
    const jobErr = await gengoAnswering({ jobs: [{ job_id: id, body_src: 'x', lc_tgt: 'ja' }] })
      .getJobs(['5001'])
      .catch((err) => err)
    expect(jobErr).toMatchObject({ code: 'GENGO_BAD_RESPONSE' })
    expect(jobErr.message).toContain(`unsafe job_id ${JSON.stringify(id)}`)
    const listErr = await gengoAnswering([{ job_id: id, ctime: 1 }])
      .listJobs()
      .catch((err) => err)
    expect(listErr.message).toContain('unsafe job_id')
  })

  it('a quote with an error entry fails by name instead of counting 0 credits', async () => {
    const e = await gengoAnswering({
      jobs: { a: { unit_count: 2, credits: 0.1, eta: 10, currency: 'USD' }, b: { err: { code: 1551, msg: 'unsupported pair' } } },
    })
      .quote({ a: job('One two'), b: job('Three', 'xx') })
      .catch((err) => err)
    expect(e).toMatchObject({ code: 'GENGO_JOBS', gengoCode: 1551 })
    expect(e.message).toMatch(/could not quote job "b" \(1551: unsupported pair\)/)
  })

  it('an eta of "" is unknown (-1), not now; a rejected job is listed with its order', async () => {
    const [j] = await gengoAnswering({
      jobs: [{ job_id: '1', status: 'available', eta: '', body_src: 'x', lc_tgt: 'ja', ctime: 1 }],
    }).getJobs(['1'])
    expect(j?.eta).toBe(-1)
    const order = await gengoAnswering({
      order: { order_id: '7', jobs_queued: '0', jobs_available: ['1'], jobs_rejected: ['2'], jobs_in_some_new_state: ['3'] },
    }).getOrder('7')
    expect(order.jobsRejected).toEqual(['2'])
    expect(order.jobIds.sort()).toEqual(['1', '2', '3'])
  })

  it('never sends pre_mt (Gengo dropped it in 2016), and signs the public service lists too', async () => {
    const seen: Request[] = []
    const c = gengoAnswering({ jobs: [] }, seen)
    await c.getJobs(['1'])
    await c.getJobs(['2'])
    for (const r of seen) expect(new URL(r.url).searchParams.has('pre_mt')).toBe(false)
    const lists = gengoAnswering([], seen)
    await lists.languages()
    await lists.languagePairs('en')
    for (const r of seen.slice(2)) {
      const q = new URL(r.url).searchParams
      expect(q.get('api_key')).toBe(KEYS.publicKey)
      expect(q.get('ts')).toMatch(/^\d+$/)
      expect(q.get('api_sig')).toMatch(/^[0-9a-f]{40}$/)
    }
  })
})
