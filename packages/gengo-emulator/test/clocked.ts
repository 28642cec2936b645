import { createGengoClient, type GengoClient } from '@l10n-sync/gengo'
import { createEmulator, type Emulator } from '../src/index.ts'

/** An in-process emulator on a clock the test drives, with the real client in front of it. */
export function clocked(speed: 'review' | 'fast' | 'realistic' = 'review'): {
  em: Emulator
  c: GengoClient
  admin: (path: string, body?: unknown) => Promise<any>
  tick: (ms: number) => void
  now: () => number
} {
  let now = Date.UTC(2026, 0, 1)
  const em = createEmulator({ speed, rateLimit: 0, now: () => now })
  const c = createGengoClient({
    publicKey: 'demo-public',
    privateKey: 'demo-private',
    endpoint: 'http://em.local/v2/',
    fetch: (r) => em.fetch(r),
    now: () => now,
  })
  const admin = async (path: string, body?: unknown) =>
    (
      await em.fetch(
        new Request(`http://em.local/_emulator/${path}`, {
          method: body === undefined ? 'GET' : 'POST',
          body: body === undefined ? undefined : JSON.stringify(body),
        }),
      )
    ).json()
  return { em, c, admin, tick: (ms) => void (now += ms), now: () => now }
}
