import { describe, expect, it } from 'vitest'
import { flatten } from '../../src/files/flatten.ts'
import { detectFormat, parseJson, stringifyTree } from '../../src/files/json.ts'
import { toTree } from '../tree.ts'

describe('json and keys', () => {
  it('names file, line and column of a syntax error', () => {
    expect(() => parseJson('{\n  "a": "x",\n  "b": \n}', 'locales/en/common.json')).toThrow(
      /locales\/en\/common\.json:4:1 is not valid JSON/,
    )
  })

  it('keeps key order, indentation and the final newline; hostile keys are data', () => {
    const text = '{\n\t"__proto__": {\n\t\t"constructor": "c"\n\t},\n\t"b": "x",\n\t"a": [\n\t\t"p",\n\t\t"q"\n\t]\n}'
    const tree = toTree(JSON.parse(text))
    expect(stringifyTree(tree, detectFormat(text))).toBe(text)
    expect(({} as Record<string, unknown>).constructor).toBe(Object)
    expect(flatten(JSON.parse(text), 'f.json', '.').map((e) => e.key)).toEqual(['__proto__.constructor', 'b', 'a.0', 'a.1'])
  })

  it('reports a flat key that collides with a nested path', () => {
    const tree = JSON.parse('{"a.b": "flat", "a": {"b": "nested"}}')
    expect(() => flatten(tree, 'locales/en/x.json', '.')).toThrow(/locales\/en\/x\.json: key "a\.b" is defined twice/)
    expect(() => flatten(JSON.parse('{"a": {"b": "x"}}'), 'f.json', false)).toThrow(/keySeparator is false/)
  })
})
