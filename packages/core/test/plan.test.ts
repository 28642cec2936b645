import { describe, expect, it } from 'vitest'
import { resolveConfig } from '../src/config.ts'
import { shortHash } from '../src/hash.ts'
import { DEFAULT_FORMAT } from '../src/json.ts'
import { emptyLock, type Lock } from '../src/lock.ts'
import { countUnits, plan } from '../src/plan.ts'
import type { LocaleFile, Resources } from '../src/resources.ts'

const config = resolveConfig({ source: 'en', targets: ['ru'] }, '/p')

function file(lng: string, values: Record<string, string>): LocaleFile {
  const entries = Object.entries(values).map(([key, value]) => ({ key, value, path: [key] }))
  return {
    lng,
    ns: 'common',
    file: `/p/${lng}.json`,
    name: `${lng}.json`,
    text: '{}',
    entries,
    values: new Map(Object.entries(values)),
    format: DEFAULT_FORMAT,
  }
}

function resources(source: Record<string, string>, target: Record<string, string>): Resources {
  return {
    source: new Map([['common', file('en', source)]]),
    targets: new Map([['ru', new Map([['common', file('ru', target)]])]]),
    context: new Map(),
  }
}

describe('plan (pure: files and lock in, states out)', () => {
  it('gives each key × language exactly one state', () => {
    const lock: Lock = emptyLock('en')
    lock.strings.common = {
      same: 'Same',
      changed: 'Old text',
      pend: 'Pending',
      items_one: '{{count}} item',
      items_other: '{{count}} items',
    }
    lock.targets.ru = { common: { pend: { h: shortHash('Pending'), s: 'pending', order: '1' } } }
    const src = {
      same: 'Same',
      changed: 'New text',
      pend: 'Pending',
      fresh: 'Fresh',
      mine: 'Mine',
      items_one: '{{count}} item',
      items_other: '{{count}} items',
    }
    const tgt = { same: 'То же', changed: 'Старый', mine: 'Моё', gone: 'Ушло', items_one: '{{count}} штука' }
    const p = plan(config, resources(src, tgt), lock)
    expect(p.units.map((u) => `${u.key}: ${u.state}`)).toMatchInlineSnapshot(`
      [
        "changed: stale",
        "pend: pending",
        "fresh: missing",
        "mine: adopted",
        "items_few: missing",
        "items_many: missing",
        "items_other: missing",
        "gone: obsolete",
      ]
    `)
    expect(countUnits(p, ['ru']).ru).toEqual({
      total: 9,
      translated: 3,
      missing: 4,
      stale: 1,
      pending: 1,
      interim: 0,
      invalid: 0,
      obsolete: 1,
      adopted: 1,
    })
    const few = p.units.find((u) => u.key === 'items_few')
    expect(few).toMatchObject({
      sourceKey: 'items_other',
      text: '{{count}} items',
      plural: { base: 'items', form: 'few', fromForm: 'other' },
    })
  })

  it('is pure: the same input gives the same plan, and nothing is mutated', () => {
    const lock = emptyLock('en')
    const r = resources({ a: 'A' }, {})
    const before = JSON.stringify(lock)
    expect(JSON.stringify(plan(config, r, lock))).toBe(JSON.stringify(plan(config, r, lock)))
    expect(JSON.stringify(lock)).toBe(before)
  })
})
