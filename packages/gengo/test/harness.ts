import { createEmulator, type EmulatorOptions, type Fault, type Ledger, startEmulator } from '@l10n-sync/gengo-emulator'
import { expect } from 'vitest'
import { createGengoClient, type GengoClient, type GengoClientOptions, signTimestamp } from '../src/index.ts'

export const MODES = ['in-process', 'http'] as const
/** Over HTTP against the emulator's worst-case reading of every point Gengo's docs leave open. */
export const WORST_CASE_MODES = [...MODES, 'worst-case'] as const
export type Mode = (typeof WORST_CASE_MODES)[number]

export const KEYS = { publicKey: 'test-public', privateKey: 'test-private-SECRET-9f2c' }

export interface Harness {
  url: string
  client(options?: GengoClientOptions): GengoClient
  /** A raw signed call, for what the client refuses to send. */
  raw(
    method: string,
    path: string,
    params?: Record<string, string>,
    sign?: { ts?: string; sig?: string; key?: string } | false,
  ): Promise<{ status: number; body: any }>
  admin(method: string, path: string, body?: unknown): Promise<any>
  ledger(): Promise<Ledger & { balance: number }>
  faults(...faults: Fault[]): Promise<void>
  legacy(on: boolean): Promise<void>
  finish(): Promise<void>
  advance(seconds: number): Promise<void>
  /** Lets asynchronous job creation and listing catch up (worst case); a no-op otherwise. */
  settle(): Promise<void>
  worstCase: boolean
  close(): Promise<void>
}

/** The emulator in-process (a fetch handler) or over real HTTP, with a client pointed at it. */
export async function harness(mode: Mode, options: EmulatorOptions = {}): Promise<Harness> {
  const emuOptions = { ...KEYS, speed: 'instant' as const, ...(mode === 'worst-case' && { worstCase: true }), ...options }
  let url: string
  let fetchImpl: (r: Request) => Promise<Response>
  let close: () => Promise<void>
  if (mode === 'http' || mode === 'worst-case') {
    const running = await startEmulator(emuOptions)
    url = running.url
    fetchImpl = (r) => fetch(r)
    close = running.close
  } else {
    const emulator = createEmulator(emuOptions)
    url = 'http://emulator.test/v2/'
    fetchImpl = (r) => emulator.fetch(r)
    close = async () => {}
  }
  const origin = new URL(url).origin
  const admin = async (method: string, path: string, body?: unknown) => {
    const res = await fetchImpl(
      new Request(`${origin}/_emulator/${path}`, { method, body: body === undefined ? undefined : JSON.stringify(body) }),
    )
    return res.json()
  }
  return {
    url,
    client: (options = {}) =>
      createGengoClient({ ...KEYS, endpoint: url, fetch: fetchImpl, retryDelayMs: 1, requestsPerMinute: 0, ...options }),
    async raw(method, path, params = {}, sign = {}) {
      const ts = String(Math.floor(Date.now() / 1000))
      const auth: Record<string, string> =
        sign === false
          ? {}
          : { api_key: sign.key ?? KEYS.publicKey, ts: sign.ts ?? ts, api_sig: sign.sig ?? signTimestamp(KEYS.privateKey, sign.ts ?? ts) }
      const all = { ...auth, ...params }
      const target = new URL(path, url)
      let req: Request
      if (method === 'GET' || method === 'DELETE') {
        for (const [k, v] of Object.entries(all)) target.searchParams.set(k, v)
        req = new Request(target, { method })
      } else {
        req = new Request(target, {
          method,
          body: new URLSearchParams(all),
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
        })
      }
      const res = await fetchImpl(req)
      const text = await res.text()
      let body: unknown = text
      try {
        body = JSON.parse(text)
      } catch {}
      return { status: res.status, body }
    },
    admin,
    ledger: () => admin('GET', 'ledger'),
    faults: async (...faults) => {
      await admin('POST', 'faults', { faults })
    },
    legacy: async (on) => {
      await admin('POST', 'quirks', { legacy: on })
    },
    finish: async () => {
      await admin('POST', 'finish')
    },
    advance: async (seconds) => {
      await admin('POST', 'advance', { seconds })
    },
    settle: async () => {
      if (mode === 'worst-case') await admin('POST', 'advance', { seconds: 4 })
    },
    worstCase: mode === 'worst-case',
    close,
  }
}

export const job = (bodySrc: string, lcTgt = 'ja', extra: Record<string, unknown> = {}) => ({
  bodySrc,
  lcSrc: 'en',
  lcTgt,
  tier: 'standard' as const,
  ...extra,
})

/** A job as it goes over the wire, for raw requests the client would refuse to send. */
/** Posts one good and two bad jobs: Gengo answers a per-job error map, read as GENGO_JOBS naming both bad keys (either edition). */
export async function expectJobErrorMap(h: Harness): Promise<void> {
  const e = await h
    .client()
    .postJobs({ ok: job('Fine'), bad: job('Bad', 'xx'), worse: job('Worse', 'ja', { callbackUrl: 'nope' }) })
    .catch((err) => err)
  expect(e).toMatchObject({ code: 'GENGO_JOBS', gengoCode: 1551 })
  expect(e.jobErrors).toEqual({ bad: [{ code: 1551, msg: expect.any(String) }], worse: [{ code: 1601, msg: expect.any(String) }] })
  expect(e.message).toMatch(/refused 2 job\(s\)/)
  expect((await h.ledger()).jobs_created).toBe(0)
}

export const rawJob = (over: Record<string, unknown> = {}) => ({
  type: 'text',
  body_src: 'Hello',
  lc_src: 'en',
  lc_tgt: 'ja',
  tier: 'standard',
  ...over,
})
