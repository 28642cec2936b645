import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { readSettled } from '../src/read-settled.ts'

const dirs: string[] = []
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
})
const file = () => {
  const dir = mkdtempSync(join(tmpdir(), 'l10n-settled-'))
  dirs.push(dir)
  return join(dir, 'common.json')
}

describe('readSettled: a locale file as its editor finished writing it', () => {
  it('reads a file caught between truncate and write once the write lands', async () => {
    const f = file()
    writeFileSync(f, '') // what the watcher saw: the editor truncated the file
    setTimeout(() => writeFileSync(f, '{"greeting": "Welcome home"}'), 80)
    await expect(readSettled(f)).resolves.toEqual({ greeting: 'Welcome home' })
  })

  it('a file that stays broken is an error, named by JSON.parse', async () => {
    const f = file()
    writeFileSync(f, '{"greeting": ')
    await expect(readSettled(f)).rejects.toThrow(/JSON/)
  })
})
