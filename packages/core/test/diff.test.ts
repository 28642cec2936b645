import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import jsonDiff from 'json-diff'
import { afterEach, describe, expect, it } from 'vitest'
import { resolveConfig } from '../src/config/config.ts'
import { diffSource } from '../src/diff.ts'

let dir: string | undefined
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true })
  dir = undefined
})

/** A project whose lock holds `before` as the last synced source and whose source file holds `after` (JSON text, so any key is data). */
function project(before: string, after: string) {
  dir = mkdtempSync(join(tmpdir(), 'l10n-diff-'))
  mkdirSync(join(dir, 'locales/en'), { recursive: true })
  writeFileSync(join(dir, 'locales/en/common.json'), after)
  writeFileSync(join(dir, 'l10n.lock.json'), `{"version":1,"source":"en","strings":{"common":${before}},"targets":{}}`)
  return resolveConfig({ source: 'en', targets: ['ja'] }, dir)
}

describe('diffSource', () => {
  it("reads added, removed and changed keys from json-diff's output, changed in source order, and renders that output", async () => {
    const before = { a: 'Alpha', b: 'Beta', c: 'Gamma', e: 'Same' }
    const after = { c: 'Gamma!', e: 'Same', a: 'Alpha!', d: 'Delta' }
    const diff = await diffSource(project(JSON.stringify(before), JSON.stringify(after)))
    expect(diff.changed).toBe(true)
    expect(diff.namespaces.common).toEqual({
      added: ['d'],
      removed: ['b'],
      changed: [
        { key: 'c', from: 'Gamma', to: 'Gamma!' },
        { key: 'a', from: 'Alpha', to: 'Alpha!' },
      ],
    })
    expect(diff.text).toBe(`common (locales/en/common.json)\n${jsonDiff.diffString(before, after, { color: false }).trimEnd()}`)
  })

  it('nothing changed: no block, no text', async () => {
    const diff = await diffSource(project('{"a":"Alpha"}', '{"a":"Alpha"}'))
    expect(diff).toEqual({ namespaces: { common: { added: [], removed: [], changed: [] } }, text: '', changed: false })
  })

  it('keys named like Object.prototype members are data, in the structure and the text', async () => {
    const diff = await diffSource(
      project('{"constructor":"C","__proto__":"P","valueOf":"V"}', '{"__proto__":"P2","toString":"T","valueOf":"V"}'),
    )
    expect(diff.namespaces.common).toEqual({
      added: ['toString'],
      removed: ['constructor'],
      changed: [{ key: '__proto__', from: 'P', to: 'P2' }],
    })
    for (const line of ['-  constructor: "C"', '+  toString: "T"', '-  __proto__: "P"', '+  __proto__: "P2"'])
      expect(diff.text).toContain(line)
    expect(diff.text).not.toContain('valueOf')
  })

  it("keys ending in json-diff's own __added/__deleted suffixes are told apart from added and removed keys", async () => {
    const diff = await diffSource(project('{"x":"X","x__deleted":"old","y__added":"Y"}', '{"x__deleted":"new","y__added":"Y","y":"new y"}'))
    expect(diff.namespaces.common).toEqual({
      added: ['y'],
      removed: ['x'],
      changed: [{ key: 'x__deleted', from: 'old', to: 'new' }],
    })
  })
})
