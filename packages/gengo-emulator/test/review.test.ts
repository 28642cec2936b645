import { describe, expect, it } from 'vitest'
import { clocked as setup } from './clocked.ts'

const job = (body: string, extra: Record<string, unknown> = {}) =>
  ({ bodySrc: body, lcSrc: 'en', lcTgt: 'ja', tier: 'standard', ...extra }) as never

async function reviewable(s: ReturnType<typeof setup>, body: string, extra?: Record<string, unknown>): Promise<string> {
  const res = await s.c.postJobs({ a: job(body, extra) })
  s.tick(5000)
  const order = await s.c.getOrder(res.orderId as string)
  const id = order.jobsReviewable[0] ?? order.jobsApproved[0]
  expect(id).toBeDefined()
  return id as string
}

describe('emulator: review speed, approve with rating, revise with comment, auto-approve', () => {
  it('review speed: a job stops at reviewable and waits, even with auto_approve', async () => {
    const s = setup('review')
    const id = await reviewable(s, 'Save [[[{{name}}]]]', { autoApprove: true })
    s.tick(3600_000)
    expect(await s.c.getJob(id)).toMatchObject({ status: 'reviewable', bodyTgt: '[ja] Sávé [[[{{name}}]]]' })
  })

  it('approve records the rating and feedback; a rating outside 1-5 is refused', async () => {
    const s = setup()
    const id = await reviewable(s, 'Open')
    await expect(s.c.updateJob(id, { action: 'approve', rating: 7 } as never)).rejects.toThrow(/rating/)
    expect((await s.c.getJob(id)).status).toBe('reviewable')
    await s.c.updateJob(id, { action: 'approve', rating: 4, forTranslator: 'Nice and short', public: false })
    expect((await s.c.getJob(id)).status).toBe('approved')
    const stored = s.em.state.jobs[id]
    expect(stored?.approval).toMatchObject({ rating: 4, forTranslator: 'Nice and short', public: false })
  })

  it('revise: the job goes to revising, and later comes back with different wording and a reply', async () => {
    const s = setup()
    const id = await reviewable(s, 'Close [[[{{what}}]]]')
    const before = (await s.c.getJob(id)).bodyTgt
    await s.c.updateJob(id, { action: 'revise', comment: 'Too formal, please' })
    expect((await s.c.getJob(id)).status).toBe('revising')
    s.tick(2000)
    const after = await s.c.getJob(id)
    expect(after.status).toBe('reviewable')
    expect(after.bodyTgt).not.toBe(before)
    expect(after.bodyTgt).toBe('[ja rev 1] Clósé [[[{{what}}]]]')
    expect(s.em.state.jobs[id]?.comments.map((c) => [c.author, c.body])).toEqual([
      ['customer', 'Too formal, please'],
      ['translator', 'Revised as asked (revision 1).'],
    ])
  })

  it('Gengo approves a reviewable job on its own after 120 simulated hours (advance)', async () => {
    const s = setup()
    const id = await reviewable(s, 'Later')
    await s.admin('advance', { seconds: 119 * 3600 })
    expect((await s.c.getJob(id)).status).toBe('reviewable')
    await s.admin('advance', { seconds: 3600 })
    expect((await s.c.getJob(id)).status).toBe('approved')
    expect(s.em.state.jobs[id]?.autoApproved).toBe(true)
  })

  it('the admin speed route accepts review', async () => {
    const s = setup('fast')
    expect(await s.admin('speed', { speed: 'review' })).toEqual({ ok: true, speed: 'review' })
  })
})

describe('emulator: the placeholder fault with mode inject (issue 20)', () => {
  it('the next job’s translator adds the text, on a job without [[[…]]] too; the revision comes back clean', async () => {
    const s = setup()
    expect(await s.admin('faults', { kind: 'placeholder', mode: 'inject', text: ' <img src=x onerror=alert(1)>' })).toMatchObject({
      ok: true,
    })
    const id = await reviewable(s, 'Open')
    expect((await s.c.getJob(id)).bodyTgt).toBe('[ja] Ópén <img src=x onerror=alert(1)>')
    // Taken once: the next job is clean.
    const other = await reviewable(s, 'Close')
    expect((await s.c.getJob(other)).bodyTgt).toBe('[ja] Clósé')
    await s.c.updateJob(id, { action: 'revise', comment: 'Please remove the markup' })
    s.tick(2000)
    expect((await s.c.getJob(id)).bodyTgt).toBe('[ja] Ópén')
  })

  it('drop and alter still wait for a job with a [[[…]]] segment; inject needs a non-empty text, and a mode is one of three', async () => {
    const s = setup()
    await s.admin('faults', { kind: 'placeholder', mode: 'drop' })
    const plain = await reviewable(s, 'Open')
    expect((await s.c.getJob(plain)).bodyTgt).toBe('[ja] Ópén')
    const marked = await reviewable(s, 'Save [[[{{name}}]]]')
    expect((await s.c.getJob(marked)).bodyTgt).toBe('[ja] Sávé ')
    for (const bad of [{ mode: 'inject' }, { mode: 'inject', text: '' }, { mode: 'inject', text: 5 }]) {
      expect(await s.admin('faults', { kind: 'placeholder', ...bad })).toEqual({
        error: 'a placeholder fault with mode inject needs text: the non-empty string the translator adds',
      })
    }
    expect(await s.admin('faults', { kind: 'placeholder', mode: 'swap' })).toEqual({
      error: "a placeholder fault's mode is one of drop, alter, inject",
    })
  })
})
