import { hash } from 'node:crypto'
import type { FileSystem } from '../io.ts'

/** A short, stable content hash (12 hex of SHA-1): enough to tell texts apart in a lock file. */
export function shortHash(text: string): string {
  return hash('sha1', text, 'hex').slice(0, 12)
}

/** SHA-1 in hex, one call (crypto.hash: no Hash object per text, which a plan of 10k keys makes 10k of). */
export function sha1Hex(data: string | Buffer): string {
  return hash('sha1', data, 'hex')
}

/**
 * A file's content as the plan reads it (the sums, lock/sums.ts): a CRLF checkout (git's autocrlf) hashes like the LF
 * one, since JSON allows no raw CR inside a string; '-' for a file that does not exist.
 */
export function contentHash(data: string | Buffer | undefined): string {
  if (data === undefined) return '-'
  if (typeof data === 'string' ? data.includes('\r') : data.includes(13)) return sha1Hex(data.toString().replace(/\r\n/g, '\n'))
  return sha1Hex(data)
}

/**
 * The contentHash of a file ('-' when it cannot be read), its bytes read into one buffer that is reused from file to
 * file: a fresh Buffer per file costs its page faults and the garbage collector's time, a third of hashing 200 files.
 */
export function fileHasher(fs: FileSystem): (file: string) => string {
  let buf = Buffer.allocUnsafe(1 << 16)
  return (file) => {
    let fd: number
    try {
      fd = fs.openSync(file, 'r')
    } catch {
      return contentHash(undefined)
    }
    try {
      let n = 0
      for (;;) {
        if (n === buf.length) {
          const bigger = Buffer.allocUnsafe(buf.length * 2)
          buf.copy(bigger, 0, 0, n)
          buf = bigger
        }
        const read = fs.readSync(fd, buf, n, buf.length - n, null)
        if (read === 0) return contentHash(buf.subarray(0, n))
        n += read
      }
    } catch {
      return contentHash(undefined)
    } finally {
      fs.closeSync(fd)
    }
  }
}
