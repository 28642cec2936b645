import { existsSync, mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { keptText } from '../../src/files/stamp.ts'

// keptText's `defer` (issue 22): a cold `vite build` hands the bundler the made text first and keeps it (its file and
// the record) only when `keep` is called, while the bundler works.

const dirs: string[] = []
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
})

function setup() {
  const dir = mkdtempSync(join(tmpdir(), 'l10n-kept-'))
  dirs.push(dir)
  const input = join(dir, 'en.json')
  writeFileSync(input, '{"a":"A"}')
  const old = new Date(Date.now() - 60_000) // older than the racy window: its stat alone proves it unchanged
  utimesSync(input, old, old)
  return { dir, input, meta: join(dir, 'cache', 'resources.json') }
}

describe('keptText with defer', () => {
  it('writes nothing until keep; then the next call reads the kept file without making the text', () => {
    const { dir, input, meta } = setup()
    let made = 0
    const make = () => `text ${++made}`
    const first = keptText(meta, '.js', 'k', [input], make, true)
    expect(first.text()).toBe('text 1')
    expect(first.file).toBeUndefined()
    expect(existsSync(join(dir, 'cache'))).toBe(false)
    const file = first.keep?.()
    expect(file).toBeDefined()
    expect(readdirSync(join(dir, 'cache')).sort()).toEqual(['resources.json', (file as string).split('/').pop()].sort())
    const second = keptText(meta, '.js', 'k', [input], make, true)
    expect(second.file).toBe(file)
    expect(second.keep).toBeUndefined()
    expect(second.text()).toBe('text 1')
    expect(made).toBe(1)
  })

  it('keeps nothing when an input changed between making and keeping (the text could be of either version)', () => {
    const { dir, input, meta } = setup()
    const made = keptText(meta, '.js', 'k', [input], () => 'old text', true)
    writeFileSync(input, '{"a":"B, longer"}')
    expect(made.keep?.()).toBeUndefined()
    expect(existsSync(join(dir, 'cache/resources.json'))).toBe(false)
    // Without defer the text is kept at once, as before.
    const now = keptText(meta, '.js', 'k', [input], () => 'new text')
    expect(now.file).toBeDefined()
    expect(now.keep).toBeUndefined()
  })
})
