import { inventedMarkup } from './markup.ts'
import { comparePlaceholders, findPlaceholders, type InterpolationOptions } from './placeholders.ts'

/** A source text with what the checks compute of it on first use (the plan's prepared slot extends it). */
export interface CheckedText {
  text: string
  /** The source text's placeholders, computed on first use. */
  placeholders?: string[]
  /** Whether the source text can hold a placeholder at all, computed on first use. */
  textMayHold?: boolean
  /** Whether the source text has letters outside its placeholders, computed on first use. */
  hasWords?: boolean
  /** The key's `maxChars` (context file): a longer value is broken. */
  maxChars?: number
}

/** Characters as the limit counts them: code points of the value as written (placeholders as they are, edges included). */
export function charCount(value: string): number {
  let n = 0
  for (const _ of value) n++
  return n
}

/** Why a value is over its key's limit, if it is. UTF-16 length is an upper bound on code points: the usual case counts nothing. */
export function overLimit(value: string, maxChars: number | undefined): string | undefined {
  if (maxChars === undefined || value.length <= maxChars) return undefined
  const n = charCount(value)
  return n > maxChars ? `${n} characters long, over the key's limit of ${maxChars} (maxChars in the context file)` : undefined
}

/** Whether a string can hold a placeholder at all: the cheap test that keeps a no-op plan fast. */
function mayHoldPlaceholder(text: string, o: InterpolationOptions): boolean {
  return text.includes('<') || text.includes(o.prefix) || text.includes(o.nestingPrefix)
}

/** Whether `ch` occurs in `value` outside [at, end). indexOf both ways: V8's lastIndexOf is several times slower. */
function outside(value: string, ch: string, at: number, end: number): boolean {
  const first = value.indexOf(ch)
  return first !== -1 && (first < at || value.indexOf(ch, end) !== -1)
}

/**
 * The common case, decided without reading the value's placeholders: the value holds the source's placeholders
 * verbatim and nothing else that could be one, or markup. A value with `<`, `&` or the nesting prefix anywhere goes the
 * full way. Each expected spelling is taken out once (a NUL in its place, so the text on either side cannot join into
 * a delimiter; one spelling is only located, nothing copied); when what is left has no character of the delimiters, i18next reads exactly those placeholders in the value (each stands between
 * characters that cannot extend it), and the full check below would find nothing wrong either. Tags are left to it:
 * whether `<b>` is markup depends on its pairing, and so are delimiters that share a character.
 */
export function verbatim(value: string, expected: readonly string[], o: InterpolationOptions): boolean {
  if (value.includes('<') || value.includes('&') || value.includes(o.nestingPrefix)) return false
  // Delimiters that share a character (`__…__`) let one placeholder's end start another (`__n__-__m__` reads
  // `__-__m__` first): those go the full way.
  const chars = delimiterChars(o)
  if (!chars) return false
  // One placeholder, the usual case: every delimiter character of the value lies inside it, and nothing is copied.
  if (expected.length === 1) {
    const raw = expected[0] as string
    const at = value.indexOf(raw)
    if (at < 0 || raw.startsWith('<')) return false
    const end = at + raw.length
    for (const ch of chars) if (outside(value, ch, at, end)) return false
    return true
  }
  let rest = value
  for (const raw of expected) {
    const at = rest.indexOf(raw)
    if (at < 0 || raw.startsWith('<')) return false
    rest = `${rest.slice(0, at)}\u0000${rest.slice(at + raw.length)}`
  }
  for (const ch of chars) if (rest.includes(ch)) return false
  return true
}

const delimiters = new WeakMap<InterpolationOptions, string[] | false>()

/** The distinct characters of the prefix and suffix (`{{`, `}}`: `{`, `}`); false when the two share one. Once per options. */
function delimiterChars(o: InterpolationOptions): string[] | false {
  let chars = delimiters.get(o)
  if (chars === undefined) {
    chars = [...o.suffix].some((c) => o.prefix.includes(c)) ? false : [...new Set([...o.prefix, ...o.suffix])]
    delimiters.set(o, chars)
  }
  return chars
}

/**
 * What is wrong with an existing translation, if anything: placeholders and Trans tags against the
 * source's, then markup the source does not have (markup.ts), then the key's `maxChars`.
 */
export function checkValue(p: CheckedText, value: string, o: InterpolationOptions): string | undefined {
  const problem = checkPlaceholders(p, value, o)
  if (problem !== undefined || p.maxChars === undefined) return problem
  const long = overLimit(value, p.maxChars)
  return long && `the value is ${long}`
}

function checkPlaceholders(p: CheckedText, value: string, o: InterpolationOptions): string | undefined {
  p.textMayHold ??= mayHoldPlaceholder(p.text, o)
  // Markup needs a `<` or an `&` in the value; placeholders one of the delimiters in either text.
  if (!p.textMayHold && !mayHoldPlaceholder(value, o) && !value.includes('&')) return undefined
  p.placeholders ??= findPlaceholders(p.text, o).map(({ start, end }) => p.text.slice(start, end))
  if (verbatim(value, p.placeholders, o)) return undefined
  const bad = comparePlaceholders(value, p.placeholders, o)
  if (!bad) {
    const extra = inventedMarkup(p.text, value)
    return extra.length > 0 ? `the value invented markup the source does not have: ${extra.join(' ')}` : undefined
  }
  const parts = [
    bad.missing.length ? `lost ${bad.missing.join(', ')}` : '',
    bad.extra.length ? `invented ${bad.extra.join(', ')}` : '',
  ].filter(Boolean)
  const tag = [...bad.missing, ...bad.extra].some((x) => x.startsWith('<')) ? ' (a broken Trans tag)' : ''
  return `the value ${parts.join(' and ')}${tag}`
}

/** A value identical to a source text with words in it (not just placeholders, numbers or symbols). */
export function sameAsSource(p: CheckedText, value: string, o: InterpolationOptions): boolean {
  if (value !== p.text) return false
  if (p.hasWords === undefined) {
    let words = p.text
    const found = mayHoldPlaceholder(words, o) ? findPlaceholders(words, o) : []
    for (let i = found.length - 1; i >= 0; i--) {
      const f = found[i] as { start: number; end: number }
      words = words.slice(0, f.start) + words.slice(f.end)
    }
    p.hasWords = /\p{L}/u.test(words)
  }
  return p.hasWords
}
