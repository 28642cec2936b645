import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { GengoError, type GengoPostedJob } from '../src/index.ts'
import { type Harness, harness, job, WORST_CASE_MODES } from './harness.ts'

const existingJobs = (p: GengoPostedJob | undefined) => (p?.kind === 'existing' ? p.jobs : [])

async function expectGengoError(promise: Promise<unknown>, fields: Partial<GengoError>): Promise<GengoError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  )
  expect(error).toBeInstanceOf(GengoError)
  expect(error).toMatchObject(fields)
  return error as GengoError
}

describe.each(WORST_CASE_MODES)('Gengo client contract (%s)', (mode) => {
  let h: Harness
  beforeEach(async () => {
    h = await harness(mode)
  })
  afterEach(async () => {
    await h.close()
  })
  /** Default prices, or Gengo's published ones in the worst case. */
  const $ = (normal: number, worst: number) => (h.worstCase ? worst : normal)

  describe('service and account', () => {
    it('lists Gengo’s languages with unit types', async () => {
      const langs = await h.client().languages()
      expect(langs).toHaveLength(38)
      expect(langs.find((l) => l.lc === 'ja')).toEqual({ language: 'Japanese', localizedName: '日本語', lc: 'ja', unitType: 'character' })
      expect(langs.find((l) => l.lc === 'pt-br')?.unitType).toBe('word')
      expect(
        langs
          .filter((l) => l.unitType === 'character')
          .map((l) => l.lc)
          .sort(),
      ).toEqual(['ja', 'ko', 'zh', 'zh-tw'])
    })

    it('lists language pairs, filtered by source', async () => {
      const pairs = await h.client().languagePairs('en')
      expect(pairs.every((p) => p.lcSrc === 'en')).toBe(true)
      expect(pairs).toContainEqual({ lcSrc: 'en', lcTgt: 'ja', tier: 'standard', unitPrice: $(0.06, 0.05), currency: 'USD' })
      expect(pairs).toContainEqual({ lcSrc: 'en', lcTgt: 'ja', tier: 'pro', unitPrice: $(0.12, 0.1), currency: 'USD' })
    })

    it('reads balance and stats, and the balance falls as jobs are ordered', async () => {
      const c = h.client()
      expect(await c.balance()).toEqual({ credits: 1000, currency: 'USD' })
      const res = await c.postJobs({ a: job('One two three four five') })
      expect(res.creditsUsed).toBe($(0.3, 0.25))
      expect((await c.balance()).credits).toBe($(999.7, 999.75))
      expect(await c.stats()).toMatchObject({ creditsSpent: $(0.3, 0.25), currency: 'USD' })
    })

    it('quotes words, characters for ja source, and skips [[[ ]]] text', async () => {
      const q = await h.client().quote({
        words: job('Hello [[[{{name}}]]], you have [[[{{count}}]]] new messages!'),
        chars: { bodySrc: 'こんにちは、世界！', lcSrc: 'ja', lcTgt: 'en', tier: 'standard' },
        pro: job('Save changes', 'fr', { tier: 'pro' }),
      })
      expect(q.words).toEqual({ unitCount: 5, credits: $(0.3, 0.25), eta: 0, currency: 'USD', type: 'text' })
      expect(q.chars?.unitCount).toBe(7)
      expect(q.chars?.credits).toBe(0.21)
      expect(q.pro).toMatchObject({ unitCount: 2, credits: $(0.24, 0.2) })
    })
  })

  describe('ordering', () => {
    it('orders new jobs, which appear in the order and come back translated with [[[ ]]] kept', async () => {
      const c = h.client()
      const res = await c.postJobs({
        greet: job('Hello [[[{{name}}]]]', 'ja', { customData: 'common:greet', slug: 'common:greet' }),
        bye: job('Goodbye', 'fr'),
      })
      expect(res).toMatchObject({ jobCount: 2, creditsUsed: $(0.12, 0.1), currency: 'USD', unmatched: [] })
      expect(res.orderId).toMatch(/^\d+$/)
      expect(res.jobs).toEqual({ greet: { kind: 'new' }, bye: { kind: 'new' } })
      await h.settle()
      const order = await c.getOrder(res.orderId as string)
      expect(order).toMatchObject({ orderId: res.orderId, totalJobs: 2, jobsQueued: 0, totalCredits: $(0.12, 0.1), totalUnits: 2 })
      const ids = [...order.jobsReviewable, ...order.jobsApproved]
      expect(ids).toHaveLength(2)
      const jobs = await c.getJobs(ids)
      const greet = jobs.find((j) => j.customData === 'common:greet')
      expect(greet).toMatchObject({ status: 'reviewable', slug: 'common:greet', lcTgt: 'ja', mt: false, unitCount: 1 })
      expect(greet?.bodyTgt).toBe('[ja] Hélló [[[{{name}}]]]')
      expect(jobs.find((j) => j.lcTgt === 'fr')?.bodyTgt).toBe('[fr] Góódbyé')
    })

    it('lazy loading: the same (body_src, lc_src, lc_tgt, tier) comes back at once and free', async () => {
      const c = h.client()
      await c.postJobs({ a: job('Save') })
      await h.settle() // worst case: lazy loading is blind to jobs still being created
      const before = await h.ledger()
      const again = await c.postJobs({ b: job('Save'), c: job('Cancel') })
      expect(again.jobs.b?.kind).toBe('existing')
      expect(existingJobs(again.jobs.b)[0]).toMatchObject({ bodySrc: 'Save', bodyTgt: '[ja] Sávé', status: 'reviewable' })
      expect(again.jobs.c).toEqual({ kind: 'new' })
      expect(again.jobCount).toBe(2)
      expect(again.creditsUsed).toBe($(0.06, 0.05))
      const after = await h.ledger()
      expect(after.credits_charged - before.credits_charged).toBeCloseTo($(0.06, 0.05))
      expect(after.jobs_created - before.jobs_created).toBe(1)
      await h.settle()
      const allOld = await c.postJobs({ x: job('Save'), y: job('Cancel') })
      expect(allOld.creditsUsed).toBe(0)
      expect(Object.values(allOld.jobs).map((j) => j.kind)).toEqual(['existing', 'existing'])
    })

    it('force orders again, and lazy loading then returns every matching job', async () => {
      const c = h.client()
      await c.postJobs({ a: job('Open') })
      const forced = await c.postJobs({ a: job('Open', 'ja', { force: true, comment: 'verb' }) })
      expect(forced.jobs.a).toEqual({ kind: 'new' })
      expect(forced.creditsUsed).toBe($(0.06, 0.05))
      await h.settle()
      const lazy = await c.postJobs({ z: job('Open') })
      expect(existingJobs(lazy.jobs.z)).toHaveLength(2)
    })

    it('charges duplicates inside one payload once', async () => {
      const c = h.client()
      const res = await c.postJobs({ one: job('Next'), two: job('Next') })
      expect(res.creditsUsed).toBe($(0.06, 0.05))
      expect(res.jobs).toEqual({ one: { kind: 'new' }, two: { kind: 'duplicate', of: 'one' } })
      expect((await h.ledger()).jobs_created).toBe(1)
    })

    it('accepts jobs as an array, keyed by index', async () => {
      const c = h.client()
      await c.postJobs([job('Alpha')])
      await h.settle()
      const res = await c.postJobs([job('Alpha'), job('Beta')])
      expect(res.jobs['0']?.kind).toBe('existing')
      expect(res.jobs['1']?.kind).toBe('new')
    })

    it('groups jobs with as_group and enforces 1950/1951', async () => {
      const c = h.client()
      const res = await c.postJobs({ a: job('One'), b: job('Two') }, { asGroup: true })
      expect(res.groupId).toBeDefined()
      expect((await c.getOrder(res.orderId as string)).asGroup).toBe(true)
      await expectGengoError(c.postJobs({ a: job('Three') }, { asGroup: true }), { gengoCode: 1951, code: 'GENGO_API' })
      await expectGengoError(c.postJobs({ a: job('Four'), b: job('Five', 'fr') }, { asGroup: true }), { gengoCode: 1950 })
      await expectGengoError(
        c.postJobs({ a: job('Six', 'ja', { tier: 'ultra' }), b: job('Seven', 'ja', { tier: 'ultra' }) }, { asGroup: true }),
        { gengoCode: 1952 },
      )
    })

    it('refuses an order over the balance with 2700 and orders nothing', async () => {
      await h.admin('POST', 'balance', { credits: 0.1 })
      const c = h.client()
      const e = await expectGengoError(c.postJobs({ a: job('one two three') }), {
        gengoCode: 2700,
        code: 'GENGO_CREDITS',
        retryable: false,
      })
      expect(e.message).toMatch(/^\[l10n\] Gengo error 2700/)
      const ledger = await h.ledger()
      expect(ledger).toMatchObject({ jobs_created: 0, credits_charged: 0 })
      expect(ledger.by_route['POST translate/jobs']).toBe(1)
    })
  })

  describe('jobs and orders', () => {
    it('lists jobs newest first, with status, timestamp_after and count', async () => {
      const c = h.client()
      await c.postJobs({ a: job('A one'), b: job('B two'), c: job('C three') })
      await h.settle() // worst case: jobs are listed only some time after they are created
      const all = await c.listJobs()
      expect(all).toHaveLength(3)
      expect(Number(all[0]?.jobId)).toBeGreaterThan(Number(all[2]?.jobId))
      expect(await c.listJobs({ count: 2 })).toHaveLength(2)
      expect(await c.listJobs({ status: 'approved' })).toHaveLength(0)
      expect(await c.listJobs({ status: 'reviewable' })).toHaveLength(3)
      expect(await c.listJobs({ timestampAfter: Math.floor(Date.now() / 1000) + 10 })).toHaveLength(0)
      expect(await c.listJobs({ timestampAfter: Math.floor(Date.now() / 1000) - 60 })).toHaveLength(3)
      await expectGengoError(c.listJobs({ count: 201 }), { code: 'GENGO_INPUT' })
    })

    it('gets jobs by ids in chunks so URLs stay short', async () => {
      const c = h.client({ maxIdsPerRequest: 2 })
      const res = await c.postJobs(Object.fromEntries(['a', 'b', 'c', 'd', 'e'].map((k) => [k, job(`Word ${k}`)])))
      await h.settle()
      const order = await c.getOrder(res.orderId as string)
      const jobs = await c.getJobs([...order.jobsReviewable, 'bogus-but-valid-looking'.replace(/-/g, '')])
      expect(jobs).toHaveLength(5)
      expect((await h.ledger()).by_route['GET translate/jobs/:ids']).toBe(3)
      await expectGengoError(c.getJobs(['1,2']), { code: 'GENGO_INPUT' })
    })

    it('approves, revises and rejects; wrong states answer 2250', async () => {
      const c = h.client()
      const res = await c.postJobs({ a: job('Approve me'), b: job('Revise me'), d: job('Reject me') })
      await h.settle()
      const ids = (await c.getOrder(res.orderId as string)).jobsReviewable
      const [a, b, d] = ids as [string, string, string]
      await c.updateJob(a, { action: 'approve', rating: 5 })
      expect((await c.getJob(a)).status).toBe('approved')
      await expectGengoError(c.updateJob(a, { action: 'approve' }), { gengoCode: 2250 })
      await c.updateJob(a, { action: 'archive' })
      await c.updateJob(b, { action: 'revise', comment: 'Keep the tone casual' })
      expect((await c.getJob(b)).status).toBe('reviewable') // instant speed: the revision is back at once
      await expectGengoError(c.updateJob(b, { action: 'revise', comment: ' ' }), { code: 'GENGO_INPUT' })
      await c.updateJob(d, { action: 'reject', reason: 'quality', comment: 'Wrong term', followUp: 'cancel' })
      expect((await c.getJob(d)).status).toBe('canceled')
      await expectGengoError(c.getJob('999999'), { gengoCode: 2100 })
    })

    it('updates many jobs at once', async () => {
      const c = h.client()
      const res = await c.postJobs({ a: job('Bulk one'), b: job('Bulk two') })
      await h.settle()
      const ids = (await c.getOrder(res.orderId as string)).jobsReviewable
      await c.updateJobs(ids, { action: 'approve' })
      expect((await c.getJobs(ids)).map((j) => j.status)).toEqual(['approved', 'approved'])
    })

    it('cancels available jobs and orders, refunding credits; others answer 2252', async () => {
      await h.admin('POST', 'speed', { speed: 'realistic' })
      const c = h.client()
      const res = await c.postJobs({ a: job('Cancel this one'), b: job('And this one') })
      await h.advance(60) // created, still available
      const order = await c.getOrder(res.orderId as string)
      expect(order.jobsAvailable).toHaveLength(2)
      await c.cancelJob(order.jobsAvailable[0] as string)
      await c.cancelOrder(res.orderId as string)
      const after = await c.getOrder(res.orderId as string)
      expect(after.jobsCancelled).toHaveLength(2)
      expect((await c.balance()).credits).toBe(1000)
      const ledger = await h.ledger()
      expect(ledger.credits_refunded).toBe(ledger.credits_charged) // the README's ledger names credits_refunded once a job is cancelled
      await expectGengoError(c.cancelJob(order.jobsAvailable[0] as string), { gengoCode: 2252 })
      await expectGengoError(c.getOrder('424242'), { gengoCode: 2750 })
    })

    it('shows jobs queued, then available, pending (no machine text: Gengo dropped mt), then reviewable', async () => {
      await h.admin('POST', 'speed', { speed: 'realistic' })
      const c = h.client()
      const res = await c.postJobs({ a: job('Slow [[[{{x}}]]] work') })
      const queued = await c.getOrder(res.orderId as string)
      // Worst case: an order names no job still being created, so jobs_queued reads 0.
      expect(queued.jobsQueued).toBe(h.worstCase ? 0 : 1)
      expect(await c.listJobs()).toHaveLength(0)
      await h.advance(60)
      const id = (await c.getOrder(res.orderId as string)).jobsAvailable[0] as string
      // Worst case, as in the docs' examples: an available job's eta is "", read as unknown (-1).
      if (h.worstCase) expect((await c.getJob(id)).eta).toBe(-1)
      else expect((await c.getJob(id)).eta).toBeGreaterThan(3600)
      await h.advance(30 * 60)
      const pending = await c.getJob(id)
      expect(pending).toMatchObject({ status: 'pending', mt: false })
      expect(pending.bodyTgt).toBeUndefined()
      await h.advance(4 * 3600)
      expect(await c.getJob(id)).toMatchObject({ status: 'reviewable', mt: false, bodyTgt: '[ja] Slów [[[{{x}}]]] wórk' })
    })

    it('auto_approve jobs become approved', async () => {
      const c = h.client()
      const res = await c.postJobs({ a: job('Auto', 'de', { autoApprove: true }) })
      await h.settle()
      expect((await c.getOrder(res.orderId as string)).jobsApproved).toHaveLength(1)
    })
  })
})
