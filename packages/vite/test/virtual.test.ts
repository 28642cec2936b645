import { describe, expect, it } from 'vitest'
import { scriptSafeLiteral } from '../src/virtual.ts'

describe('the virtual module is safe to inline into HTML (issue 11: </script> in a translation)', () => {
  it('escapes < and the JS line separators, and still parses back to the same resources', () => {
    const resources = { ja: { common: { evil: '</script><script>alert(1)</script>', c: '<!-- x -->', sep: 'a\u2028b\u2029c' } } }
    const literal = scriptSafeLiteral(resources)
    expect(literal).not.toMatch(/<|\u2028|\u2029/)
    expect(JSON.parse(new Function(`return ${literal}`)())).toEqual(resources)
  })

  it("is JSON in single quotes: JSON's own quotes unescaped; ', \\ and escapes in the text survive (issue 22)", () => {
    const resources = {
      fr: { common: { apos: "l'application", back: 'C:\\dir\\', quote: 'say "hi"', nl: 'a\nb', both: "\\'", tab: '\t\u0001' } },
      en: { common: { plain: 'Hello {{name}}', uni: 'é 日本 \ud83d\ude00' } },
    }
    const literal = scriptSafeLiteral(resources)
    expect(literal.startsWith("'") && literal.endsWith("'")).toBe(true)
    expect(literal).toContain('"plain":"Hello {{name}}"') // no \" for every key and value
    expect(JSON.parse(new Function(`return ${literal}`)())).toEqual(resources)
    // The literal is one token: nothing in the text closes it early.
    expect(new Function(`return [${literal}].length`)()).toBe(1)
    expect(scriptSafeLiteral({ plain: 'x' })).toBe(`'{"plain":"x"}'`)
  })
})
