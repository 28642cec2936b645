import { describe, expect, it } from 'vitest'
import { clocked } from './clocked.ts'

const job = (body: string) => ({ bodySrc: body, lcSrc: 'en', lcTgt: 'ja', tier: 'standard' }) as never

describe('emulator: translators ask in the job thread', () => {
  it('--speed review: every third job (id % 3 = 2) asks on its own when its translator starts, once, and still delivers', async () => {
    const s = clocked('review')
    const bodies = ['One', 'Two', 'Three', 'Four', 'Five', 'Six']
    await s.c.postJobs(Object.fromEntries(bodies.map((b) => [b, job(b)])))
    s.tick(5000)
    await s.c.listJobs() // the emulator moves its jobs on at each request
    const jobs = Object.values(s.em.state.jobs).sort((a, b) => a.id - b.id)
    expect(jobs).toHaveLength(6)
    const asked = jobs.filter((j) => j.comments.some((c) => c.author === 'translator'))
    expect(asked.map((j) => j.id % 3)).toEqual([2, 2])
    for (const j of jobs) {
      const thread = await s.c.getComments(String(j.id))
      expect(thread.length).toBe(j.id % 3 === 2 ? 1 : 0)
      expect((await s.c.getJob(String(j.id))).status).toBe('reviewable')
    }
    const first = asked[0] as (typeof jobs)[number]
    expect((await s.c.getComments(String(first.id)))[0]?.body).toBe(
      `Question from the translator (ja): in "${first.bodySrc}", is this a button label or a sentence? Should it be formal or casual?`,
    )
    s.tick(3600_000)
    expect((await s.c.getComments(String(first.id))).length).toBe(1)
  })

  it('--speed fast asks nothing on its own; POST /_emulator/comment asks, and refuses bad input', async () => {
    const s = clocked('fast')
    await s.c.postJobs({ a: job('Hello'), b: job('World'), c: job('Again') })
    s.tick(5000)
    const ids = Object.keys(s.em.state.jobs)
    for (const id of ids) expect(await s.c.getComments(id)).toEqual([])
    const id = ids[0] as string
    expect(await s.admin('comment', { job_id: Number(id), body: 'Which "Hello"?' })).toMatchObject({ ok: true, comments: 1 })
    expect(await s.admin('comment', { job_id: 1, body: 'x' })).toMatchObject({ error: 'no job 1' })
    expect(await s.admin('comment', { job_id: Number(id), body: '' })).toMatchObject({ error: 'body is a required field' })
    expect(await s.admin('comment', { job_id: Number(id), body: 'x', author: 'customer' })).toMatchObject({ error: /author/ })
    expect((await s.c.getComments(id)).map((c) => c.author)).toEqual(['translator'])
  })
})
