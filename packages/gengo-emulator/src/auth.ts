import { createHmac, timingSafeEqual } from 'node:crypto'
import { fail } from './wire.ts'

/** Gengo's check: api_key, ts and api_sig present, ts numeric and within 300 s, sig = HMAC-SHA1(private, ts). */
export function checkAuth(params: URLSearchParams, keys: { publicKey: string; privateKey: string }, nowMs: number): void {
  const apiKey = params.get('api_key')
  const sig = params.get('api_sig')
  const ts = params.get('ts')
  if (!apiKey) fail(1150, 'api_key is a required field')
  if (!sig) fail(1100, 'api_sig is a required field')
  if (ts === null || ts === '') fail(1200, 'ts is a required field')
  if (!/^\d+$/.test(ts)) fail(1201, 'ts must be a Unix timestamp in whole seconds')
  if (apiKey !== keys.publicKey) fail(1000, 'authentication failed')
  if (Math.abs(Number(ts) - Math.floor(nowMs / 1000)) > 300) fail(1000, 'authentication failed (ts too far from server time)')
  const expected = createHmac('sha1', keys.privateKey).update(ts).digest('hex')
  const a = Buffer.from(expected)
  const b = Buffer.from(sig.toLowerCase())
  if (a.length !== b.length || !timingSafeEqual(a, b)) fail(1000, 'authentication failed')
}
