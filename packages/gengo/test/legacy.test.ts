import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { expectJobErrorMap, type Harness, harness, job, MODES, rawJob } from './harness.ts'

describe.each(MODES)('legacy response variants (%s)', (mode) => {
  let h: Harness
  beforeEach(async () => {
    h = await harness(mode, { legacy: true })
  })
  afterEach(async () => {
    await h.close()
  })

  it('the emulator really sends the older shapes', async () => {
    const res = await h.raw('POST', 'translate/jobs', { data: JSON.stringify({ jobs: { a: rawJob({ body_src: 'Legacy' }) } }) })
    expect(typeof res.body.response.order_id).toBe('string')
    expect(res.body.response.credits_used).toBe('0.06')
    const err = await h.raw('GET', 'translate/job/1')
    expect(err.body.err.code).toBe('2100')
    const listed = await h.raw('POST', 'translate/jobs', { data: JSON.stringify({ jobs: { b: rawJob({ body_src: 'Legacy' }) } }) })
    expect(Array.isArray(listed.body.response.jobs)).toBe(true)
    expect(Array.isArray(listed.body.response.jobs[0])).toBe(true)
    expect(typeof listed.body.response.jobs[0][0].job_id).toBe('string')
  })

  it('normalises numbers sent as strings: ids to strings, counts to integers, money to numbers', async () => {
    const c = h.client()
    const res = await c.postJobs({ a: job('Strings everywhere', 'de') })
    expect(res).toMatchObject({ jobCount: 1, creditsUsed: 0.12 })
    const order = await c.getOrder(res.orderId as string)
    expect(order).toMatchObject({ totalJobs: 1, totalUnits: 2, totalCredits: 0.12, jobsQueued: 0 })
    const [j] = await c.getJobs(order.jobsReviewable)
    expect(j).toMatchObject({ unitCount: 2, credits: 0.12, eta: 0, autoApprove: false })
    expect(typeof j?.ctime).toBe('number')
    expect(await c.balance()).toEqual({ credits: 999.88, currency: 'USD' })
    const [entry] = await c.listJobs()
    expect(typeof entry?.jobId).toBe('string')
    expect(typeof entry?.ctime).toBe('number')
  })

  it('matches a list of lists without keys to the submitted jobs by custom_data', async () => {
    const c = h.client()
    await c.postJobs({
      first: job('Same text', 'ja', { customData: 'ns:first' }),
      second: job('Other text', 'ja', { customData: 'ns:second' }),
    })
    const again = await c.postJobs({
      y: job('Other text', 'ja', { customData: 'ns:second' }),
      x: job('Same text', 'ja', { customData: 'ns:first' }),
    })
    const bodyOf = (k: 'x' | 'y') => {
      const p = again.jobs[k]
      return p?.kind === 'existing' ? p.jobs[0]?.bodySrc : undefined
    }
    expect(bodyOf('x')).toBe('Same text')
    expect(bodyOf('y')).toBe('Other text')
    expect(again.creditsUsed).toBe(0)
  })

  it('reads the 2013 duplicate shape', async () => {
    const res = await h.client().postJobs({ job_1: job('Twin'), job_2: job('Twin') })
    expect(res.jobs.job_2).toEqual({ kind: 'duplicate', of: 'job_1' })
    expect(res.creditsUsed).toBe(0.06)
  })

  it('turns a per-job error map into GENGO_JOBS with every key', async () => {
    await expectJobErrorMap(h)
  })

  it('reads error codes given as strings, cancelled status, and the 2013 quote list', async () => {
    const c = h.client()
    await expect(c.getJob('12345')).rejects.toMatchObject({ gengoCode: 2100 })
    const q = await c.quote({ a: job('Quote me please'), b: job('Me too', 'fr') })
    expect(q).toEqual({
      a: { unitCount: 3, credits: 0.18, eta: 0, currency: 'USD', type: 'text' },
      b: { unitCount: 2, credits: 0.12, eta: 0, currency: 'USD', type: 'text' },
    })
    await h.admin('POST', 'speed', { speed: 'realistic' })
    const res = await c.postJobs({ a: job('Cancel in legacy') })
    await h.advance(60)
    const id = (await c.getOrder(res.orderId as string)).jobsAvailable[0] as string
    await c.cancelJob(id)
    const raw = await h.raw('GET', `translate/job/${id}`)
    expect(raw.body.response.job.status).toBe('cancelled')
    expect((await c.getJob(id)).status).toBe('canceled')
  })
})
