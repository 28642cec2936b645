import type { ResolvedL10nConfig } from '../config/config.ts'
import { readInterpolations } from './interpolation.ts'

export type InterpolationOptions = Omit<ResolvedL10nConfig['i18next']['interpolation'], 'keepBasicHtmlNodesFor'> & {
  /** Tag names that are markup even unpaired. @default KEEP_BASIC_HTML_NODES */
  keepBasicHtmlNodesFor?: readonly string[]
}

const OPEN = '[[['
const CLOSE = ']]]'

/** react-i18next's default `transKeepBasicHtmlNodesFor`: these names are markup even unpaired (`<br>`). */
const KEEP_BASIC_HTML_NODES: readonly string[] = ['br', 'strong', 'i', 'p']

const TAG = /<(\/?)([A-Za-z0-9]+)(?:\s+[^<>]*?)?\s*(\/?)>/y

interface TagToken {
  start: number
  end: number
  name: string
  kind: 'open' | 'close' | 'self'
}

/**
 * Which `<…>` runs are markup rather than text for the translator: numbered Trans tags
 * (`<0>`, `</0>`, `<1/>`), self-closing tags (`<br/>`), names in `keep` (`<br>`), and a
 * named tag only where its opening tag has a matching closing tag (`<strong>…</strong>`).
 * A lone `<unknown>` or `<none>` is text.
 */
function markupTags(tags: TagToken[], keep: readonly string[]): Set<TagToken> {
  const out = new Set<TagToken>()
  const open = new Map<string, TagToken[]>()
  for (const t of tags) {
    const lower = t.name.toLowerCase()
    if (t.kind === 'self' || /^\d+$/.test(t.name) || keep.includes(lower)) {
      out.add(t)
      continue
    }
    if (t.kind === 'open') {
      const list = open.get(lower) ?? []
      list.push(t)
      open.set(lower, list)
      continue
    }
    const opener = open.get(lower)?.pop()
    if (opener) {
      out.add(opener)
      out.add(t)
    }
  }
  return out
}

/** One placeholder: where it is, and its identity (`key`: equal for spellings i18next reads the same; a tag's own text). */
export interface Placeholder {
  start: number
  end: number
  key: string
}

/**
 * Finds every placeholder in an i18next string, in order: interpolations and nestings as i18next
 * reads them (`readInterpolations`: `{{x}}`, `{{ x }}`, `{{- x}}`, `{{x, format}}`, `$t(key, {…})`,
 * custom delimiters) and markup (see `markupTags`) outside them.
 */
export function findPlaceholders(text: string, o: InterpolationOptions): Placeholder[] {
  const out: Placeholder[] = readInterpolations(text, o)
  if (!text.includes('<')) return out
  const tags: TagToken[] = []
  let next = 0
  for (let i = text.indexOf('<'); i >= 0; i = text.indexOf('<', i + 1)) {
    while (next < out.length && (out[next] as Placeholder).end <= i) next++
    const inside = next < out.length && (out[next] as Placeholder).start <= i
    if (inside) continue
    TAG.lastIndex = i
    const m = TAG.exec(text)
    if (m) tags.push({ start: i, end: i + m[0].length, name: m[2] as string, kind: m[1] ? 'close' : m[3] ? 'self' : 'open' })
  }
  if (tags.length === 0) return out
  const markup = markupTags(tags, o.keepBasicHtmlNodesFor ?? KEEP_BASIC_HTML_NODES)
  const kept = tags.filter((t) => markup.has(t))
  // A tag holding an interpolation (`<a href="{{url}}">`) is one placeholder: the interpolation is part of it.
  const inTag = (p: Placeholder) => kept.some((t) => p.start >= t.start && p.end <= t.end)
  const all: Placeholder[] = [
    ...out.filter((p) => !inTag(p)),
    ...kept.map((t) => ({ start: t.start, end: t.end, key: text.slice(t.start, t.end) })),
  ]
  return all.sort((a, b) => a.start - b.start)
}

const keyCache = new WeakMap<InterpolationOptions, Map<string, string>>()

/** The identity of one placeholder's own text (as `findPlaceholders` gives it); a tag is its text. */
export function placeholderKey(raw: string, o: InterpolationOptions): string {
  let c = keyCache.get(o)
  if (!c) keyCache.set(o, (c = new Map()))
  let key = c.get(raw)
  if (key === undefined) {
    const found = readInterpolations(raw, o)
    const whole = found.length === 1 && found[0]?.start === 0 && found[0].end === raw.length
    key = whole ? (found[0] as Placeholder).key : raw
    if (c.size > 10_000) c.clear()
    c.set(raw, key)
  }
  return key
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

/** Why a translation is refused, for the revision comment: a placeholder or note, markup the source lacks, empty, too long (the cap), over a key's maxChars. */
export type RestoreProblem = 'placeholder' | 'note' | 'markup' | 'empty' | 'length' | 'limit'

export type Restored =
  | { ok: true; text: string }
  | { ok: false; missing: string[]; extra: string[]; problem: string; kind?: RestoreProblem; limit?: { max: number; length: number } }

/** Removes one occurrence of `segment`, and the space that joined it to the text. */
function cut(body: string, at: number, length: number): string {
  const left = body.slice(0, at)
  const right = body.slice(at + length)
  // At an end, only the one space that joined the note (jobs are `text [[[note]]]`): the text's own spaces stay.
  if (right.trim() === '') return left.replace(/[ \t]$/, '')
  if (left.trim() === '') return right.replace(/^[ \t]/, '')
  const joined = /[ \t]$/.test(left) || /^[ \t]/.test(right)
  return `${left.replace(/[ \t]+$/, '')}${joined ? ' ' : ''}${right.replace(/^[ \t]+/, '')}`
}

/**
 * Removes our hint segments and the `[[[ ]]]` markers from a translation and
 * checks it: every hint exactly once and unchanged, every `[[[…]]]` segment one of the
 * source's placeholders, and the placeholders as a multiset (those written outside the
 * markers count too). A changed or dropped hint is treated like a broken placeholder.
 */
export function restore(bodyTgt: string, expected: string[], hints: string[], o: InterpolationOptions): Restored {
  let body = bodyTgt
  for (const hint of hints) {
    const segment = `${OPEN}${hint}${CLOSE}`
    const at = body.indexOf(segment)
    if (at < 0 || body.indexOf(segment, at + 1) >= 0) {
      const how = at < 0 ? 'dropped or changed' : 'repeated'
      return { ok: false, missing: [], extra: [], problem: `the translation ${how} the translator note ${segment}`, kind: 'note' }
    }
  }
  // The notes where jobs.ts put them (`text [[[a]]] [[[b]]]`) go verbatim, so the text keeps its own spaces;
  // notes a translator moved are cut one by one.
  const suffix = hints.map((h) => ` ${OPEN}${h}${CLOSE}`).join('')
  if (hints.length > 0 && body.endsWith(suffix)) body = body.slice(0, -suffix.length)
  else {
    for (const hint of hints) {
      const segment = `${OPEN}${hint}${CLOSE}`
      body = cut(body, body.indexOf(segment), segment.length)
    }
  }
  const allowed = new Set(expected)
  // (?!\[): in `[[[[{{n}}]]]` (a source `[{{n}}]`) the segment starts at the last of the brackets.
  for (const m of body.matchAll(/\[\[\[(?!\[)([\s\S]*?)\]\]\]/g)) {
    const inner = m[1] as string
    const whole = findPlaceholders(inner, o)
    const isPlaceholder = whole.length === 1 && whole[0]?.start === 0 && whole[0].end === inner.length
    // A placeholder-shaped segment is judged by the multiset below; anything else (a changed note) is not ours.
    if (!allowed.has(inner) && !isPlaceholder) {
      return {
        ok: false,
        missing: [],
        extra: [inner],
        problem: `the translation has a [[[…]]] segment that is not in the source: ${m[0]}`,
        kind: 'note',
      }
    }
  }
  const text = body.replace(/\[\[\[([\s\S]*?)\]\]\]/g, '$1')
  if (text.includes(OPEN) || text.includes(CLOSE)) {
    return { ok: false, missing: [], extra: [], problem: 'the translation has an unbalanced [[[ or ]]] marker', kind: 'placeholder' }
  }
  const problem = comparePlaceholders(text, expected, o)
  if (problem) return { ok: false, ...problem, kind: 'placeholder' }
  return { ok: true, text }
}

/**
 * Lost or invented placeholders of `text` against the source's (raw spellings), as a multiset of
 * identities (`{{ count }}` is `{{count}}`); undefined when they match. `missing` and `extra` keep the raw spellings.
 */
export function comparePlaceholders(
  text: string,
  expected: readonly string[],
  o: InterpolationOptions,
): { missing: string[]; extra: string[]; problem: string } | undefined {
  const actual = findPlaceholders(text, o)
  const counts = new Map<string, number>()
  for (const p of actual) counts.set(p.key, (counts.get(p.key) ?? 0) + 1)
  const missing: string[] = []
  for (const raw of expected) {
    const key = placeholderKey(raw, o)
    const n = counts.get(key) ?? 0
    if (n > 0) counts.set(key, n - 1)
    else missing.push(raw)
  }
  const extra: string[] = []
  for (const p of actual) {
    const n = counts.get(p.key) ?? 0
    if (n > 0) {
      counts.set(p.key, n - 1)
      extra.push(text.slice(p.start, p.end))
    }
  }
  if (missing.length === 0 && extra.length === 0) return undefined
  const parts = [missing.length ? `lost ${missing.join(', ')}` : '', extra.length ? `added ${extra.join(', ')}` : ''].filter(Boolean)
  return { missing, extra, problem: `the translation ${parts.join(' and ')}` }
}
