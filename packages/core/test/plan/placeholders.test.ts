import { describe, expect, it } from 'vitest'
import { CONFIG_DEFAULTS } from '../../src/config/config.ts'
import { findPlaceholders, type InterpolationOptions, protect, restore } from '../../src/plan/placeholders.ts'

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

describe('only real markup is protected (issue 8)', () => {
  it('leaves a lone <unknown> or <none> to the translator, protects numbered, self-closing, paired and basic tags', () => {
    expect(list('Value: <unknown>')).toEqual([])
    expect(list('<none> selected, or <Empty>')).toEqual([])
    expect(list('a <b>bold</b> and <i>it</i> and <strong>x')).toEqual(['<b>', '</b>', '<i>', '</i>', '<strong>'])
    expect(list('line<br>break <p>para')).toEqual(['<br>', '<p>'])
    expect(list('<0>one</0> <1/> <2></2> <img/>')).toEqual(['<0>', '</0>', '<1/>', '<2>', '</2>', '<img/>'])
    expect(list('<a href="/x">link</a> then </orphan>')).toEqual(['<a href="/x">', '</a>'])
    expect(list('<span><span>nested</span></span>')).toEqual(['<span>', '<span>', '</span>', '</span>'])
    expect(list('keep <custom>', { ...o, keepBasicHtmlNodesFor: ['custom'] })).toEqual(['<custom>'])
  })

  it('accepts a translated lone tag-like word', () => {
    const { body, placeholders } = protect('Status: <unknown>', o)
    expect(body).toBe('Status: <unknown>')
    expect(restore('Status: <unbekannt>', placeholders, [], o)).toEqual({ ok: true, text: 'Status: <unbekannt>' })
  })

  it('covers $t nesting with and without options', () => {
    expect(list('See $t(key) and $t(other:key, {"x": "{{y}}"}) and $t(unclosed')).toEqual(['$t(key)', '$t(other:key, {"x": "{{y}}"})'])
  })
})

describe('translator notes are checked like placeholders (issue 11)', () => {
  const hint = '(plural "one": 1, 21, 31, 41, 51)'
  const ctx = '(context: app:login)'
  it('strips an intact note without leaving a space', () => {
    expect(restore(`Ein Apfel [[[${hint}]]]`, [], [hint], o)).toEqual({ ok: true, text: 'Ein Apfel' })
    expect(restore(`[[[${hint}]]] Ein Apfel`, [], [hint], o)).toEqual({ ok: true, text: 'Ein Apfel' })
    expect(restore(`リンゴ[[[${hint}]]]`, [], [hint], o)).toEqual({ ok: true, text: 'リンゴ' })
    expect(restore(`Anmelden [[[${hint}]]] [[[${ctx}]]]`, [], [hint, ctx], o)).toEqual({ ok: true, text: 'Anmelden' })
  })
  it("keeps the text's own spaces at its ends (only the space that joined the note goes)", () => {
    expect(restore(`Hallo  [[[${hint}]]]`, [], [hint], o)).toEqual({ ok: true, text: 'Hallo ' })
    expect(restore(`Hallo [[[${hint}]]]`, [], [hint], o)).toEqual({ ok: true, text: 'Hallo' })
    expect(restore(`Hallo  [[[${hint}]]] [[[${ctx}]]]`, [], [hint, ctx], o)).toEqual({ ok: true, text: 'Hallo ' })
  })
  it('rejects an altered, dropped or repeated note', () => {
    expect(restore('Anmelden [[[(context_x: app:login)]]]', [], [ctx], o)).toMatchObject({
      ok: false,
      problem: expect.stringMatching(/dropped or changed/),
    })
    expect(restore('Anmelden ', [], [ctx], o)).toMatchObject({ ok: false })
    expect(restore(`A [[[${ctx}]]] B [[[${ctx}]]]`, [], [ctx], o)).toMatchObject({ ok: false, problem: expect.stringMatching(/repeated/) })
  })
  it('rejects a [[[…]]] segment that is neither a placeholder nor a note', () => {
    expect(restore(`Ein Apfel [[[${hint}]]] [[[(plural_x "one": 1)]]]`, [], [hint], o)).toMatchObject({
      ok: false,
      problem: expect.stringMatching(/not in the source/),
    })
  })
})
