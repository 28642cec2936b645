import { readFile } from 'node:fs/promises'

/**
 * A locale file's JSON, read as its editor finished writing it: the watcher can fire between an editor's truncate
 * and its write (and then throttles the second event away), so a text that does not parse is read again, a few
 * times, 50 ms apart, before it counts as broken.
 */
export async function readSettled(file: string): Promise<unknown> {
  for (let attempt = 0; ; attempt++) {
    try {
      return JSON.parse(await readFile(file, 'utf8'))
    } catch (error) {
      if (attempt >= 4) throw error
      await new Promise((r) => setTimeout(r, 50))
    }
  }
}
