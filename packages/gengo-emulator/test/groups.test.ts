import { describe, expect, it } from 'vitest'
import { clocked } from './clocked.ts'

/** A group (as_group=1) is one translator working through its jobs in order; ungrouped jobs are translated in parallel. */
describe('gengo-emulator groups', () => {
  async function order(asGroup: boolean) {
    const { em, c, tick, now } = clocked('realistic')
    const start = now()
    const jobs = Object.fromEntries(
      Array.from({ length: 200 }, (_, i) => [
        `k${i}`,
        { bodySrc: `String number ${i}`, lcSrc: 'en', lcTgt: 'ja', tier: 'standard' as const },
      ]),
    )
    const res = await c.postJobs(jobs, { asGroup })
    const ids = Object.values(em.state.jobs).map((j) => j.id)
    const times = ids.map((id) => (em.state.jobs[String(id)]?.at.reviewable ?? 0) - start)
    let elapsed = 0
    const reviewableAfter = async (hours: number) => {
      tick(hours * 3600_000 - elapsed)
      elapsed = hours * 3600_000
      return (await c.getOrder(res.orderId as string)).jobsReviewable.length
    }
    return { first: Math.min(...times), last: Math.max(...times), reviewableAfter }
  }

  it('a 200-job group takes about 200 jobs’ time, the same jobs ungrouped about one job’s', async () => {
    const grouped = await order(true)
    const ungrouped = await order(false)
    const h = (ms: number) => (ms / 3600_000).toFixed(1)
    console.info(
      `[measure] 200 jobs, realistic speed: last reviewable after ${h(ungrouped.last)} h ungrouped, ${h(grouped.last)} h grouped`,
    )
    expect(grouped.last).toBeGreaterThan(150 * ungrouped.first)
    expect(ungrouped.last).toBeLessThan(4 * ungrouped.first)
    // what a --wait sees: after 4 h every ungrouped job is done, while the group's translator is on its second
    expect(await ungrouped.reviewableAfter(4)).toBe(200)
    expect(await grouped.reviewableAfter(4)).toBeLessThanOrEqual(2)
  })

  it("a group's translator takes its jobs by position, not as submitted; a bad position is refused (1351)", async () => {
    const { em, c, now } = clocked('fast')
    const job = (text: string, position: number) => ({ bodySrc: text, lcSrc: 'en', lcTgt: 'ja', tier: 'standard' as const, position })
    await c.postJobs({ c: job('Third', 3), a: job('First', 1), b: job('Second', 2) }, { asGroup: true })
    const jobs = Object.values(em.state.jobs).sort((x, y) => x.at.reviewable - y.at.reviewable)
    expect(jobs.map((j) => [j.bodySrc, j.position])).toEqual([
      ['First', 1],
      ['Second', 2],
      ['Third', 3],
    ])
    expect((jobs[0]?.at.reviewable ?? 0) - now()).toBeLessThan((jobs[2]?.at.reviewable ?? 0) - now())
    await expect(c.postJobs({ a: job('X', -1), b: job('Y', 2) }, { asGroup: true })).rejects.toMatchObject({ gengoCode: 1351 })
    await expect(c.postJobs({ a: { ...job('X', 1), position: 1.5 } })).rejects.toMatchObject({ gengoCode: 1351 })
  })
})
