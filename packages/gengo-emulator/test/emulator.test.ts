import { spawnSync } from 'node:child_process'
import { createHmac } from 'node:crypto'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { createGengoClient } from '@l10n-sync/gengo'
import { afterEach, describe, expect, it } from 'vitest'
import { EMULATOR_BIN, spawnEmulator } from '../../../test/utils/emulator-process.ts'
import { tempDir } from '../../../test/utils/tmp.ts'
import { countUnits, createEmulator, creditsFor, DEMO_KEYS, pseudoTranslate, resolveEmulatorOptions, startEmulator } from '../src/index.ts'

const cleanups: (() => unknown)[] = []
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c()
})

describe('unit counting', () => {
  it.each([
    ['Hello, world!', 'en', 2],
    ["Don't stop — it's 3.5 km away.", 'en', 6],
    ['Hello [[[{{name}}]]], welcome back', 'en', 3],
    ['[[[<0>]]]Click[[[</0>]]] here', 'en', 2],
    ['   ', 'en', 0],
    ['Привет, мир', 'ru', 2],
    ['こんにちは、世界！', 'ja', 7],
    ['你好 [[[{{name}}]]]！', 'zh', 2],
    ['안녕하세요', 'ko', 5],
    ['繁體中文', 'zh-tw', 4],
  ])('%s (%s) is %i units', (text, lc, units) => {
    expect(countUnits(text, lc)).toBe(units)
  })

  it('prices per pair and tier', () => {
    expect(creditsFor(10, 'en', 'ja', 'standard')).toBe(0.6)
    expect(creditsFor(10, 'en', 'ja', 'pro')).toBe(1.2)
    expect(creditsFor(10, 'en', 'ru', 'standard')).toBe(0.75)
    expect(creditsFor(10, 'ja', 'en', 'standard')).toBe(0.3)
  })
})

describe('pseudo-translations', () => {
  it('are marked with the language, deterministic, and keep every [[[...]]] verbatim', () => {
    const src = 'Hello [[[{{name}}]]], open [[[<0>]]]settings[[[</0>]]]'
    const out = pseudoTranslate(src, 'ru')
    expect(out).toBe('[ru] Hélló [[[{{name}}]]], ópén [[[<0>]]]séttíngs[[[</0>]]]')
    expect(pseudoTranslate(src, 'ru')).toBe(out)
  })
})

describe('rate limit', () => {
  it('answers a breach with HTTP 429 and err 2800', async () => {
    const running = await startEmulator({ rateLimit: 5 })
    cleanups.push(running.close)
    const statuses: number[] = []
    let last: any
    for (let i = 0; i < 7; i++) {
      const res = await fetch(`${running.url}translate/service/languages`)
      statuses.push(res.status)
      last = await res.json()
    }
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429, 429])
    expect(last).toEqual({ opstat: 'error', err: { code: 2800, msg: expect.any(String) } })
  })

  it('the client’s own limiter keeps it under the emulator’s limit', async () => {
    const running = await startEmulator({ rateLimit: 5, publicKey: 'p', privateKey: 'q' })
    cleanups.push(running.close)
    let now = Date.now()
    const client = createGengoClient({
      publicKey: 'p',
      privateKey: 'q',
      endpoint: running.url,
      requestsPerMinute: 5,
      retries: 0,
      now: () => now,
      sleep: async (ms) => void (now += ms),
    })
    for (let i = 0; i < 5; i++) await client.languages()
    // The sixth would be over the limit: the client waits (simulated) a minute instead of sending it.
    const before = now
    const sixth = client.languages().catch((e) => e)
    await sixth
    expect(now - before).toBeGreaterThanOrEqual(59_000)
  })
})

describe('the gengo-emulator bin', () => {
  it('prints its URL first, keeps lazy loading across a restart with --state, and reads --keys', async () => {
    const { dir, cleanup } = tempDir()
    cleanups.push(cleanup)
    const state = join(dir, 'state.json')
    const args = ['--port', '0', '--speed', 'instant', '--state', state, '--keys', 'pub:priv', '--rate-limit', '0']
    const first = await spawnEmulator(args)
    expect(first.firstLine).toMatch(/^Gengo emulator listening on http:\/\/127\.0\.0\.1:\d+\/v2\/$/)
    const c1 = createGengoClient({ publicKey: 'pub', privateKey: 'priv', endpoint: first.url, retries: 0 })
    const ordered = await c1.postJobs({ a: { bodySrc: 'Persist me', lcSrc: 'en', lcTgt: 'ja', tier: 'standard' } })
    expect(ordered.creditsUsed).toBe(0.12)
    await first.stop()

    const second = await spawnEmulator(args)
    cleanups.push(second.stop)
    const c2 = createGengoClient({ publicKey: 'pub', privateKey: 'priv', endpoint: second.url, retries: 0 })
    const again = await c2.postJobs({ b: { bodySrc: 'Persist me', lcSrc: 'en', lcTgt: 'ja', tier: 'standard' } })
    expect(again.creditsUsed).toBe(0)
    expect(again.jobs.b?.kind === 'existing' && again.jobs.b.jobs[0]?.bodyTgt).toBe('[ja] Pérsíst mé')
    const ledger = await (await fetch(new URL('/_emulator/ledger', second.url))).json()
    expect(ledger).toMatchObject({ jobs_created: 1, credits_charged: 0.12 })
    const wrong = createGengoClient({ publicKey: 'demo-public', privateKey: 'demo-private', endpoint: second.url, retries: 0 })
    await expect(wrong.balance()).rejects.toMatchObject({ gengoCode: 1000 })
  })

  it('GENGO_PUBLIC_KEY= and GENGO_PRIVATE_KEY= set but empty: the bin falls back to the demo keys', async () => {
    const running = await spawnEmulator(['--port', '0', '--rate-limit', '0'], { GENGO_PUBLIC_KEY: '', GENGO_PRIVATE_KEY: '' })
    cleanups.push(running.stop)
    const demo = createGengoClient({ ...DEMO_KEYS, endpoint: running.url, retries: 0 })
    expect((await demo.balance()).credits).toBe(1000)
    // An empty key is never accepted: a client signing with '' cannot pass for the demo key.
    const res = await fetch(`${running.url}account/balance?api_key=&ts=${Math.floor(Date.now() / 1000)}&api_sig=x`)
    expect((await res.json()).err.code).toBe(1150)
  })

  it('exits 2 with usage on a bad flag, and explains a corrupt state file', () => {
    const bad = spawnSync(process.execPath, [EMULATOR_BIN, '--speed', 'warp'], { encoding: 'utf8' })
    expect(bad.status).toBe(2)
    expect(bad.stderr).toMatch(/--speed must be instant, fast, realistic, review, got "warp"/)
    const { dir, cleanup } = tempDir()
    cleanups.push(cleanup)
    writeFileSync(join(dir, 's.json'), '{nope')
    const corrupt = spawnSync(process.execPath, [EMULATOR_BIN, '--port', '0', '--state', join(dir, 's.json')], { encoding: 'utf8' })
    expect(corrupt.status).toBe(1)
    expect(corrupt.stderr).toMatch(/State file .*s\.json is not valid JSON.*Delete it to start fresh/)
  })
})

describe('fetch handler', () => {
  it('tolerates trailing slashes and ignores GET filters wrapped in data', async () => {
    const emu = createEmulator({ publicKey: 'p', privateKey: 'q', speed: 'instant' })
    const ts = Math.floor(Date.now() / 1000)
    const auth = `api_key=p&ts=${ts}&api_sig=${createHmac('sha1', 'q').update(String(ts)).digest('hex')}`
    const res = await emu.fetch(new Request(`http://e/v2/account/balance/?${auth}`))
    expect((await res.json()).response.credits).toBe(1000)
    const list = await emu.fetch(new Request(`http://e/v2/translate/jobs/?${auth}&data=${encodeURIComponent('{"status":"approved"}')}`))
    expect((await list.json()).opstat).toBe('ok')
  })

  it('takes an empty key, in options or in the environment, as unset: the demo keys then', () => {
    const saved = { pub: process.env.GENGO_PUBLIC_KEY, priv: process.env.GENGO_PRIVATE_KEY }
    try {
      process.env.GENGO_PUBLIC_KEY = ''
      process.env.GENGO_PRIVATE_KEY = ''
      expect(resolveEmulatorOptions()).toMatchObject(DEMO_KEYS)
      // Only empty means unset: any other string is a key, as HMAC takes it (a blank one too).
      expect(resolveEmulatorOptions({ privateKey: ' ' })).toMatchObject({ publicKey: DEMO_KEYS.publicKey, privateKey: ' ' })
      expect(resolveEmulatorOptions({ publicKey: '', privateKey: '' })).toMatchObject(DEMO_KEYS)
      process.env.GENGO_PUBLIC_KEY = 'env-public'
      process.env.GENGO_PRIVATE_KEY = 'env-private'
      expect(resolveEmulatorOptions({ publicKey: '' })).toMatchObject({ publicKey: 'env-public', privateKey: 'env-private' })
      expect(resolveEmulatorOptions({ publicKey: 'opt-public' })).toMatchObject({ publicKey: 'opt-public' })
      delete process.env.GENGO_PUBLIC_KEY
      delete process.env.GENGO_PRIVATE_KEY
      expect(resolveEmulatorOptions()).toMatchObject(DEMO_KEYS)
    } finally {
      for (const [k, v] of [
        ['GENGO_PUBLIC_KEY', saved.pub],
        ['GENGO_PRIVATE_KEY', saved.priv],
      ] as const)
        if (v === undefined) delete process.env[k]
        else process.env[k] = v
    }
  })

  it('every answer carries the server time in a Date header (its real clock, not the simulated one)', async () => {
    const emu = createEmulator({ publicKey: 'p', privateKey: 'q', now: () => Date.UTC(2030, 0, 2, 3, 4, 5) })
    await emu.fetch(new Request('http://e/_emulator/advance', { method: 'POST', body: '{"seconds":3600}' }))
    for (const path of ['/v2/account/balance', '/v2/translate/service/languages', '/_emulator/ledger', '/nowhere'])
      expect((await emu.fetch(new Request(`http://e${path}`))).headers.get('date'), path).toBe('Wed, 02 Jan 2030 03:04:05 GMT')
    const running = await startEmulator({ publicKey: 'p', privateKey: 'q', now: () => Date.UTC(2030, 0, 2, 3, 4, 5) })
    cleanups.push(running.close)
    expect((await fetch(`${running.url}account/balance`)).headers.get('date')).toBe('Wed, 02 Jan 2030 03:04:05 GMT')
  })

  it('validates its options by name', () => {
    expect(() => createEmulator({ speed: 'warp' as never })).toThrow(/`speed`/)
    expect(() => createEmulator({ rateLimit: -1 })).toThrow(/`rateLimit`/)
  })
})
