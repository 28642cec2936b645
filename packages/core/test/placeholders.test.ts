import { describe, expect, it } from 'vitest'
import { CONFIG_DEFAULTS } from '../src/config.ts'
import { findPlaceholders, type InterpolationOptions, protect, restore } from '../src/placeholders.ts'

const o: InterpolationOptions = { ...CONFIG_DEFAULTS.i18next.interpolation }
const list = (text: string, opts = o) => findPlaceholders(text, opts).map(({ start, end }) => text.slice(start, end))

describe('placeholders', () => {
  it('finds every i18next placeholder kind', () => {
    expect(list('Hi {{name}}, {{- html}} on {{date, datetime}}')).toEqual(['{{name}}', '{{- html}}', '{{date, datetime}}'])
    expect(list('See $t(common:link) and $t(items, { "count": {{n}} })!')).toEqual(['$t(common:link)', '$t(items, { "count": {{n}} })'])
    expect(list('Click <0>here</0> or <1/> <br/> <br /> <strong>now</strong>')).toEqual([
      '<0>',
      '</0>',
      '<1/>',
      '<br/>',
      '<br />',
      '<strong>',
      '</strong>',
    ])
    expect(list('2 < 3 and a <> b')).toEqual([])
    expect(list('Hi __name__ and {{kept}}', { ...o, prefix: '__', suffix: '__' })).toEqual(['__name__'])
  })

  it('protects placeholders inside [[[ ]]] and restores them', () => {
    const { body, placeholders } = protect('Hello {{name}}, click <0>here</0>', o)
    expect(body).toBe('Hello [[[{{name}}]]], click [[[<0>]]]here[[[</0>]]]')
    expect(placeholders).toEqual(['{{name}}', '<0>', '</0>'])
    expect(restore('[ja] こんにちは [[[{{name}}]]]、[[[<0>]]]ここ[[[</0>]]]', placeholders, [], o)).toEqual({
      ok: true,
      text: '[ja] こんにちは {{name}}、<0>ここ</0>',
    })
  })

  it('accepts reordered placeholders and strips our hints', () => {
    const ph = ['{{a}}', '{{b}}']
    const hint = '(plural "few": 2, 3, 4)'
    expect(restore(`[[[{{b}}]]] then [[[{{a}}]]] [[[${hint}]]]`, ph, [hint], o)).toEqual({ ok: true, text: '{{b}} then {{a}}' })
  })

  it('rejects a translation that lost, invented or broke a placeholder', () => {
    const ph = ['{{name}}', '{{name}}']
    expect(restore('[[[{{name}}]]] only once', ph, [], o)).toMatchObject({ ok: false, missing: ['{{name}}'], extra: [] })
    expect(restore('[[[{{name}}]]] [[[{{name}}]]] [[[{{extra}}]]]', ph, [], o)).toMatchObject({
      ok: false,
      missing: [],
      extra: ['{{extra}}'],
    })
    expect(restore('[[[{{name}}]]] [[[{{nom}}]]]', ph, [], o)).toMatchObject({ ok: false, missing: ['{{name}}'], extra: ['{{nom}}'] })
    expect(restore('[[[{{name}}]]] [[[{{name}}', ph, [], o)).toMatchObject({ ok: false, problem: expect.stringMatching(/unbalanced/) })
  })
})
