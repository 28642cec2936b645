import { describe, expect, it } from 'vitest'
import { lineEndingsOf, splitEdges, withEdges } from '../../src/plan/edges.ts'

// Issue 20, point 2: the source's own edge whitespace is part of the string.

describe('edge whitespace', () => {
  it('splits a text into its edges and its core', () => {
    expect(splitEdges(' Items')).toEqual({ lead: ' ', core: 'Items', trail: '' })
    expect(splitEdges('Failed\r\n')).toEqual({ lead: '', core: 'Failed', trail: '\r\n' })
    expect(splitEdges('\tA b  ')).toEqual({ lead: '\t', core: 'A b', trail: '  ' })
    expect(splitEdges('\u00a0x\u00a0')).toEqual({ lead: '\u00a0', core: 'x', trail: '\u00a0' })
    expect(splitEdges('   ')).toEqual({ lead: '   ', core: '', trail: '' })
  })

  it("writes each translation with its source's edges, and drops the translation's own", () => {
    expect(withEdges(' Items', 'Elemente')).toBe(' Elemente')
    expect(withEdges('Failed\r\n', 'Fehlgeschlagen')).toBe('Fehlgeschlagen\r\n')
    expect(withEdges('\tx  ', ' y ')).toBe('\ty  ')
    expect(withEdges('\u00a0x', 'y')).toBe('\u00a0y')
    expect(withEdges('Items', '  Elemente \n')).toBe('Elemente')
  })

  it("keeps the translator's inner line breaks, in the source's style", () => {
    expect(lineEndingsOf('a\r\nb', 'x\ny\r\nz')).toBe('x\r\ny\r\nz')
    expect(lineEndingsOf('a\nb', 'x\r\ny')).toBe('x\ny')
    expect(lineEndingsOf('ab', 'x\r\ny')).toBe('x\ny')
    expect(withEdges('Line one\r\nLine two\r\n', 'Eins Zwei\nDrei')).toBe('Eins Zwei\r\nDrei\r\n')
    expect(withEdges('One line', 'Zwei\nZeilen')).toBe('Zwei\nZeilen')
  })
})
