import { describe, expect, it } from 'vitest'
import { shortenIdLists, shortList } from '../src/errors.ts'
import { parseJson } from '../src/files/json.ts'

describe('messages stay short and exact', () => {
  it('a list of 50 job ids is cut to the first three and a count', () => {
    const ids = Array.from({ length: 50 }, (_, i) => String(5001 + i))
    expect(shortenIdLists(`Gengo answered GET translate/jobs/${ids.join(',')} with HTTP 502`)).toBe(
      'Gengo answered GET translate/jobs/5001,5002,5003… (and 47 more) with HTTP 502',
    )
    expect(shortList(ids)).toBe('5001, 5002, 5003 and 47 more')
    expect(shortList(ids.slice(0, 4))).toBe('5001, 5002, 5003, 5004')
    expect(shortenIdLists('jobs 1,2,3')).toBe('jobs 1,2,3')
  })

  it('duplicate keys and deep nesting are refused by line and key; escaped and equal-looking keys are not duplicates', () => {
    expect(() => parseJson('{"a": {"b": "x", "c": {"d": "y", "d": "z"}}}', 'f.json')).toThrow(
      /f\.json:1:34: key "a\.c\.d" is defined twice/,
    )
    expect(() => parseJson('{"\\u0061": "x", "a": "y"}', 'f.json')).toThrow(/key "a" is defined twice/)
    expect(parseJson('{"a": "x", "b": {"a": "y"}, "c": ["a", "a"], "d\\"": "q", "d": "r"}', 'f.json')).toMatchObject({ d: 'r' })
    expect(() => parseJson(`${'['.repeat(101)}${']'.repeat(101)}`, 'f.json')).toThrow(/f\.json:1:101 nests deeper than 100 levels/)
    expect(parseJson(`${'['.repeat(100)}${']'.repeat(100)}`, 'f.json')).toBeDefined()
  })
})
