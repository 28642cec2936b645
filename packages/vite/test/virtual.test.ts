import { describe, expect, it } from 'vitest'
import { scriptSafeLiteral } from '../src/virtual.ts'

describe('the virtual module is safe to inline into HTML (issue 11: </script> in a translation)', () => {
  it('escapes < and the JS line separators, and still parses back to the same resources', () => {
    const resources = { ja: { common: { evil: '</script><script>alert(1)</script>', c: '<!-- x -->', sep: 'a\u2028b\u2029c' } } }
    const literal = scriptSafeLiteral(resources)
    expect(literal).not.toMatch(/<|\u2028|\u2029/)
    expect(JSON.parse(new Function(`return ${literal}`)())).toEqual(resources)
  })
})
