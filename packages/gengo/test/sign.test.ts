import { createEmulator } from '@l10n-sync/gengo-emulator'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { createGengoClient, signTimestamp } from '../src/index.ts'

describe('signatures', () => {
  it('matches a known HMAC-SHA1 vector', () => {
    // echo -n 1300000000 | openssl dgst -sha1 -hmac secret
    expect(signTimestamp('secret', 1300000000)).toBe('e58ca24a9431b83ba004b5fd30754d7f86f7e0ef')
    expect(signTimestamp('secret', '1300000000')).toBe('e58ca24a9431b83ba004b5fd30754d7f86f7e0ef')
  })

  it('property: the emulator accepts the client’s signature for random keys and timestamps, and rejects a tampered one', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.string({ minLength: 1, maxLength: 64 }).filter((s) => s.trim() !== '' && !s.includes('\u0000')),
        fc.string({ minLength: 1, maxLength: 64 }),
        fc.integer({ min: 1_000_000_000, max: 4_000_000_000 }),
        async (publicKey, privateKey, ts) => {
          const nowMs = ts * 1000 + 123
          const emulator = createEmulator({ publicKey, privateKey, now: () => nowMs, rateLimit: 0 })
          const client = createGengoClient({
            publicKey,
            privateKey,
            endpoint: 'http://emu.test/v2/',
            fetch: (r) => emulator.fetch(r),
            now: () => nowMs,
            retries: 0,
            requestsPerMinute: 0,
          })
          expect(await client.balance()).toEqual({ credits: 1000, currency: 'USD' })
          const sig = signTimestamp(privateKey, ts)
          expect(sig).toMatch(/^[0-9a-f]{40}$/)
          const tampered = sig.replace(/^./, (c) => (c === '0' ? '1' : '0'))
          const url = `http://emu.test/v2/account/balance?api_key=${encodeURIComponent(publicKey)}&ts=${ts}&api_sig=${tampered}`
          const body = await (await emulator.fetch(new Request(url))).json()
          expect(body.err.code).toBe(1000)
        },
      ),
      { numRuns: 200 },
    )
  })

  it('signs every request afresh with the current ts', async () => {
    const seen: string[] = []
    let now = 1_700_000_000_000
    const emulator = createEmulator({ publicKey: 'p', privateKey: 'q', now: () => now })
    const client = createGengoClient({
      publicKey: 'p',
      privateKey: 'q',
      endpoint: 'http://emu.test/',
      now: () => now,
      requestsPerMinute: 0,
      fetch: (r) => {
        const u = new URL(r.url)
        seen.push(`${u.searchParams.get('ts')}:${u.searchParams.get('api_sig')}`)
        return emulator.fetch(r)
      },
    })
    await client.balance()
    now += 5000
    await client.balance()
    expect(seen).toHaveLength(2)
    expect(seen[0]).not.toBe(seen[1])
    expect(seen[1]?.startsWith('1700000005:')).toBe(true)
  })
})
