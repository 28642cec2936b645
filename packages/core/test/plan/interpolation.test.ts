import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { oracle, sameForI18next } from '../../../../test/utils/i18next-oracle.ts'
import { CONFIG_DEFAULTS } from '../../src/config/config.ts'
import { readInterpolations } from '../../src/plan/interpolation.ts'
import { comparePlaceholders, findPlaceholders, type InterpolationOptions, protect, restore } from '../../src/plan/placeholders.ts'

// Issue 20, point 1: placeholders are compared as i18next reads them. Each row: source, candidate,
// whether i18next reads the same placeholders. Every row is also put to real i18next (the oracle).

const o: InterpolationOptions = { ...CONFIG_DEFAULTS.i18next.interpolation }
const raws = (text: string, opts = o) => findPlaceholders(text, opts).map(({ start, end }) => text.slice(start, end))
const same = (a: string, b: string, opts = o) => comparePlaceholders(b, raws(a, opts), opts) === undefined

const TABLE: [string, string, boolean][] = [
  ['{{count}} items', '{{ count }} 件', true],
  ['{{count}}', '{{count }}', true],
  ['{{count}}', '{{counts}}', false],
  ['{{- x}}', '{{-x}}', true],
  ['{{- x}}', '{{ - x}}', false],
  ['{{x}}', '{{- x}}', false],
  ['{{x, number}}', '{{ x ,Number }}', true],
  ['{{x, number}}', '{{x}}', false],
  ['{{x, number(maximumFractionDigits: 9)}}', '{{x,number(maximumFractionDigits:9)}}', true],
  ['{{x, number(maximumFractionDigits: 9)}}', '{{x, number(maximumFractionDigits: 4)}}', false],
  ['{{d, datetime}} {{n, uppercase}}', '{{n,uppercase}} {{ d, datetime }}', true],
  ['$t(key)', '$t( key )', true],
  ['$t(k, {"count": {{n}} })', '$t( k,{ "count":{{ n }}})', true],
  ["$t(k, {'count': {{n}}})", '$t(k, {"count": {{n}}})', true],
  ['$t(k, {"count": {{n}}})', '$t(k , {"count": {{n}}})', false],
  ['$t(k, {"count": {{n}}})', '$t(k, {"count": {{m}}})', false],
  ['$t(k, {"a": 1, "b": 2})', '$t(k, {"b": 2, "a": 1})', true],
  ['$t(k, uppercase)', '$t(k,uppercase )', true],
  ['$t(k, {"a": "b)"})', '$t(k, {"a": "b)"})', true],
  ['$t(k, {"a": "b)"})', '$t(k, {"a": "c)"})', false],
  ['{{a}} {{a}}', '{{a}}', false],
  ['{{a}} and {{b}}', '{{b}} und {{a}}', true],
  ['{{\nx}}', 'x', true],
  ['{{{- html}}', '{ {{-html}}', true],
  ['{{{- html}}', '{{{html}}', false],
]

describe('placeholders as i18next reads them (issue 20)', () => {
  for (const [source, candidate, expected] of TABLE) {
    it(`${JSON.stringify(source)} vs ${JSON.stringify(candidate)}: ${expected ? 'same' : 'different'}, as real i18next says`, () => {
      expect(sameForI18next(source, candidate)).toBe(expected)
      expect(same(source, candidate)).toBe(expected)
      expect(same(candidate, source)).toBe(expected)
    })
  }

  it('a custom prefix and suffix are read like i18next reads them', () => {
    const custom = { ...o, prefix: '__', suffix: '__' }
    expect(same('Hi __name__', 'Hallo __ name __', custom)).toBe(true)
    expect(sameForI18next('Hi __name__', 'Hallo __ name __', custom)).toBe(true)
    expect(raws('Hi __name__ and {{kept}}', custom)).toEqual(['__name__'])
  })

  it('reads a nesting by i18next’s own regex: a ")" inside quotes is part of it, "{{\\nx}}" is text', () => {
    expect(raws('See $t(k, {"a": "b)"}) now')).toEqual(['$t(k, {"a": "b)"})'])
    expect(protect('See $t(k, {"a": "b)"}) now', o).body).toBe('See [[[$t(k, {"a": "b)"})]]] now')
    expect(raws('{{\nx}} and {{ y }}')).toEqual(['{{ y }}'])
    expect(protect('{{\nx}} and {{ y }}', o).body).toBe('{{\nx}} and [[[{{ y }}]]]')
    expect(readInterpolations('$t(unclosed', o)).toEqual([])
    // A Trans tag holding an interpolation is one placeholder, as before.
    expect(raws('Open <a href="{{url}}">the link</a>')).toEqual(['<a href="{{url}}">', '</a>'])
    expect(protect('Open <a href="{{url}}">the link</a>', o).body).toBe('Open [[[<a href="{{url}}">]]]the link[[[</a>]]]')
  })

  it('a returned {{ name }} is the source’s {{name}}; {{ - name}} is not', () => {
    const { placeholders } = protect('Hello {{name}}', o)
    expect(restore('Hallo [[[{{ name }}]]]', placeholders, [], o)).toEqual({ ok: true, text: 'Hallo {{ name }}' })
    expect(restore('Hallo [[[{{ - name}}]]]', placeholders, [], o)).toMatchObject({
      ok: false,
      missing: ['{{name}}'],
      extra: ['{{ - name}}'],
    })
  })

  it('the oracle can tell the rows apart (it is not a constant)', () => {
    expect(oracle('{{x}}')).not.toEqual(oracle('{{- x}}'))
    expect(oracle('{{x, number(maximumFractionDigits: 9)}}')).not.toEqual(oracle('{{x, number(maximumFractionDigits: 4)}}'))
    expect(oracle('plain')).toEqual(oracle('text'))
  })
})

describe('the reading agrees with real i18next on generated strings (issue 20)', () => {
  // Each group: spellings of one thing, some that i18next reads the same and some it does not.
  const groups: string[][] = [
    ['{{x}}', '{{ x }}', '{{x }}', '{{-x}}', '{{ - x}}', '{{y}}', '{{\nx}}'],
    ['{{- x}}', '{{-x}}', '{{-  x }}', '{{x}}'],
    ['{{x, number}}', '{{x,Number }}', '{{ x , number }}', '{{x, numbers}}', '{{x}}'],
    ['{{x, number(a: 1)}}', '{{x,number(a:1)}}', '{{x, number(a: 2)}}', '{{x, number(b: 1)}}'],
    ['$t(k)', '$t( k )', '$t(k2)', 'k'],
    ['$t(k, {"n": {{x}}})', '$t(k,{ "n":{{ x }}})', "$t(k, {'n': {{x}}})", '$t(k , {"n": {{x}}})', '$t(k, {"n": {{y}}})'],
    ['$t(k, upper)', '$t(k,upper )', '$t(k, lower)'],
    ['a', 'b', ' ', '{', '}', '(', ')', ',', '-', '\n', '"'],
  ]
  const pick = fc.tuple(fc.nat(groups.length - 1), fc.nat(), fc.nat())
  const pair = fc.array(pick, { maxLength: 6 }).map((picks) => {
    const a = picks.map(([g, , j]) => (groups[g] as string[])[j % 2 === 0 ? 0 : 1]).join('')
    const b = picks.map(([g, i]) => (groups[g] as string[])[i % (groups[g] as string[]).length]).join('')
    return [a, b] as const
  })
  it('two strings have the same placeholders for us exactly when i18next reads the same in both', () => {
    fc.assert(
      fc.property(pair, ([a, b]) => {
        expect([a, b, same(a, b)]).toEqual([a, b, sameForI18next(a, b)])
      }),
      { numRuns: 1000 },
    )
  })
})
