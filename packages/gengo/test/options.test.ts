import { describe, expect, it } from 'vitest'
import { createGengoClient, GengoError, resolveEndpoint, resolveGengoClientOptions } from '../src/index.ts'
import { createRateLimiter } from '../src/limiter.ts'
import { clockSkewSeconds, interpret } from '../src/transport.ts'

describe('client options', () => {
  it('resolves endpoints', () => {
    expect(resolveEndpoint('production')).toBe('https://api.gengo.com/v2/')
    expect(resolveEndpoint('sandbox')).toBe('https://api.sandbox.gengo.com/v2/')
    expect(resolveEndpoint('http://127.0.0.1:9/')).toBe('http://127.0.0.1:9/v2/')
    expect(resolveEndpoint('http://127.0.0.1:9/v2')).toBe('http://127.0.0.1:9/v2/')
    expect(() => resolveEndpoint('ftp://x')).toThrow(/`endpoint`/)
    expect(() => resolveEndpoint('nonsense')).toThrow(/`endpoint`.*'production', 'sandbox'/)
  })

  it('names the bad option, and never echoes the private key', () => {
    expect(() => resolveGengoClientOptions({ publicKey: 'a' })).toThrow(/`privateKey`/)
    expect(() => resolveGengoClientOptions({ privateKey: 'x' })).toThrow(/`publicKey`/)
    expect(() => createGengoClient({ publicKey: 'a', privateKey: 'top-secret', timeoutMs: -1 })).toThrow(/`timeoutMs`: -1/)
    expect(() => createGengoClient({ publicKey: 'a', privateKey: 'top-secret', requestsPerMinute: 151 })).toThrow(/at most 150/)
    try {
      createGengoClient({ publicKey: 'a', privateKey: 'top-secret', retries: 1.5 })
    } catch (e) {
      expect(e).toBeInstanceOf(GengoError)
      expect((e as GengoError).code).toBe('GENGO_OPTIONS')
      expect(String(e)).not.toContain('top-secret')
    }
  })

  it('has documented defaults', () => {
    const o = resolveGengoClientOptions({ publicKey: 'a', privateKey: 'b' })
    expect(o).toMatchObject({
      baseUrl: 'https://api.gengo.com/v2/',
      timeoutMs: 30000,
      retries: 4,
      requestsPerMinute: 140,
      maxIdsPerRequest: 50,
    })
    expect(o.userAgent).toMatch(/^Gengo l10n-sync; Version [\d.]+; https:\/\/\S+;$/)
  })
})

describe('rate limiter', () => {
  it('lets at most N requests start in any 60 s window', async () => {
    let now = 0
    const starts: number[] = []
    const limiter = createRateLimiter(
      3,
      () => now,
      async (ms) => {
        now += ms
      },
    )
    for (let i = 0; i < 7; i++) {
      await limiter.take()
      starts.push(now)
      now += 1000
    }
    expect(starts).toEqual([0, 1000, 2000, 60000, 61000, 62000, 120000])
  })

  it('pauses everyone after a Retry-After', async () => {
    let now = 0
    const limiter = createRateLimiter(
      0,
      () => now,
      async (ms) => {
        now += ms
      },
    )
    limiter.pause(5000)
    await limiter.take()
    expect(now).toBe(5000)
  })
})

describe('response envelope', () => {
  it('accepts every envelope variant', () => {
    expect(interpret(200, '{"opstat":"ok","response":{}}', 'GET x')).toEqual({})
    expect(interpret(200, '{"opstat":"ok"}', 'GET x')).toEqual({})
    expect(() => interpret(200, '{"opstat":"error","err":{"code":"1551","msg":"m"}}', 'GET x')).toThrow(
      expect.objectContaining({ gengoCode: 1551 }),
    )
    expect(() => interpret(404, '{"opstat":"error","err":{"msg":"m"}}', 'GET x')).toThrow(
      expect.objectContaining({ gengoCode: 404, status: 404 }),
    )
    expect(() => interpret(500, '<html>oops</html>', 'GET x')).toThrow(expect.objectContaining({ code: 'GENGO_HTTP', retryable: true }))
    expect(() => interpret(200, '[1,2]', 'GET x')).toThrow(expect.objectContaining({ code: 'GENGO_BAD_RESPONSE' }))
    expect(() =>
      interpret(
        200,
        '{"opstat":"error","err":{"job_1":[{"code":1350,"msg":"m"}],"job_2":{"code":"1551","msg":"n"}}}',
        'POST translate/jobs',
      ),
    ).toThrow(
      expect.objectContaining({ code: 'GENGO_JOBS', jobErrors: { job_1: [{ code: 1350, msg: 'm' }], job_2: [{ code: 1551, msg: 'n' }] } }),
    )
  })
})

describe('authentication failures and the clock', () => {
  const auth = (msg: string, skewSeconds?: number) => {
    try {
      interpret(200, JSON.stringify({ opstat: 'error', err: { code: 1000, msg } }), 'GET account/balance', { skewSeconds })
    } catch (error) {
      return (error as GengoError).message
    }
    throw new Error('no error')
  }

  it('reads the skew from the Date header, in whole seconds; none without a usable one', () => {
    const at = (date?: string) => new Response('{}', { headers: date ? { date } : {} })
    const now = Date.UTC(2030, 0, 1, 12, 0, 0, 900)
    expect(clockSkewSeconds(at('Tue, 01 Jan 2030 12:00:00 GMT'), now)).toBe(0)
    expect(clockSkewSeconds(at('Tue, 01 Jan 2030 12:10:00 GMT'), now)).toBe(-600)
    expect(clockSkewSeconds(at('Tue, 01 Jan 2030 11:59:00 GMT'), now)).toBe(60)
    expect(clockSkewSeconds(at(), now)).toBeUndefined()
    expect(clockSkewSeconds(at('yesterday'), now)).toBeUndefined()
  })

  it('names the keys, not the clock, unless the clock is measurably off or Gengo says it is the timestamp', () => {
    expect(auth('authentication failed', 0)).toMatch(/Check GENGO_PUBLIC_KEY \/ GENGO_PRIVATE_KEY/)
    expect(auth('authentication failed', 29)).not.toMatch(/clock/)
    expect(auth('authentication failed')).not.toMatch(/clock/) // no Date header (a proxy dropped it): no guess
    expect(auth('authentication failed', -30)).toMatch(/clock is 30 s behind Gengo’s/)
    expect(auth('authentication failed', 400)).toMatch(/clock is 400 s ahead of Gengo’s/)
    expect(auth('authentication failed (ts too far from server time)')).toMatch(/Gengo says the timestamp is off, .*NTP/)
  })
})
