import { createHash } from 'node:crypto'

/** A short, stable content hash (12 hex of SHA-1): enough to tell texts apart in a lock file. */
export function shortHash(text: string): string {
  return createHash('sha1').update(text).digest('hex').slice(0, 12)
}

/**
 * A file's content as the plan reads it (the sums, lock/sums.ts): a CRLF checkout (git's autocrlf) hashes like the LF
 * one, since JSON allows no raw CR inside a string; '-' for a file that does not exist.
 */
export function contentHash(data: string | Buffer | undefined): string {
  if (data === undefined) return '-'
  if (typeof data === 'string' ? data.includes('\r') : data.includes(13)) {
    return createHash('sha1').update(data.toString().replace(/\r\n/g, '\n')).digest('hex')
  }
  return createHash('sha1').update(data).digest('hex')
}
