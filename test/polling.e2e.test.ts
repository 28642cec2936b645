import { type Clock, loadConfig, resolveConfig, type SyncEvent, sync } from '@l10n-sync/core'
import { createEmulator } from '@l10n-sync/gengo-emulator'
import { describe, expect, it } from 'vitest'
import { projectPerTest, TEST_KEYS } from './utils/project.ts'

/**
 * Gengo asks for modest polling (no more than about once every 30 minutes per job) and can
 * suspend accounts that poll too much: `--wait` against Gengo starts at 30 minutes and backs
 * off to 2 hours; against the emulator (or a loopback URL) it polls every 15 s, up to 2 minutes.
 */

const newProject = projectPerTest()

const MIN = 60_000
const policy = (gengo: Record<string, unknown>) => {
  const { pollIntervalMs, pollMaxMs } = resolveConfig({ source: 'en', targets: ['ja'], gengo }, '/project').gengo
  return { pollIntervalMs, pollMaxMs }
}

describe('--wait polling follows Gengo’s guidance', () => {
  it('defaults: 30 min → 2 h against Gengo (production, sandbox, any remote URL); 15 s → 2 min against the emulator or loopback', () => {
    const gengo = { pollIntervalMs: 30 * MIN, pollMaxMs: 120 * MIN }
    const local = { pollIntervalMs: 15_000, pollMaxMs: 2 * MIN }
    expect(policy({ endpoint: 'production' })).toEqual(gengo)
    expect(policy({ endpoint: 'sandbox' })).toEqual(gengo)
    expect(policy({ endpoint: 'https://gengo-proxy.example.com/v2/' })).toEqual(gengo)
    expect(policy({ endpoint: 'emulator' })).toEqual(local)
    expect(policy({ endpoint: 'http://127.0.0.1:8787/v2/' })).toEqual(local)
    expect(policy({ endpoint: 'http://localhost:8787/v2/' })).toEqual(local)
    // An explicit interval wins; the ceiling never falls below it.
    expect(policy({ endpoint: 'production', pollIntervalMs: 5 * MIN })).toEqual({ pollIntervalMs: 5 * MIN, pollMaxMs: 120 * MIN })
    expect(policy({ endpoint: 'emulator', pollIntervalMs: 5 * MIN })).toEqual({ pollIntervalMs: 5 * MIN, pollMaxMs: 5 * MIN })
  })

  it('a real sync --wait against the production endpoint schedules its first poll 30 minutes out and polls no job or order twice sooner', async () => {
    const p = await newProject({ 'locales/en/common.json': { a: 'Alpha', b: 'Beta' } })
    p.write('l10n.config.mjs', "export default { source: 'en', targets: ['ja', 'fr'], gengo: { endpoint: 'production' } }\n")
    // Gengo's production URL, answered in-process by the emulator: its translators take hours.
    const gengo = createEmulator({ ...TEST_KEYS, speed: 'realistic', rateLimit: 0, onWarning: () => {} })
    const seen: string[] = []
    const controller = new AbortController()
    const waits: number[] = []
    const onEvent = (e: SyncEvent) => {
      if (e.type !== 'wait') return
      waits.push(e.nextPollMs)
      controller.abort() // stop after the first scheduled poll: the interval is what is checked
    }
    const config = await loadConfig({ cwd: p.dir })
    const r = await sync(config, {
      wait: 4 * 3600,
      onEvent,
      signal: controller.signal,
      fetch: (request) => {
        seen.push(`${request.method} ${new URL(request.url).host}${new URL(request.url).pathname}`)
        return gengo.fetch(request)
      },
    })
    expect(r.complete).toBe(false)
    expect(waits).toEqual([30 * MIN])
    expect(seen.every((s) => s.includes('api.gengo.com/v2/'))).toBe(true)
    expect(seen.filter((s) => /GET .*translate\/job\//.test(s))).toEqual([]) // never one request per job
    expect(gengo.state.ledger.poll_warnings ?? 0).toBe(0)
  })

  it('a whole 4-hour sync --wait against the production endpoint on a simulated clock (core, client and Gengo share it): every poll 30 min or more apart, backing off ×1.5, complete once the translators are done', async () => {
    const p = await newProject({ 'locales/en/common.json': { a: 'Alpha', b: 'Beta', c: 'Gamma' } })
    p.write(
      'l10n.config.mjs',
      "export default { source: 'en', targets: ['ja', 'fr'], gengo: { endpoint: 'production', acceptReviewable: true } }\n",
    )
    // Simulated time: it moves only when the run sleeps, so four hours pass in milliseconds of real time.
    let t = Date.UTC(2026, 11, 1, 9, 0, 0)
    const clock: Clock = { now: () => t, sleep: async (ms) => void (t += ms) }
    const gengo = createEmulator({ ...TEST_KEYS, speed: 'realistic', rateLimit: 0, now: clock.now, onWarning: () => {} })
    const start = t
    const polls: number[] = []
    const waits: number[] = []
    const r = await sync(await loadConfig({ cwd: p.dir }), {
      wait: 4 * 3600,
      clock,
      onEvent: (e) => {
        if (e.type === 'wait') waits.push(e.nextPollMs)
        if (e.type === 'request' && e.method === 'GET' && !e.retry) polls.push(t - start)
      },
      fetch: (request) => gengo.fetch(request),
    })
    const minutes = (ms: number) => ms / MIN
    console.info(
      `[measure] 4 h --wait on a simulated clock: waits ${waits.map(minutes).join(', ')} min; GETs at ${[...new Set(polls)].map(minutes).join(', ')} min`,
    )
    expect(r.complete).toBe(true)
    expect(r.ordered.jobs).toBe(6)
    // ×1.5 each time; the last wait is cut to the deadline (4 h), where the last translations are done (less the
    // seconds the first pass waited for Gengo to list its new jobs).
    expect(waits.slice(0, 3)).toEqual([30 * MIN, 45 * MIN, 67.5 * MIN])
    expect(waits[3]).toBeGreaterThan(97 * MIN)
    expect(waits[3]).toBeLessThanOrEqual(97.5 * MIN)
    expect(t - start).toBe(4 * 3600_000)
    expect(gengo.state.ledger.poll_warnings ?? 0).toBe(0) // Gengo's own count, on the same clock
    expect(Object.keys(p.readJson('locales/fr/common.json'))).toEqual(['a', 'b', 'c'])
  })

  it("an emulator on a loopback URL is polled every 15 s at first (fast demos), and the emulator counts any poll sooner than Gengo's guidance", async () => {
    const p = await newProject({ 'locales/en/common.json': { a: 'Alpha' } }, {}, { speed: 'realistic' })
    const waits: number[] = []
    const controller = new AbortController()
    const config = await loadConfig({ cwd: p.dir }) // a loopback URL: the test emulator over HTTP
    await sync(config, {
      wait: 3600,
      signal: controller.signal,
      onEvent: (e) => {
        if (e.type !== 'wait') return
        waits.push(e.nextPollMs)
        controller.abort()
      },
    })
    expect(waits).toEqual([15_000])
    // Two polls of the same order a moment apart are what the guidance asks clients not to do.
    await p.sync()
    await p.sync()
    expect((await p.ledger()).poll_warnings).toBeGreaterThanOrEqual(1)
  })
})
