import { describe, expect, it } from 'vitest'
import { resolveConfig } from '../../src/config/config.ts'
import { shortHash } from '../../src/files/hash.ts'
import type { Resources } from '../../src/files/resources.ts'
import { emptyLock, type Lock } from '../../src/lock/lock.ts'
import { countUnits } from '../../src/plan/counts.ts'
import { plan } from '../../src/plan/plan.ts'
import { localeFile } from './locale-file.ts'

const config = resolveConfig({ source: 'en', targets: ['ru'] }, '/p')

const file = localeFile

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
      broken: 0,
      sameAsSource: 0,
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

  it('counts "", whitespace and absent target values as missing (i18next-parser writes "" for untranslated keys)', () => {
    const p = plan(
      config,
      resources({ a: 'Apple', b: 'Banana', c: 'Cherry', d: '' }, { a: '', b: '  ', c: 'Вишня', d: '' }),
      emptyLock('en'),
    )
    expect(p.units.map((u) => `${u.key}: ${u.state}`)).toEqual(['a: missing', 'b: missing', 'c: adopted'])
    expect(countUnits(p, ['ru']).ru).toMatchObject({ total: 3, translated: 1, missing: 2 })
  })

  it('finds broken existing translations, and values left as the source text', () => {
    const src = {
      hi: 'Hello {{name}}',
      link: 'Click <0>here</0>',
      ok: 'OK',
      num: '{{count}}',
      err: 'Failed',
      fine: 'Fine {{x}}',
      apple_one: 'One apple',
      apple_other: '{{count}} apples',
    }
    const tgt = {
      hi: 'Привет',
      link: 'Нажмите <0>здесь',
      ok: 'OK',
      num: '{{count}}',
      err: 'Ошибка: {{error}}',
      fine: '{{x}} хорошо',
      apple_one: 'Одно яблоко',
      apple_few: '{{count}} яблока',
      apple_many: '{{count}} яблок',
      apple_other: '{{count}} яблока',
      apple_two: 'два',
    }
    const p = plan(config, resources(src, tgt), emptyLock('en'))
    expect(p.problems.map((x) => `${x.key} ${x.kind}: ${x.problem}`)).toMatchInlineSnapshot(`
      [
        "hi broken: the value lost {{name}}",
        "link broken: the value lost </0> (a broken Trans tag)",
        "ok same-as-source: the value is the source text, untranslated",
        "err broken: the value invented {{error}}",
        "apple_two broken: plural form "two" is not one ru uses (it needs one, few, many, other); i18next never reads it. It is kept; sync --repair removes it",
      ]
    `)
    expect(p.units.filter((u) => u.state === 'broken').map((u) => u.key)).toEqual(['hi', 'link', 'err'])
    expect(p.units.filter((u) => u.unusedForm).map((u) => [u.key, u.state, u.unusedForm])).toEqual([
      ['apple_two', 'obsolete', { form: 'two', needs: ['one', 'few', 'many', 'other'] }],
    ])
    expect(countUnits(p, ['ru']).ru).toMatchObject({ broken: 4, sameAsSource: 1, translated: 7, total: 10 })
  })

  it('reads placeholders as i18next does: {{ count }} is {{count}}, a changed format option is not (issue 20)', () => {
    const src = {
      n: '{{count}} items',
      esc: 'Hi {{- name}}',
      fmt: '{{v, number(maximumFractionDigits: 9)}}',
      nest: '$t(k, {"count": {{n}}})',
    }
    const tgt = {
      n: '{{ count }} 件',
      esc: 'Привет {{-name}}',
      fmt: '{{v,number(maximumFractionDigits: 4)}}',
      nest: '$t( k,{ "count":{{ n }}})',
    }
    const p = plan(config, resources(src, tgt), emptyLock('en'))
    expect(p.problems.map((x) => `${x.key}: ${x.problem}`)).toEqual([
      'fmt: the value lost {{v, number(maximumFractionDigits: 9)}} and invented {{v,number(maximumFractionDigits: 4)}}',
    ])
  })

  it('a human value with markup the source does not have is broken, saying what it added (issue 20)', () => {
    const src = { hi: 'Hello {{name}}', amp: 'Fish & chips', word: 'Status: <unknown>', ok: 'Open <0>it</0>' }
    const tgt = {
      hi: 'Привет {{name}} <img src=x onerror=alert(1)>',
      amp: 'Рыба &amp; чипсы',
      word: 'Статус: <неизвестно>',
      ok: 'Открыть <0>его</0>',
    }
    const p = plan(config, resources(src, tgt), emptyLock('en'))
    expect(p.problems.map((x) => `${x.key}: ${x.problem}`)).toEqual([
      'hi: the value invented markup the source does not have: <img src=x onerror=alert(1)>',
      'amp: the value invented markup the source does not have: &amp;',
    ])
    expect(p.units.filter((u) => u.state === 'broken').map((u) => [u.key, u.value])).toEqual([
      ['hi', tgt.hi],
      ['amp', tgt.amp],
    ])
  })
})
