import { L10nError } from '../errors.ts'

/**
 * A namespace's context file, read: key → the translator's note, and (`limits`) key → the most characters its
 * translation may have. A key's entry is a string (the note) or `{ "context"?: string, "maxChars"?: number }`.
 */
export interface ContextNotes extends Map<string, string> {
  /** key → `maxChars`; absent when no entry sets one. */
  limits?: ReadonlyMap<string, number>
}

const FIELDS = new Set(['context', 'maxChars'])
const SHAPE = '{"context": "a note for the translator", "maxChars": 20}'

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)

/** An object is a key's entry, not a level of nesting, when it has `maxChars`, or `context` that is not an object. */
function isEntry(node: Record<string, unknown>): boolean {
  return Object.hasOwn(node, 'maxChars') || (Object.hasOwn(node, 'context') && !isObj(node.context))
}

function bad(file: string, key: string, what: string): L10nError {
  return new L10nError('L10N_RESOURCE', `${file}: key "${key}" ${what} A key's entry is a string or ${SHAPE}.`, { file, key })
}

/** Checks one `{context, maxChars}` entry, naming the file and key. */
function readEntry(node: Record<string, unknown>, file: string, key: string): { context?: string; maxChars?: number } {
  const unknown = Object.keys(node).filter((f) => !FIELDS.has(f))
  if (unknown.length > 0) {
    const hint = Object.hasOwn(node, 'context')
      ? ` (to give a note to a key named "context" inside "${key}", write its entry as {"context": {"context": "…"}})`
      : ''
    throw bad(file, key, `has unknown field${unknown.length > 1 ? 's' : ''} ${unknown.map((f) => `"${f}"`).join(', ')}${hint}.`)
  }
  const { context, maxChars } = node
  if (context !== undefined && typeof context !== 'string')
    throw bad(file, key, `has "context" ${JSON.stringify(context)}: write the note as a string.`)
  if (maxChars !== undefined && (typeof maxChars !== 'number' || !Number.isInteger(maxChars) || maxChars < 1))
    throw bad(file, key, `has "maxChars" ${JSON.stringify(maxChars)}: write a whole number of characters of at least 1.`)
  return { context, maxChars }
}

/**
 * Reads a parsed context file: plain strings and `{context, maxChars}` entries, nested like the source file (by
 * `keySeparator`). Leaves that are not strings are ignored (as before); a key given twice is an error naming both.
 */
export function parseContext(tree: unknown, file: string, keySeparator: string | false): ContextNotes {
  if (!isObj(tree))
    throw new L10nError(
      'L10N_RESOURCE',
      `${file} must hold a JSON object of keys, not ${Array.isArray(tree) ? 'an array' : typeof tree}.`,
      { file },
    )
  const notes: ContextNotes = new Map()
  const limits = new Map<string, number>()
  const seen = new Set<string>()
  const visit = (node: unknown, key: string, depth: number) => {
    if (depth > 0 && (isObj(node) ? isEntry(node) : typeof node === 'string')) {
      if (seen.has(key))
        throw bad(file, key, `is given twice (with keySeparator ${JSON.stringify(keySeparator)} two spellings collide): keep one.`)
      seen.add(key)
      const entry = typeof node === 'string' ? { context: node } : readEntry(node as Record<string, unknown>, file, key)
      if (entry.context !== undefined) notes.set(key, entry.context)
      if (entry.maxChars !== undefined) limits.set(key, entry.maxChars)
      return
    }
    if (typeof node !== 'object' || node === null) return
    if (depth > 0 && keySeparator === false)
      throw bad(file, key, 'holds an object of keys, but i18next.keySeparator is false, so keys cannot nest.')
    const prefix = depth > 0 ? `${key}${keySeparator}` : ''
    if (Array.isArray(node)) for (let i = 0; i < node.length; i++) visit(node[i], `${prefix}${i}`, depth + 1)
    else for (const k of Object.keys(node)) visit((node as Record<string, unknown>)[k], `${prefix}${k}`, depth + 1)
  }
  visit(tree, '', 0)
  if (limits.size > 0) notes.limits = limits
  return notes
}
