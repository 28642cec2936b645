import { GengoError } from './errors.ts'
import { badShape, isObject, toInt, toStr } from './normalize.ts'
import type { Transport } from './transport.ts'

/** Gengo's limit on one comment's body (`POST translate/job/{id}/comment`). */
export const MAX_COMMENT_CHARS = 25_000

/**
 * Who wrote a message in a job's thread. Gengo documents `translator`, `customer` and
 * `senior translator`; anything else arrives as `other` (with the raw name in `authorName`), and is
 * treated like a translator's message: unfavourable reading, a question nobody answered.
 */
export type GengoCommentAuthor = 'translator' | 'customer' | 'senior translator' | 'other'

export interface GengoComment {
  body: string
  author: GengoCommentAuthor
  /** The author as Gengo sent it. */
  authorName: string
  /** Unix seconds; 0 when Gengo sent none. */
  ctime: number
}

const AUTHORS = new Set<string>(['translator', 'customer', 'senior translator'])

function authorOf(raw: string): GengoCommentAuthor {
  const a = raw.trim().toLowerCase().replace(/[_-]+/g, ' ')
  return AUTHORS.has(a) ? (a as GengoCommentAuthor) : 'other'
}

/** `{thread:[{body, author, ctime}]}` (also a bare list, or `thread` missing when there is none), oldest first. */
export function normalizeThread(raw: unknown): GengoComment[] {
  const list = isObject(raw) ? (raw.thread ?? raw.comments ?? []) : raw
  if (!Array.isArray(list)) throw badShape('comment thread', raw)
  return list
    .filter(isObject)
    .map((c) => {
      const authorName = toStr(c.author)
      return { body: toStr(c.body), author: authorOf(authorName), authorName, ctime: toInt(c.ctime) }
    })
    .sort((a, b) => a.ctime - b.ctime)
}

/** Refuses, before sending, a comment Gengo would refuse: empty (2300) or over 25,000 characters. */
export function checkCommentBody(body: string): string {
  if (typeof body !== 'string' || body.trim() === '')
    throw new GengoError('GENGO_INPUT', 'A comment needs a body: an empty one is refused by Gengo (2300) and was not sent.')
  const chars = [...body].length
  if (chars > MAX_COMMENT_CHARS)
    throw new GengoError(
      'GENGO_INPUT',
      `A comment is at most ${MAX_COMMENT_CHARS.toLocaleString('en')} characters (Gengo's limit); this one has ${chars.toLocaleString('en')} and was not sent. Shorten it or split it.`,
    )
  return body
}

export async function getComments(t: Transport, jobId: string): Promise<GengoComment[]> {
  return normalizeThread(await t.call('GET', `translate/job/${jobId}/comments`))
}

/** Not retried after an ambiguous failure: a second copy would reach the translator. */
export async function postComment(t: Transport, jobId: string, body: string): Promise<void> {
  await t.call('POST', `translate/job/${jobId}/comment`, { body: checkCommentBody(body) }, { idempotent: false })
}

/** One of the account's glossaries (`GET translate/glossary`). */
export interface GengoGlossary {
  id: string
  title: string
  /** Gengo's source language code. */
  lcSrc: string
  /** Gengo's target language codes it covers. */
  lcTgts: string[]
}

/** `[{id, title, source_language_code, target_languages:[[id, code]], …}]`; target languages as codes or `[id, code]` pairs. */
export function normalizeGlossaries(raw: unknown): GengoGlossary[] {
  const list = isObject(raw) && Array.isArray(raw.glossaries) ? raw.glossaries : raw
  if (!Array.isArray(list)) throw badShape('glossary list', raw)
  return list.filter(isObject).map((g) => ({
    id: toStr(g.id),
    title: toStr(g.title),
    lcSrc: toStr(g.source_language_code).toLowerCase(),
    lcTgts: (Array.isArray(g.target_languages) ? g.target_languages : [])
      .map((t) => (Array.isArray(t) ? toStr(t[1]) : toStr(t)).toLowerCase())
      .filter((c) => c !== ''),
  }))
}

/** The account's preferred translators for one language pair and tier (`GET account/preferred_translators`). */
export interface GengoPreferredTranslators {
  lcSrc: string
  lcTgt: string
  tier: string
  translators: { id: string; lastLogin: number; numberOfJobs: number }[]
}

export function normalizePreferred(raw: unknown): GengoPreferredTranslators[] {
  const list = isObject(raw) && Array.isArray(raw.preferred_translators) ? raw.preferred_translators : raw
  if (!Array.isArray(list)) throw badShape('preferred translator list', raw)
  return list.filter(isObject).map((p) => ({
    lcSrc: toStr(p.lc_src).toLowerCase(),
    lcTgt: toStr(p.lc_tgt).toLowerCase(),
    tier: toStr(p.tier),
    translators: (Array.isArray(p.translators) ? p.translators : [])
      .filter(isObject)
      .map((t) => ({ id: toStr(t.id), lastLogin: toInt(t.last_login), numberOfJobs: toInt(t.number_of_jobs) })),
  }))
}
