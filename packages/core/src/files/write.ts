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
      await flush(handle, fs)
    } finally {
      await handle.close()
    }
    await fs.promises.rename(tmp, file)
  } catch (error) {
    await fs.promises.rm(tmp, { force: true }).catch(() => {})
    throw error
  }
}

/**
 * Flushes the temp file to disk. Yarn Plug'n'Play patches node:fs, and its `FileHandle.sync()` throws "Method not
 * implemented." (synchronously): there, `fsync` the handle's descriptor instead. Where that is not possible either (no
 * descriptor, or fsync not implemented), skip the flush rather than fail every write: the rename still replaces the
 * file whole, and what is lost is only that the new content may not survive a power cut (the lock's journal and lazy
 * loading make a lost write free to redo). Any other error (EIO, ENOSPC) is a failed write.
 */
async function flush(handle: Awaited<ReturnType<FileSystem['promises']['open']>>, fs: FileSystem): Promise<void> {
  try {
    return await handle.sync()
  } catch (error) {
    if (!notImplemented(error)) throw error
  }
  const fd = (handle as { fd?: unknown }).fd
  if (typeof fd !== 'number' || fd < 0) return
  await new Promise<void>((resolve, reject) => {
    try {
      fs.fsync(fd, (error) => (error && !notImplemented(error) ? reject(error) : resolve()))
    } catch (error) {
      if (notImplemented(error)) resolve()
      else reject(error)
    }
  })
}

function notImplemented(error: unknown): boolean {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown }
  return code === 'ENOSYS' || code === 'ERR_METHOD_NOT_IMPLEMENTED' || (typeof message === 'string' && /not implemented/i.test(message))
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
    let listing: string[] = []
    try {
      listing = fs.readdirSync(dir) // one small call: the thread pool's round trip costs more than the listing
    } catch {}
    for (const entry of listing) {
      const m = /^(.*)\.\d+$/.exec(entry)
      if (!m || !names.has(m[1] as string)) continue
      fs.rmSync(join(dir, entry), { force: true })
      removed.push(join(dir, entry))
    }
  }
  return removed
}
