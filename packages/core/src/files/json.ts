import { L10nError, type L10nErrorCode } from '../errors.ts'
import { syntaxErrorOffset } from './json-syntax.ts'

/** An ordered JSON tree that is safe for any key (`__proto__` included): objects are Maps. */
export type Tree = string | number | boolean | null | Tree[] | TreeObject
export type TreeObject = Map<string, Tree>

/** Line and column (1-based) of a character offset. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1
  let last = -1
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++
      last = i
    }
  }
  return { line, column: offset - last }
}

/** Deepest nesting a locale or config file may have (i18next keys rarely pass 5); deeper is refused, not a RangeError. */
export const MAX_DEPTH = 100

/** A parsed file's leaves: strings, and whether there are others (numbers, booleans, null). */
export interface Leaves {
  strings: number
  others: boolean
}

/**
 * JSON.parse with an error that names the file, line and column; duplicate keys and nesting past MAX_DEPTH are refused
 * too. `leaves`, when given, is filled in on the way (no second walk of the tree).
 */
export function parseJson(text: string, file: string, code: L10nErrorCode = 'L10N_PARSE', leaves?: Leaves): unknown {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text
  let value: unknown
  try {
    value = JSON.parse(body)
  } catch (error) {
    const message = (error as Error).message
    const pos = /position (\d+)/.exec(message)
    let offset: number
    try {
      offset = pos ? Number(pos[1]) : syntaxErrorOffset(text)
    } catch {
      offset = 0 // a RangeError from nesting too deep for the recursive scan
    }
    const at = lineColumn(text, offset)
    const where = `:${at.line}:${at.column}`
    const reason = message
      .replace(/ in JSON at position \d+.*$/, '')
      .replace(/, (?:\.\.\.)?".*" is not valid JSON$/s, '')
      .replace(/^JSON\.parse: /, '')
    throw new L10nError(code, `${file}${where} is not valid JSON: ${reason}. Fix the file; nothing was written.`, { file, cause: error })
  }
  const keys = countKeys(value, 0, leaves ?? { strings: 0, others: false })
  if (keys >= 0 && keyTokens(body) === keys) return value
  // Count key tokens and nesting without allocating; the full scan only finds what is wrong.
  const quick = scanKeys(body)
  if (quick.depth > MAX_DEPTH || quick.keys !== keys) checkStructure(body, text.length - body.length, text, file, code)
  return value
}

/**
 * At least the number of keys in JSON text, and exactly that when no key repeats: each `":`, when no `"` is followed by
 * whitespace and a colon (so every key's closing quote is right before its colon; other `":` are inside strings, which
 * only add). Equal to the parsed keys, it proves no key was given twice, in two native scans. -1: the full scan decides.
 */
function keyTokens(body: string): number {
  if (/"\s+:/.test(body)) return -1
  let n = 0
  for (let i = body.indexOf('":'); i !== -1; i = body.indexOf('":', i + 2)) n++
  return n
}

/** Index of the quote that closes the JSON string opening at \`start\` (escaped quotes skipped). */
function stringEnd(body: string, start: number): number {
  let end = body.indexOf('"', start + 1)
  for (;;) {
    let k = end - 1
    while (body.charCodeAt(k) === 92) k--
    if ((end - 1 - k) % 2 === 0) return end
    end = body.indexOf('"', end + 1)
  }
}

/** Number of object keys in JSON text (valid, as JSON.parse accepted it) and its deepest nesting. A tight loop: no allocation per key. */
function scanKeys(body: string): { keys: number; depth: number } {
  const objects: boolean[] = []
  let keys = 0
  let depth = 0
  let expectKey = false
  for (let i = 0; i < body.length; i++) {
    const c = body.charCodeAt(i)
    if (c === 34) {
      const end = stringEnd(body, i)
      if (expectKey) keys++
      expectKey = false
      i = end
    } else if (c === 123 || c === 91) {
      objects.push(c === 123)
      if (objects.length > depth) depth = objects.length
      if (depth > MAX_DEPTH) break
      expectKey = c === 123
    } else if (c === 125 || c === 93) {
      objects.pop()
      expectKey = false
    } else if (c === 44) expectKey = objects[objects.length - 1] === true
  }
  return { keys, depth }
}

/** Own keys of every object in a parsed value; -1 when it nests deeper than MAX_DEPTH levels (the recursion stops there). */
function countKeys(value: unknown, depth: number, leaves: Leaves): number {
  if (typeof value === 'string') leaves.strings++
  else if (typeof value !== 'object' || value === null) leaves.others = true
  else {
    if (depth >= MAX_DEPTH) return -1 // depth 0 is the first level of nesting
    const array = Array.isArray(value)
    let n = 0
    for (const v of array ? value : Object.values(value)) {
      const c = countKeys(v, depth + 1, leaves)
      if (c < 0) return -1
      n += array ? c : c + 1
    }
    return n
  }
  return 0
}

/**
 * One pass over text that JSON.parse accepted: refuses a key given twice in one object
 * (JSON.parse keeps the last one silently) and nesting deeper than MAX_DEPTH (recursive
 * code downstream would overflow the stack).
 */
function checkStructure(body: string, shift: number, text: string, file: string, code: L10nErrorCode): void {
  const keys: (Set<string> | null)[] = []
  const path: string[] = []
  let expectKey = false
  for (let i = 0; i < body.length; i++) {
    const c = body.charCodeAt(i)
    if (c === 34) {
      const end = stringEnd(body, i)
      if (expectKey) {
        const raw = body.slice(i + 1, end)
        const key = raw.includes('\\') ? (JSON.parse(body.slice(i, end + 1)) as string) : raw
        const set = keys[keys.length - 1] as Set<string>
        if (set.has(key)) {
          const at = lineColumn(text, i + shift)
          const name = [...path.slice(0, keys.length - 1), key].join('.')
          throw new L10nError(
            code,
            `${file}:${at.line}:${at.column}: key "${name}" is defined twice in the same object; JSON keeps only the last one. Remove or rename one.`,
            { file, key: name },
          )
        }
        set.add(key)
        path[keys.length - 1] = key
        expectKey = false
      }
      i = end
    } else if (c === 123 || c === 91) {
      keys.push(c === 123 ? new Set() : null)
      if (c === 91) path[keys.length - 1] = '[]'
      expectKey = c === 123
      if (keys.length > MAX_DEPTH) {
        const at = lineColumn(text, i + shift)
        throw new L10nError(
          code,
          `${file}:${at.line}:${at.column} nests deeper than ${MAX_DEPTH} levels (under "${path.slice(0, 5).join('.')}…"). Flatten the structure; nothing was written.`,
          { file },
        )
      }
    } else if (c === 125 || c === 93) {
      keys.pop()
      path.length = keys.length
      expectKey = false
    } else if (c === 44) expectKey = keys[keys.length - 1] instanceof Set
  }
}

export interface JsonFormat {
  indent: string
  newline: string
  finalNewline: boolean
}

/** Reads a file's indentation, line ending and trailing newline. */
export function detectFormat(text: string): JsonFormat {
  const newline = text.includes('\r\n') ? '\r\n' : '\n'
  const m = /^[{[][ \t]*\r?\n([ \t]+)\S/.exec(text)
  return { indent: m?.[1] ?? '  ', newline, finalNewline: /\n$/.test(text) }
}

export const DEFAULT_FORMAT: JsonFormat = { indent: '  ', newline: '\n', finalNewline: true }

/** JSON.stringify for trees, keeping key order and the given format. */
export function stringifyTree(tree: Tree, format: JsonFormat = DEFAULT_FORMAT): string {
  const { indent, newline } = format
  const out: string[] = []
  const write = (node: Tree, depth: number) => {
    if (node instanceof Map) {
      if (node.size === 0) return void out.push('{}')
      out.push('{')
      let i = 0
      for (const [k, v] of node) {
        out.push(`${i++ ? ',' : ''}${newline}${indent.repeat(depth + 1)}${JSON.stringify(k)}: `)
        write(v, depth + 1)
      }
      out.push(`${newline}${indent.repeat(depth)}}`)
    } else if (Array.isArray(node)) {
      if (node.length === 0) return void out.push('[]')
      out.push('[')
      node.forEach((v, i) => {
        out.push(`${i ? ',' : ''}${newline}${indent.repeat(depth + 1)}`)
        write(v, depth + 1)
      })
      out.push(`${newline}${indent.repeat(depth)}]`)
    } else {
      out.push(JSON.stringify(node))
    }
  }
  write(tree, 0)
  return out.join('') + (format.finalNewline ? newline : '')
}
