import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { CONFIG_DEFAULTS } from '../../src/config/config.ts'
import { inventedMarkup } from '../../src/plan/markup.ts'
import { comparePlaceholders, findPlaceholders, type InterpolationOptions } from '../../src/plan/placeholders.ts'
import { checkValue, verbatim } from '../../src/plan/value-checks.ts'

const o: InterpolationOptions = { ...CONFIG_DEFAULTS.i18next.interpolation }
const custom: InterpolationOptions = { ...o, prefix: '__', suffix: '__', nestingPrefix: '@t(', nestingSuffix: ')' }
const hash: InterpolationOptions = { ...o, prefix: '#{', suffix: '}', nestingPrefix: '$t(', nestingSuffix: ')' }
const spellings = (text: string, opts: InterpolationOptions) => findPlaceholders(text, opts).map(({ start, end }) => text.slice(start, end))

// Texts of the characters that make placeholders and markup, and the pieces they come in.
const piece = fc.constantFrom(
  '{{n}}',
  '{{ n }}',
  '{{- h}}',
  '{{n, number}}',
  '$t(k)',
  '$t(k, {"c": {{n}}})',
  '<0>',
  '</0>',
  '<b>',
  '</b>',
  '&amp;',
  '__n__',
  '__-n__',
  '#{n}',
  '#{- h}',
  '#',
  '@t(k)',
  '{',
  '}',
  '$',
  't(',
  ')',
  '-',
  '_',
  '<',
  ' ',
  'a',
  'Ж',
  '\n',
)
const text = fc.array(piece, { maxLength: 8 }).map((xs) => xs.join(''))

describe('checkValue: the verbatim fast path (issue 22: a cold no-op plan)', () => {
  it('answers "nothing wrong" only where the full check (placeholders as a multiset, invented markup) finds nothing', () => {
    for (const opts of [o, custom, hash]) {
      fc.assert(
        fc.property(text, text, fc.boolean(), (source, other, reuse) => {
          const expected = spellings(source, opts)
          // Half the time the value is made of the source's own placeholders, so the fast path is taken often.
          const value = reuse ? `${other}${expected.join(other)}${other}` : other
          if (!verbatim(value, expected, opts)) return
          expect(comparePlaceholders(value, expected, opts)).toBeUndefined()
          expect(inventedMarkup(source, value)).toEqual([])
        }),
        { numRuns: Number(process.env.VC_RUNS ?? 3000) },
      )
    }
  })

  it('takes the common case and leaves the rest to the full check', () => {
    expect(verbatim('Bonjour {{name}}, {{n, number}} !', ['{{name}}', '{{n, number}}'], o)).toBe(true)
    expect(verbatim('{{{name}}}', ['{{name}}'], o)).toBe(false) // i18next reads `{{{name}}` here
    expect(verbatim('{{x}} {{x}}', ['{{x}}'], o)).toBe(false)
    expect(verbatim('$t(k, {"a": "{{x}}"})', ['{{x}}'], o)).toBe(false)
    expect(verbatim('<0>a</0>', ['<0>', '</0>'], o)).toBe(false)
    expect(verbatim('a &amp; {{x}}', ['{{x}}'], o)).toBe(false)
    // What the full check then says.
    const p = { text: 'Hi {{name}}' }
    expect(checkValue(p, 'Salut {{name}}', o)).toBeUndefined()
    expect(checkValue(p, 'Salut {{{name}}}', o)).toMatch(/lost \{\{name\}\} and invented \{\{\{name\}\}/)
    expect(checkValue(p, 'Salut {{ name }}', o)).toBeUndefined()
  })
})
