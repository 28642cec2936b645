import { describe, expect, it } from 'vitest'
import { projectPerTest } from './utils/project.ts'

// Issue 11, point 1: the plural and context notes travel inside [[[…]]] like placeholders. A
// translator who changes or drops one must not get the note (or a stray space) into the file:
// the translation is not written, it is reported and sent back, and the revision lands clean.

const newProject = projectPerTest()

const EN = { apple_one: 'One apple', apple_other: 'Many apples', login: 'Log in' }
const CONTEXT = { login: 'The button on the sign-in form' }

describe('translator notes come back intact or not at all', () => {
  for (const mode of ['alter', 'drop'] as const) {
    it(`a ${mode === 'alter' ? 'changed' : 'dropped'} note is not written, is reported, and is revised`, async () => {
      const p = await newProject({ 'locales/en/app.json': EN, 'locales/en/app.context.json': CONTEXT }, { targets: ['de'] })
      // Every job's first [[[…]]] segment is a note here (no placeholders): break all three.
      await p.admin('POST', 'faults', { kind: 'placeholder', mode, times: 3 })
      const ordered = await p.sync()
      expect(ordered.ordered.jobs).toBe(3)
      await p.admin('POST', 'finish')
      const first = await p.sync()
      expect(first.invalid.map((i) => [i.key, i.revised])).toEqual([
        ['apple_one', true],
        ['apple_other', true],
        ['login', true],
      ])
      for (const i of first.invalid) expect(i.problem).toMatch(/dropped or changed the translator note \[\[\[\((plural|context)/)
      expect(p.exists('locales/de/app.json')).toBe(false)
      expect(first.complete).toBe(false)
      // The translators revise; the clean text lands, with no note and no trailing space.
      await p.admin('POST', 'advance', { seconds: 2 * 3600 })
      const fixed = await p.sync()
      expect(fixed.complete).toBe(true)
      expect(p.readJson('locales/de/app.json')).toEqual({
        apple_one: '[de] Óné ápplé',
        apple_other: '[de] Mány ápplés',
        login: '[de] Lóg ín',
      })
      expect((await p.ledger()).jobs_created).toBe(3)
    })
  }
})
