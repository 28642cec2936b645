import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { GengoError } from '../src/index.ts'
import { expectJobErrorMap, type Harness, harness, job, KEYS, MODES, rawJob } from './harness.ts'

const data = (d: unknown) => ({ data: JSON.stringify(d) })

describe.each(MODES)('every error code the emulator emits (%s)', (mode) => {
  let h: Harness
  beforeEach(async () => {
    h = await harness(mode)
  })
  afterEach(async () => {
    await h.close()
  })

  async function code(method: string, path: string, params: Record<string, string>, sign?: Parameters<Harness['raw']>[3]) {
    const res = await h.raw(method, path, params, sign)
    expect(res.body.opstat).toBe('error')
    // A per-job error map (POST translate/jobs) answers with each job's codes: the first one.
    const err = res.body.err
    return (err.code ?? (Object.values(err)[0] as { code: number }[])[0]?.code) as number
  }

  it('authentication: 1000, 1100, 1150, 1200, 1201', async () => {
    expect(await code('GET', 'account/balance', {}, false)).toBe(1150)
    expect(await code('GET', 'account/balance', { api_key: KEYS.publicKey }, false)).toBe(1100)
    expect(await code('GET', 'account/balance', { api_key: KEYS.publicKey, api_sig: 'abc' }, false)).toBe(1200)
    expect(await code('GET', 'account/balance', { api_key: KEYS.publicKey, api_sig: 'abc', ts: '12.5' }, false)).toBe(1201)
    expect(await code('GET', 'account/balance', {}, { key: 'someone-else' })).toBe(1000)
    expect(await code('GET', 'account/balance', {}, { sig: 'deadbeef' })).toBe(1000)
    // a timestamp more than 300 s off
    const old = await h
      .client({ now: () => Date.now() - 301_000 })
      .balance()
      .catch((e) => e)
    expect(old).toMatchObject({ code: 'GENGO_AUTH', gengoCode: 1000, retryable: false })
    expect((await h.ledger()).by_route['GET account/balance']).toBe(7) // auth failures are not retried
  })

  it('a 1000 names the clock only when the timestamp is actually skewed, and by how much', async () => {
    const wrongKey = await h
      .client({ privateKey: 'not-the-private-key' })
      .balance()
      .catch((e) => e)
    expect(wrongKey).toMatchObject({ code: 'GENGO_AUTH', gengoCode: 1000 })
    expect(wrongKey.message).toMatch(/Check GENGO_PUBLIC_KEY \/ GENGO_PRIVATE_KEY: Gengo did not accept the key or the signature\.$/)
    expect(wrongKey.message).not.toMatch(/clock|NTP/)
    // 10 s off is no skew worth naming; 40 s is (Gengo documents no tolerance), and the keys stay the fallback.
    const close = await h
      .client({ publicKey: 'someone-else', now: () => Date.now() - 10_000 })
      .balance()
      .catch((e) => e)
    expect(close.message).not.toMatch(/clock|NTP/)
    const off = await h
      .client({ publicKey: 'someone-else', now: () => Date.now() - 40_000 })
      .balance()
      .catch((e) => e)
    expect(off.message).toMatch(/clock is (39|40|41) s behind Gengo’s.*If it is right, check GENGO_PUBLIC_KEY/)
    const behind = await h
      .client({ now: () => Date.now() - 600_000 })
      .balance()
      .catch((e) => e)
    expect(behind).toMatchObject({ code: 'GENGO_AUTH', gengoCode: 1000 })
    expect(behind.message).toMatch(/This machine’s clock is (599|600|601) s behind Gengo’s, .* set the clock right \(NTP\)/)
    const ahead = await h
      .client({ now: () => Date.now() + 3_600_000 })
      .balance()
      .catch((e) => e)
    expect(ahead.message).toMatch(/clock is (3599|3600|3601) s ahead of Gengo’s/)
  })

  it('POST jobs validation: 1250, 1251, 1300, 1301, 1304, 1350, 1351, 1400, 1450, 1500, 1551, 1601, 1651, 1701, 1751, 1800, 1851, 1852, 1901', async () => {
    const post = (params: Record<string, string>) => code('POST', 'translate/jobs', params)
    expect(await post({})).toBe(1250)
    expect(await post({ data: '{not json' })).toBe(1251)
    expect(await post(data({}))).toBe(1800)
    const cases: [Record<string, unknown>, number][] = [
      [{ type: undefined }, 1300],
      [{ type: 'file' }, 1301],
      [{ tier: 'gold' }, 1304],
      [{ body_src: undefined }, 1350],
      [{ body_src: '   ' }, 1351],
      [{ lc_src: undefined }, 1400],
      [{ lc_tgt: undefined }, 1450],
      [{ tier: undefined }, 1500],
      [{ lc_tgt: 'xx' }, 1551],
      [{ lc_src: 'tl', lc_tgt: 'hi' }, 1551],
      [{ callback_url: 'not a url' }, 1601],
      [{ auto_approve: 2 }, 1651],
      [{ use_preferred: 'yes' }, 1701],
      [{ custom_data: 'é'.repeat(513) }, 1751],
    ]
    for (const [over, expected] of cases) expect([over, await post(data({ jobs: { job_1: rawJob(over) } }))]).toEqual([over, expected])
    expect(await post(data({ jobs: { a: rawJob() }, as_group: 2 }))).toBe(1851)
    expect(await post(data({ jobs: { a: rawJob() }, allow_fork: 'x' }))).toBe(1852)
    expect(await post(data({ jobs: { a: rawJob() }, process: 3 }))).toBe(1901)
    expect((await h.ledger()).jobs_created).toBe(0)
  })

  it('a POST with bad jobs answers a per-job error map in the modern edition too: GENGO_JOBS names every key', async () => {
    await expectJobErrorMap(h)
  })

  it('the client refuses what Gengo would refuse before sending it (1350, 1751, 1800)', async () => {
    const c = h.client()
    await expect(c.postJobs({ a: job('') })).rejects.toMatchObject({ code: 'GENGO_INPUT' })
    await expect(c.postJobs({ big: job('Hi', 'ja', { customData: 'x'.repeat(1025) }) })).rejects.toThrow(/"big" has customData over 1 KB/)
    await expect(c.postJobs({})).rejects.toMatchObject({ code: 'GENGO_INPUT' })
    expect((await h.ledger()).requests).toBe(0)
  })

  it('1754: an identical payload within 5 minutes', async () => {
    const params = data({ jobs: { a: rawJob({ body_src: 'Twice' }) } })
    const first = await h.raw('POST', 'translate/jobs', params)
    expect(first.body.opstat).toBe('ok')
    expect(await code('POST', 'translate/jobs', params)).toBe(1754)
  })

  it('job and order codes: 2050, 2100, 2250, 2252, 2300, 2350, 2450, 2501, 2650, 2750', async () => {
    const c = h.client()
    const res = await c.postJobs({ a: job('Codes') })
    const id = (await c.getOrder(res.orderId as string)).jobsReviewable[0] as string
    expect(await code('GET', 'translate/job/', {})).toBe(2050)
    expect(await code('GET', 'translate/job/77', {})).toBe(2100)
    expect(await code('PUT', `translate/job/${id}`, data({ action: 'revise' }))).toBe(2300)
    expect(await code('PUT', `translate/job/${id}`, data({ action: 'dance' }))).toBe(2650)
    expect(await code('PUT', `translate/job/${id}`, data({ action: 'reject', comment: 'Wrong term' }))).toBe(2350)
    expect(await code('PUT', `translate/job/${id}`, data({ action: 'reject', reason: 'quality', comment: 'x', follow_up: 'later' }))).toBe(
      2450,
    )
    expect(await code('PUT', `translate/job/${id}`, data({ action: 'archive' }))).toBe(2650)
    expect(await code('PUT', `translate/job/${id}`, data({ action: 'approve', rating: 9 }))).toBe(2501)
    expect(await code('DELETE', `translate/job/${id}`, {})).toBe(2252)
    await c.updateJob(id, { action: 'approve' })
    expect(await code('PUT', `translate/job/${id}`, data({ action: 'approve' }))).toBe(2250)
    expect(await code('PUT', `translate/job/${id}`, data({ action: 'reject', reason: 'quality', comment: 'x' }))).toBe(2650)
    expect(await code('GET', 'translate/order/1', {})).toBe(2750)
  })

  it('2700 not enough credits and 2800 rate limit surface typed', async () => {
    await h.admin('POST', 'balance', { credits: 0 })
    await expect(h.client().postJobs({ a: job('Money') })).rejects.toMatchObject({ code: 'GENGO_CREDITS', gengoCode: 2700 })
    await h.faults({ kind: 'rate-limit', times: 5 })
    const e = await h
      .client({ retries: 2 })
      .balance()
      .catch((err: unknown) => err)
    expect(e).toMatchObject({ code: 'GENGO_RATE_LIMIT', gengoCode: 2800, status: 429, retryable: true })
    expect((await h.ledger()).by_route['GET account/balance']).toBe(3)
  })

  it('errors carry the Gengo code, message and status, and never the private key or signature', async () => {
    const c = h.client()
    const errors: unknown[] = []
    await h.faults({ kind: 'html', status: 400 }, { kind: 'drop' }, { kind: 'malformed' })
    errors.push(await c.balance().catch((e) => e))
    errors.push(
      await h
        .client({ retries: 0 })
        .balance()
        .catch((e) => e),
    )
    errors.push(
      await h
        .client({ retries: 0 })
        .balance()
        .catch((e) => e),
    )
    errors.push(
      await h
        .client({ privateKey: 'wrong-private-key' })
        .balance()
        .catch((e) => e),
    )
    errors.push(await c.getJob('1').catch((e) => e))
    for (const e of errors) {
      expect(e).toBeInstanceOf(GengoError)
      const text = `${(e as Error).message} ${(e as Error).stack} ${JSON.stringify(e)} ${String((e as Error).cause ?? '')}`
      expect(text).not.toContain(KEYS.privateKey)
      expect(text).not.toContain('wrong-private-key')
      expect(text).not.toMatch(/api_sig=[0-9a-f]/)
    }
    expect(errors.map((e) => (e as GengoError).code)).toEqual([
      'GENGO_HTTP',
      'GENGO_NETWORK',
      'GENGO_BAD_RESPONSE',
      'GENGO_AUTH',
      'GENGO_API',
    ])
  })
})
