/**
 * A source text's own leading and trailing whitespace (`" Items"`, `"Failed to connect…\r\n"`) is
 * part of the string, but not of what a translator translates: jobs carry the text without it (so
 * texts that differ only there share one job) and each translation is written with its source's
 * edges. Inner line breaks are the translator's; only their style follows the source (`\r\n` when
 * the source has one, else `\n`), so a file never mixes the two.
 */

export interface Edges {
  lead: string
  core: string
  trail: string
}

/** `"  Hi \n"` → `{ lead: '  ', core: 'Hi', trail: ' \n' }` (JS whitespace: NBSP and line breaks included). */
export function splitEdges(text: string): Edges {
  const lead = /^\s*/.exec(text)?.[0] ?? ''
  if (lead.length === text.length) return { lead: text, core: '', trail: '' }
  const trail = /\s*$/.exec(text)?.[0] ?? ''
  return { lead, core: text.slice(lead.length, text.length - trail.length), trail }
}

/** The translation's line breaks in the source's style: `\r\n` when the source has one, else `\n`. */
export function lineEndingsOf(source: string, text: string): string {
  return source.includes('\r\n') ? text.replace(/\r?\n/g, '\r\n') : text.replace(/\r\n/g, '\n')
}

/** The value to write: the source's edges around the translation's own text (its edges dropped). */
export function withEdges(source: string, translated: string): string {
  const s = splitEdges(source)
  return `${s.lead}${lineEndingsOf(source, splitEdges(translated).core)}${s.trail}`
}
