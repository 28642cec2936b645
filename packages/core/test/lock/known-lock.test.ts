/**
 * A lock the sums file names is taken without parsing it (lock.ts): only one a clean sync could have written. One that
 * holds an order intent is parsed as ever, so its intent is reconciled (a POST whose outcome is not known yet is never
 * sent again, invariant 4), whatever the sums file says.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { ResolvedL10nConfig } from '../../src/config/config.ts'
import { type Lock, lockHash, readLock, serializeLock } from '../../src/lock/lock.ts'

const dirs: string[] = []
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
})

function project(lock: Lock): { config: ResolvedL10nConfig; text: string } {
  const dir = mkdtempSync(join(tmpdir(), 'l10n-known-'))
  dirs.push(dir)
  const text = serializeLock(lock)
  writeFileSync(join(dir, 'l10n.lock.json'), text)
  return { config: { root: dir, lockfile: join(dir, 'l10n.lock.json'), source: 'en' } as ResolvedL10nConfig, text }
}

const strings = { common: { hello: 'Hello', bye: 'Bye' } }

describe('a lock the sums file names', () => {
  it('is taken unparsed when a clean sync could have written it, and reads as the parsed lock', async () => {
    const { config, text } = project({ version: 1, source: 'en', strings, targets: {} })
    const read = await readLock(config, undefined, new Set([lockHash(text)]))
    expect(read.hash).toBe(lockHash(text))
    expect({ ...read.lock.strings }).toEqual(strings)
    expect(read.lock.intents).toBeUndefined()
  })

  it('is parsed when it holds an order intent, even with its hash named: the intent is there to reconcile', async () => {
    const intent = { t: 1_790_000_000, lng: 'ja', jobs: { 'common:hello': 'abc123' } }
    const { config, text } = project({ version: 1, source: 'en', strings, targets: {}, intents: { '0123456789ab': intent } })
    const read = await readLock(config, undefined, new Set([lockHash(text)]))
    expect(read.hash).toBeUndefined()
    expect({ ...read.lock.intents?.['0123456789ab'] }).toMatchObject(intent)
  })
})
