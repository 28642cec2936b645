import { createHmac } from 'node:crypto'

/** Gengo's `api_sig`: lowercase hex HMAC-SHA1 of the decimal `ts`, keyed with the private key. */
export function signTimestamp(privateKey: string, ts: number | string): string {
  return createHmac('sha1', privateKey).update(String(ts)).digest('hex')
}

/** The three authentication parameters for one request, signed afresh. */
export function authParams(publicKey: string, privateKey: string, nowMs: number): Record<string, string> {
  const ts = Math.floor(nowMs / 1000)
  return { api_key: publicKey, ts: String(ts), api_sig: signTimestamp(privateKey, ts) }
}
