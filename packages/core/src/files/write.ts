import { basename, dirname, join } from 'node:path'
import { type FileSystem, nodeFileSystem } from '../io.ts'

let seq = 0

/**
 * Writes atomically: a temp file beside the target (`<name>.<digits>`, opened exclusively with the
 * target's mode), flushed to disk, then renamed over it; on any error the temp file goes and the
 * target is as it was. Hand-written rather than write-file-atomic so it runs on the injected file
 * system (write-file-atomic takes no fs).
 */
export async function writeAtomic(file: string, content: string, fs: FileSystem = nodeFileSystem): Promise<void> {
  const mode = await fs.promises.stat(file).then(
    (st) => st.mode & 0o7777,
    () => 0o666,
  )
  const tmp = `${file}.${process.pid}${String(++seq).padStart(6, '0')}`
  try {
    const handle = await fs.promises.open(tmp, 'wx', mode)
    try {
      await handle.writeFile(content, 'utf8')
      await handle.sync()
    } finally {
      await handle.close()
    }
    await fs.promises.rename(tmp, file)
  } catch (error) {
    await fs.promises.rm(tmp, { force: true }).catch(() => {})
    throw error
  }
}

/** Writes atomically, and only when the content differs. Returns whether it wrote. */
export async function writeIfChanged(file: string, content: string, current?: string, fs: FileSystem = nodeFileSystem): Promise<boolean> {
  const existing = current ?? (await fs.promises.readFile(file, 'utf8').catch(() => undefined))
  if (existing === content) return false
  await fs.promises.mkdir(dirname(file), { recursive: true })
  await writeAtomic(file, content, fs)
  return true
}

/**
 * Removes temp files (`<name>.<digits>`, writeAtomic's) that a killed run left beside these
 * files. Call it holding the project lock: then no other sync is writing them. Returns the
 * removed paths.
 */
export async function removeTempFiles(files: string[], fs: FileSystem = nodeFileSystem): Promise<string[]> {
  const byDir = new Map<string, Set<string>>()
  for (const f of files) {
    const d = dirname(f)
    if (!byDir.has(d)) byDir.set(d, new Set())
    byDir.get(d)?.add(basename(f))
  }
  const removed: string[] = []
  for (const [dir, names] of byDir) {
    const listing = await fs.promises.readdir(dir).catch(() => [] as string[])
    for (const entry of listing) {
      const m = /^(.*)\.\d+$/.exec(entry)
      if (!m || !names.has(m[1] as string)) continue
      await fs.promises.rm(join(dir, entry), { force: true })
      removed.push(join(dir, entry))
    }
  }
  return removed
}
