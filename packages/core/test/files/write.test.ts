import * as nodeFs from 'node:fs'
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { writeAtomic } from '../../src/files/write.ts'
import type { FileSystem } from '../../src/io.ts'

// Yarn Plug'n'Play patches node:fs; the FileHandle its fs.promises.open hands out throws "Method not implemented." from
// sync(), synchronously (issue 23 §3). These file systems are node:fs with only that behaviour changed.

const dirs: string[] = []
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
})
function temp(): string {
  const dir = mkdtempSync(join(tmpdir(), 'l10n-write-'))
  dirs.push(dir)
  return dir
}

/** node:fs whose FileHandle.sync() throws `syncError` (synchronously, as PnP's does) and whose fsync is `fsync`. */
function fsWith(syncError: Error, fsync: typeof nodeFs.fsync, fsyncs: number[]): FileSystem {
  const open = async (...args: Parameters<typeof nodeFs.promises.open>) => {
    const handle = await nodeFs.promises.open(...args)
    return new Proxy(handle, {
      get(target, prop) {
        if (prop === 'sync') {
          return () => {
            throw syncError
          }
        }
        const value = Reflect.get(target, prop, target)
        return typeof value === 'function' ? value.bind(target) : value
      },
    })
  }
  const recordingFsync = ((fd: number, cb: (e: NodeJS.ErrnoException | null) => void) => {
    fsyncs.push(fd)
    fsync(fd, cb)
  }) as typeof nodeFs.fsync
  return { ...nodeFs, fsync: recordingFsync, promises: { ...nodeFs.promises, open } } as FileSystem
}

const PNP_ERROR = () => new Error('Method not implemented.')
const errno = (code: string) => Object.assign(new Error(`${code}: simulated`), { code })

describe('writeAtomic under Yarn PnP (FileHandle.sync not implemented)', () => {
  it('falls back to fsync of the descriptor, and writes the file whole', async () => {
    const dir = temp()
    const file = join(dir, 'ja.json')
    writeFileSync(file, '{"old":1}\n')
    const fsyncs: number[] = []
    await writeAtomic(file, '{"new":2}\n', fsWith(PNP_ERROR(), nodeFs.fsync, fsyncs))
    expect(readFileSync(file, 'utf8')).toBe('{"new":2}\n')
    expect(fsyncs).toHaveLength(1)
    expect(fsyncs[0]).toBeGreaterThanOrEqual(0)
    expect(readdirSync(dir)).toEqual(['ja.json'])
  })

  it('skips the flush when fsync is not implemented either (ENOSYS), and still writes', async () => {
    const dir = temp()
    const file = join(dir, 'ja.json')
    const fsyncs: number[] = []
    const noFsync = ((_fd: number, cb: (e: NodeJS.ErrnoException | null) => void) => cb(errno('ENOSYS'))) as typeof nodeFs.fsync
    await writeAtomic(file, 'x', fsWith(PNP_ERROR(), noFsync, fsyncs))
    expect(readFileSync(file, 'utf8')).toBe('x')
    expect(fsyncs).toHaveLength(1)
  })

  it('any other flush error (EIO) fails the write: the target stays as it was and no temp file is left', async () => {
    const dir = temp()
    const file = join(dir, 'ja.json')
    writeFileSync(file, 'before')
    const fsyncs: number[] = []
    await expect(writeAtomic(file, 'after', fsWith(errno('EIO'), nodeFs.fsync, fsyncs))).rejects.toMatchObject({ code: 'EIO' })
    expect(readFileSync(file, 'utf8')).toBe('before')
    expect(readdirSync(dir)).toEqual(['ja.json'])
    expect(fsyncs).toHaveLength(0)
    const failingFsync = ((_fd: number, cb: (e: NodeJS.ErrnoException | null) => void) => cb(errno('EIO'))) as typeof nodeFs.fsync
    await expect(writeAtomic(file, 'after', fsWith(PNP_ERROR(), failingFsync, fsyncs))).rejects.toMatchObject({ code: 'EIO' })
    expect(readFileSync(file, 'utf8')).toBe('before')
    expect(readdirSync(dir)).toEqual(['ja.json'])
  })
})
