import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { normalizeRevision, normalizeRevisions } from '../src/index.ts'
import { type Harness, harness, job, WORST_CASE_MODES } from './harness.ts'

/** Orders one job, lets it be translated, and returns its id (reviewable: auto_approve off). */
async function translated(h: Harness, body = 'Save changes'): Promise<string> {
  const res = await h.client().postJobs({ a: job(body) })
  await h.settle()
  await h.finish()
  const order = await h.client().getOrder(res.orderId as string)
  const id = order.jobsReviewable[0]
  expect(id).toBeDefined()
  return id as string
}

describe.each(WORST_CASE_MODES)('Gengo client: job revisions (%s)', (mode) => {
  let h: Harness
  beforeEach(async () => {
    h = await harness(mode)
  })
  afterEach(async () => {
    await h.close()
  })

  it('lists the versions of a revised job oldest first and reads each text; the first and the current one differ', async () => {
    const c = h.client()
    const id = await translated(h)
    const first = (await c.getJob(id)).bodyTgt
    await c.updateJob(id, { action: 'revise', comment: 'More formal, please' })
    await h.advance(2 * 3600)
    const now = await c.getJob(id)
    expect(now.status).toBe('reviewable')
    expect(now.bodyTgt).not.toBe(first)
    const list = await c.revisions(id)
    // Default: every version, the current one last. Worst case: newest first and without the current text; the client sorts.
    expect(list.length).toBe(h.worstCase ? 1 : 2)
    expect(list.map((r) => typeof r.revId)).toEqual(list.map(() => 'string'))
    for (let i = 1; i < list.length; i++) expect((list[i] as { ctime: number }).ctime).toBeGreaterThanOrEqual(list[i - 1]?.ctime ?? 0)
    const texts = await Promise.all(list.map((r) => c.revision(id, r.revId)))
    expect(texts[0]?.bodyTgt).toBe(first)
    if (!h.worstCase) expect(texts[1]?.bodyTgt).toBe(now.bodyTgt)
    expect(texts[0]?.ctime).toBeGreaterThan(0)
    expect((await h.ledger()).by_route['GET translate/job/:id/revision/:rev_id']).toBe(list.length)
  })

  it('a job never revised has its one version (or none); an unknown revision is 2150, another account’s job 2100', async () => {
    const c = h.client()
    const id = await translated(h)
    expect((await c.revisions(id)).length).toBe(h.worstCase ? 0 : 1)
    await expect(c.revision(id, '99')).rejects.toMatchObject({ gengoCode: 2150 })
    await expect(c.revisions('424242')).rejects.toMatchObject({ gengoCode: 2100 })
    expect(() => c.revision(id, '../1')).toThrow(/Invalid Gengo revision id/) // refused before anything is sent
  })
})

describe('revision payloads, every variant (pure)', () => {
  it('reads numbers or strings, any order, a bare list, and drops entries without an id', () => {
    expect(
      normalizeRevisions({
        job_id: '7',
        revisions: [
          { rev_id: '3', ctime: '1700000300' },
          { rev_id: 1, ctime: 1700000100 },
          { ctime: 5 },
          { rev_id: '2', ctime: 1700000100 },
        ],
      }),
    ).toEqual([
      { revId: '1', ctime: 1700000100 },
      { revId: '2', ctime: 1700000100 },
      { revId: '3', ctime: 1700000300 },
    ])
    expect(normalizeRevisions([{ rev_id: 4, ctime: 1 }])).toEqual([{ revId: '4', ctime: 1 }])
    expect(normalizeRevisions({ job_id: 7 })).toEqual([])
    expect(() => normalizeRevisions({ revisions: [{ rev_id: '1/../2' }] })).toThrow(/unsafe revision id/)
    expect(normalizeRevision({ revision: { ctime: '5', body_tgt: 'x' } }, '1')).toEqual({ revId: '1', ctime: 5, bodyTgt: 'x' })
    expect(normalizeRevision({ ctime: 5 }, '2')).toEqual({ revId: '2', ctime: 5, bodyTgt: '' })
  })
})
