import { createHash } from 'node:crypto'

/** A short, stable content hash (12 hex of SHA-1): enough to tell texts apart in a lock file. */
export function shortHash(text: string): string {
  return createHash('sha1').update(text).digest('hex').slice(0, 12)
}
