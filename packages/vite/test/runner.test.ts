import type { SyncReport } from '@l10n-sync/core'
import { describe, expect, it } from 'vitest'
import { createSyncRunner } from '../src/runner.ts'

const report = (complete: boolean): SyncReport =>
  ({
    complete,
    pending: complete ? [] : [{ lng: 'ja', ns: 'c', key: 'k' }],
    ordered: { jobs: 0, credits: 0, currency: 'USD' },
  }) as unknown as SyncReport
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

describe('sync runner', () => {
  it('debounces a burst of edits into one sync, and never runs two at once', async () => {
    let running = 0
    let maxRunning = 0
    let runs = 0
    const runner = createSyncRunner({
      debounce: 30,
      pollInterval: 60_000,
      run: async () => {
        runs++
        running++
        maxRunning = Math.max(maxRunning, running)
        await sleep(40)
        running--
        return report(true)
      },
    })
    for (let i = 0; i < 5; i++) runner.request()
    await sleep(100)
    expect(runs).toBe(1)
    await Promise.all([runner.now(), runner.now(), runner.now()])
    expect(maxRunning).toBe(1)
    expect(runs).toBe(3) // the one started now, plus one more however many asked while it ran
    runner.stop()
  })

  it('polls only while something is pending or the last sync failed', async () => {
    let runs = 0
    let pending = true
    const runner = createSyncRunner({
      debounce: 0,
      pollInterval: 20,
      run: async () => {
        runs++
        return report(!pending)
      },
    })
    await runner.now()
    await sleep(70)
    expect(runs).toBeGreaterThan(1)
    pending = false
    await sleep(50)
    const settled = runs
    await sleep(100)
    expect(runs).toBe(settled)
    runner.stop()
  })
})
