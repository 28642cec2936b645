import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { resolveKeys } from '../../src/config/credentials.ts'

let dirs: string[] = []
afterEach(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true })
  dirs = []
})
function root(dotenv?: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'l10n-keys-'))
  dirs.push(dir)
  if (dotenv !== undefined) writeFileSync(join(dir, '.env'), dotenv)
  return dir
}

describe('resolveKeys: the injected environment first, .env beside the config for what it lacks', () => {
  it('takes the environment over .env, and never reads or writes process.env', () => {
    const before = { ...process.env }
    const keys = resolveKeys(root('GENGO_PUBLIC_KEY=dot-pub\nGENGO_PRIVATE_KEY=dot-priv\n'), { GENGO_PUBLIC_KEY: 'env-pub' })
    expect([keys.publicKey, keys.privateKey]).toEqual(['env-pub', 'dot-priv'])
    expect(process.env).toEqual(before)
  })

  it('counts a key set but empty as unset, so .env fills it', () => {
    const keys = resolveKeys(root('GENGO_PUBLIC_KEY=dot-pub\nGENGO_PRIVATE_KEY=dot-priv\n'), {
      GENGO_PUBLIC_KEY: '',
      GENGO_PRIVATE_KEY: '',
    })
    expect([keys.publicKey, keys.privateKey]).toEqual(['dot-pub', 'dot-priv'])
    expect(keys.describeMissing()).toEqual([])
  })

  it('names what is missing, and says when it was set but empty', () => {
    const keys = resolveKeys(root(), { GENGO_PUBLIC_KEY: 'pub', GENGO_PRIVATE_KEY: '' })
    expect(keys.privateKey).toBeUndefined()
    expect(keys.describeMissing()).toEqual(['GENGO_PRIVATE_KEY (set but empty)'])
    expect(resolveKeys(root('GENGO_PUBLIC_KEY=\n'), {}).describeMissing()).toEqual([
      'GENGO_PUBLIC_KEY (set but empty)',
      'GENGO_PRIVATE_KEY',
    ])
  })

  it('ignores the process environment entirely: nothing injected, nothing found', () => {
    process.env.GENGO_PUBLIC_KEY = 'from-process'
    try {
      expect(resolveKeys(root(), {}).publicKey).toBeUndefined()
    } finally {
      delete process.env.GENGO_PUBLIC_KEY
    }
  })
})
