import { mkdir, readFile } from 'node:fs/promises'
import { dirname } from 'node:path'
import writeFileAtomic from 'write-file-atomic'

/** Writes atomically (temp file + rename), and only when the content differs. Returns whether it wrote. */
export async function writeIfChanged(file: string, content: string, current?: string): Promise<boolean> {
  const existing = current ?? (await readFile(file, 'utf8').catch(() => undefined))
  if (existing === content) return false
  await mkdir(dirname(file), { recursive: true })
  await writeFileAtomic(file, content, { encoding: 'utf8' })
  return true
}
