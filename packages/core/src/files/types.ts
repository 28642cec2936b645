import type { ContextNotes } from './context.ts'
import type { FlatEntry, OtherLeaf } from './flatten.ts'
import type { JsonFormat } from './json.ts'

export interface LocaleFile {
  lng: string
  ns: string
  /** Absolute path. */
  file: string
  /** Path relative to the project root, for messages. */
  name: string
  /** Raw text; undefined when the file does not exist. A target's is read again when asked for (only a rewritten file needs it). */
  text?: string
  entries: FlatEntry[]
  values: Map<string, string>
  /** Leaves that are not strings (numbers, booleans, null): kept in place when the file is rewritten. Always empty for a source file. */
  others?: OtherLeaf[]
  /** Whether `others` is non-empty, known without the full (lazy) flatten. */
  hasOthers?: boolean
  format: JsonFormat
  /**
   * A target's parsed tree and its number of string leaves, when it was read for one plan (`readLocaleFile` with `lazy`): the plan
   * looks each key up along the source's path, and `values` is built only when that does not account for every leaf.
   */
  tree?: unknown
  leaves?: number
  /** The content hash of the bytes as read (files/hash.ts `contentHash`), when the reader was asked for it (the sums). */
  hash?: string
}

export interface Resources {
  /** ns → source file. */
  source: Map<string, LocaleFile>
  /** lng → ns → target file (existing or not yet). */
  targets: Map<string, Map<string, LocaleFile>>
  /** ns → key → translator context (and, in `limits`, key → maxChars). */
  context: Map<string, ContextNotes>
  /** ns → the context file's text as read (undefined: none). */
  contextText?: Map<string, string | undefined>
  /** Every namespace the source language has: those outside the scope and those not read (`skip`) included. */
  discovered?: string[]
  /**
   * `${lng}\u0000${ns}` → content hash of every target file read, where a run read them one language at a time and kept
   * only the files it may write (`targets`): what the sums need of the others (lock/sums.ts).
   */
  targetHashes?: Map<string, string>
}
