import { mkdir, readdir, readFile, rm } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'
import writeFileAtomic from 'write-file-atomic'

/** Writes atomically (temp file + rename), and only when the content differs. Returns whether it wrote. */
export async function writeIfChanged(file: string, content: string, current?: string): Promise<boolean> {
  const existing = current ?? (await readFile(file, 'utf8').catch(() => undefined))
  if (existing === content) return false
  await mkdir(dirname(file), { recursive: true })
  await writeFileAtomic(file, content, { encoding: 'utf8' })
  return true
}

/**
 * Removes temp files (`<name>.<digits>`, write-file-atomic's) that a killed run left beside
 * these files. Call it holding the project lock: then no other sync is writing them. Returns
 * the removed paths.
 */
export async function removeTempFiles(files: string[]): Promise<string[]> {
  const byDir = new Map<string, Set<string>>()
  for (const f of files) {
    const d = dirname(f)
    if (!byDir.has(d)) byDir.set(d, new Set())
    byDir.get(d)?.add(basename(f))
  }
  const removed: string[] = []
  for (const [dir, names] of byDir) {
    const listing = await readdir(dir).catch(() => [] as string[])
    for (const entry of listing) {
      const m = /^(.*)\.\d+$/.exec(entry)
      if (!m || !names.has(m[1] as string)) continue
      await rm(join(dir, entry), { force: true })
      removed.push(join(dir, entry))
    }
  }
  return removed
}
