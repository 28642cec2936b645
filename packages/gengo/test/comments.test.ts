import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { GengoError, MAX_COMMENT_CHARS, normalizeGlossaries, normalizeThread } from '../src/index.ts'
import { type Harness, harness, job, WORST_CASE_MODES } from './harness.ts'

/** Orders one job and returns its id once Gengo has created it. */
async function oneJob(h: Harness, body = 'Save changes'): Promise<string> {
  const res = await h.client().postJobs({ a: job(body) })
  await h.settle()
  const order = await h.client().getOrder(res.orderId as string)
  const id = [...order.jobsReviewable, ...order.jobsApproved, ...order.jobsAvailable, ...order.jobsPending][0]
  expect(id).toBeDefined()
  return id as string
}

describe.each(WORST_CASE_MODES)('Gengo client: job comments (%s)', (mode) => {
  let h: Harness
  beforeEach(async () => {
    h = await harness(mode)
  })
  afterEach(async () => {
    await h.close()
  })

  it('reads a thread oldest first with Gengo’s author kinds, and posts a reply into it', async () => {
    const id = await oneJob(h)
    expect(await h.client().getComments(id)).toEqual([])
    await h.advance(1)
    expect(await h.admin('POST', 'comment', { job_id: Number(id), body: 'Is "Save" a verb here?' })).toMatchObject({ ok: true })
    await h.advance(1)
    await h.admin('POST', 'comment', { job_id: Number(id), body: 'Seconded.', author: 'senior translator' })
    await h.advance(1)
    await h.client().postComment(id, 'Yes, a verb: the button saves the form.')
    const thread = await h.client().getComments(id)
    expect(thread.map((c) => [c.author, c.body])).toEqual([
      ['translator', 'Is "Save" a verb here?'],
      ['senior translator', 'Seconded.'],
      ['customer', 'Yes, a verb: the button saves the form.'],
    ])
    expect(thread[0]?.ctime).toBeGreaterThan(0)
    expect((await h.ledger()).by_route['POST translate/job/:id/comment']).toBe(1)
  })

  it('refuses an empty reply and one over 25,000 characters before sending; exactly 25,000 goes', async () => {
    const id = await oneJob(h)
    const before = (await h.ledger()).requests
    const refused = async (body: string) => {
      const e = await h
        .client()
        .postComment(id, body)
        .then(
          () => undefined,
          (x: unknown) => x,
        )
      expect(e).toBeInstanceOf(GengoError)
      expect(e).toMatchObject({ code: 'GENGO_INPUT' })
      return (e as Error).message
    }
    expect(await refused('   ')).toMatch(/empty/)
    expect(await refused('x'.repeat(MAX_COMMENT_CHARS + 1))).toMatch(/25,000 characters.*25,001/)
    expect((await h.ledger()).requests).toBe(before)
    await h.client().postComment(id, 'é'.repeat(MAX_COMMENT_CHARS))
    expect((await h.client().getComments(id)).at(-1)?.body).toHaveLength(MAX_COMMENT_CHARS)
  })

  it('the emulator refuses what the client would not send: 2300 empty, 2000 over the limit, 2100 another account’s job', async () => {
    const id = await oneJob(h)
    const post = (path: string, body: unknown) => h.raw('POST', path, { data: JSON.stringify({ body }) })
    expect((await post(`translate/job/${id}/comment`, '')).body.err.code).toBe(2300)
    expect((await post(`translate/job/${id}/comment`, 'x'.repeat(MAX_COMMENT_CHARS + 1))).body.err.code).toBe(2000)
    expect((await post('translate/job/999999/comment', 'Hello')).body.err.code).toBe(2100)
    await expect(h.client().postComment('999999', 'Hello')).rejects.toMatchObject({ gengoCode: 2100 })
    await expect(h.client().getComments('999999')).rejects.toMatchObject({ gengoCode: 2100 })
  })

  it('lists the account’s glossaries with their languages as codes', async () => {
    expect(await h.client().glossaries()).toEqual([{ id: '1', title: 'Demo glossary', lcSrc: 'en', lcTgts: ['ja', 'fr', 'de'] }])
  })

  it('legacy quirks: ctime as a string is read as a number', async () => {
    const id = await oneJob(h)
    await h.admin('POST', 'comment', { job_id: Number(id), body: 'Formal or casual?' })
    await h.legacy(true)
    const thread = await h.client().getComments(id)
    expect(thread).toEqual([{ body: 'Formal or casual?', author: 'translator', authorName: 'translator', ctime: expect.any(Number) }])
  })
})

describe('normalizeThread', () => {
  it('reads every shape Gengo may send, and an unknown author as "other" (an unanswered question, not the customer)', () => {
    expect(normalizeThread({})).toEqual([])
    expect(normalizeThread({ thread: [{ body: 'b', author: 'Senior_Translator', ctime: '5' }] })).toEqual([
      { body: 'b', author: 'senior translator', authorName: 'Senior_Translator', ctime: 5 },
    ])
    expect(
      normalizeThread([
        { body: 'x', author: 'staff', ctime: 2 },
        { body: 'y', author: 'customer', ctime: 1 },
      ]).map((c) => c.author),
    ).toEqual(['customer', 'other'])
    expect(() => normalizeThread({ thread: 'nope' })).toThrow(/comment thread/)
  })

  it('glossaries: target languages as [id, code] pairs or plain codes; anything but a list is refused', () => {
    expect(normalizeGlossaries([{ id: '7', title: 'T', source_language_code: 'EN', target_languages: [[1, 'ja'], 'fr'] }])).toEqual([
      { id: '7', title: 'T', lcSrc: 'en', lcTgts: ['ja', 'fr'] },
    ])
    expect(() => normalizeGlossaries('x')).toThrow(/glossary list/)
  })
})
