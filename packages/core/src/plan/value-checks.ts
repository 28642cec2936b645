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
}

/** Whether a string can hold a placeholder at all: the cheap test that keeps a no-op plan fast. */
function mayHoldPlaceholder(text: string, o: InterpolationOptions): boolean {
  return text.includes('<') || text.includes(o.prefix) || text.includes(o.nestingPrefix)
}

/**
 * What is wrong with an existing translation, if anything: placeholders and Trans tags against the
 * source's, then markup the source does not have (markup.ts).
 */
export function checkValue(p: CheckedText, value: string, o: InterpolationOptions): string | undefined {
  p.textMayHold ??= mayHoldPlaceholder(p.text, o)
  // Markup needs a `<` or an `&` in the value; placeholders one of the delimiters in either text.
  if (!p.textMayHold && !mayHoldPlaceholder(value, o) && !value.includes('&')) return undefined
  p.placeholders ??= findPlaceholders(p.text, o).map(({ start, end }) => p.text.slice(start, end))
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
