import type { ResolvedL10nConfig } from './config.ts'

export type InterpolationOptions = ResolvedL10nConfig['i18next']['interpolation']

export const OPEN = '[[['
export const CLOSE = ']]]'

const TAG = /<\/?[A-Za-z0-9]+(?:\s+[^<>]*?)?\s*\/?>/y

/**
 * Finds every placeholder in an i18next string, in order: interpolations
 * (`{{x}}`, `{{- x}}`, `{{x, format}}`, custom prefix/suffix), nesting
 * (`$t(key, { "count": {{n}} })`, parentheses balanced) and Trans tags
 * (`<0>`, `</0>`, `<1/>`, `<br/>`, `<strong>`).
 */
export function findPlaceholders(text: string, o: InterpolationOptions): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = []
  let i = 0
  while (i < text.length) {
    if (text.startsWith(o.nestingPrefix, i)) {
      let depth = 1
      let j = i + o.nestingPrefix.length
      for (; j < text.length && depth > 0; j++) {
        if (text[j] === '(') depth++
        else if (text[j] === ')') depth--
      }
      if (depth === 0) {
        out.push({ start: i, end: j })
        i = j
        continue
      }
    }
    if (text.startsWith(o.prefix, i)) {
      const end = text.indexOf(o.suffix, i + o.prefix.length)
      if (end >= 0) {
        out.push({ start: i, end: end + o.suffix.length })
        i = end + o.suffix.length
        continue
      }
    }
    if (text[i] === '<') {
      TAG.lastIndex = i
      const m = TAG.exec(text)
      if (m) {
        out.push({ start: i, end: i + m[0].length })
        i += m[0].length
        continue
      }
    }
    i++
  }
  return out
}

export interface Protected {
  /** The text with every placeholder inside `[[[ ]]]`. */
  body: string
  /** The placeholders, in order. */
  placeholders: string[]
}

export function protect(text: string, o: InterpolationOptions): Protected {
  const found = findPlaceholders(text, o)
  let body = ''
  let last = 0
  const placeholders: string[] = []
  for (const { start, end } of found) {
    const ph = text.slice(start, end)
    body += `${text.slice(last, start)}${OPEN}${ph}${CLOSE}`
    placeholders.push(ph)
    last = end
  }
  body += text.slice(last)
  return { body, placeholders }
}

export type Restored = { ok: true; text: string } | { ok: false; missing: string[]; extra: string[]; problem: string }

function multisetDiff(a: string[], b: string[]): string[] {
  const counts = new Map<string, number>()
  for (const x of b) counts.set(x, (counts.get(x) ?? 0) + 1)
  const out: string[] = []
  for (const x of a) {
    const n = counts.get(x) ?? 0
    if (n > 0) counts.set(x, n - 1)
    else out.push(x)
  }
  return out
}

/**
 * Removes our hint segments and the `[[[ ]]]` markers from a translation and
 * checks its placeholders against the source's, as a multiset.
 */
export function restore(bodyTgt: string, expected: string[], hints: string[], o: InterpolationOptions): Restored {
  let body = bodyTgt
  for (const hint of hints) {
    // A hint that came back changed or not at all is broken like a placeholder (it would be written into the file).
    if (!body.includes(`${OPEN}${hint}${CLOSE}`))
      return { ok: false, missing: [hint], extra: [], problem: `the translation lost or changed the note ${OPEN}${hint}${CLOSE}` }
    body = body.split(` ${OPEN}${hint}${CLOSE}`).join('').split(`${OPEN}${hint}${CLOSE}`).join('')
  }
  const text = body.replace(/\[\[\[([\s\S]*?)\]\]\]/g, '$1')
  if (text.includes(OPEN) || text.includes(CLOSE)) {
    return { ok: false, missing: [], extra: [], problem: 'the translation has an unbalanced [[[ or ]]] marker' }
  }
  // Placeholders the translator wrote outside the markers count too.
  const actual = findPlaceholders(text, o).map(({ start, end }) => text.slice(start, end))
  const missing = multisetDiff(expected, actual)
  const extra = multisetDiff(actual, expected)
  if (missing.length > 0 || extra.length > 0) {
    const parts = [missing.length ? `lost ${missing.join(', ')}` : '', extra.length ? `added ${extra.join(', ')}` : ''].filter(Boolean)
    return { ok: false, missing, extra, problem: `the translation ${parts.join(' and ')}` }
  }
  return { ok: true, text }
}
