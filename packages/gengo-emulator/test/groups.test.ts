import { createGengoClient } from '@l10n-sync/gengo'
import { describe, expect, it } from 'vitest'
import { createEmulator } from '../src/index.ts'

/** A group (as_group=1) is one translator working through its jobs in order; ungrouped jobs are translated in parallel. */
describe('gengo-emulator groups', () => {
  async function order(asGroup: boolean) {
    let now = Date.UTC(2026, 0, 1)
    const em = createEmulator({ speed: 'realistic', rateLimit: 0, now: () => now })
    const c = createGengoClient({
      publicKey: 'demo-public',
      privateKey: 'demo-private',
      endpoint: 'http://em.local/v2/',
      fetch: (r) => em.fetch(r),
      now: () => now,
    })
    const jobs = Object.fromEntries(
      Array.from({ length: 200 }, (_, i) => [
        `k${i}`,
        { bodySrc: `String number ${i}`, lcSrc: 'en', lcTgt: 'ja', tier: 'standard' as const },
      ]),
    )
    const start = now
    const res = await c.postJobs(jobs, { asGroup })
    const ids = Object.values(em.state.jobs).map((j) => j.id)
    const times = ids.map((id) => (em.state.jobs[String(id)]?.at.reviewable ?? 0) - start)
    const reviewableAfter = async (hours: number) => {
      now = start + hours * 3600_000
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
})
