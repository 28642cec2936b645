import { mkdtempSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { NODE_STAMP_IO, RACY_MS, type StampIO, snapshot, unchanged } from '../../src/files/stamp.ts'

// The stamp answers "nothing changed" from stats alone; it must never do so for a changed file, even on a file
// system whose clock is coarser than the edits (same size, same mtime, same ctime, same inode).

const dirs: string[] = []
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
})

/**
 * Real files and sizes, but stats as a file system whose clock did not tick during the test would give them (every
 * write inside one tick: same mtime and ctime, stable inode); a settable clock.
 */
function coarseIO(start: number): StampIO & { clock: number } {
  const tick = BigInt(start) * 1_000_000n
  const io = {
    clock: start,
    stat(file: string) {
      const s = statSync(file, { bigint: true, throwIfNoEntry: false })
      return s && { size: s.size, mtimeNs: tick, ctimeNs: tick, ino: 1n }
    },
    read: NODE_STAMP_IO.read,
    now: () => io.clock,
  }
  return io
}

function tree(): { a: string; b: string } {
  const dir = mkdtempSync(join(tmpdir(), 'l10n-stamp-'))
  dirs.push(dir)
  const a = join(dir, 'a.json')
  const b = join(dir, 'b.json')
  writeFileSync(a, '{"k":"aaaa"}')
  writeFileSync(b, '{"k":"bbbb"}')
  return { a, b }
}

describe('the stat stamp', () => {
  it('an edit within the same clock tick, same size, is still a change (the racy file was hashed)', () => {
    const { a, b } = tree()
    const io = coarseIO(Date.now())
    const saved = snapshot([a, b], io)
    expect(saved.states.every((s) => s.includes('#'))).toBe(true) // both just written: racy
    const before = io.stat(a)
    writeFileSync(a, '{"k":"aaab"}') // same size, so the same stat
    expect(io.stat(a)).toEqual(before)
    expect(unchanged(saved, [a, b], io).same).toBe(false)
    writeFileSync(a, '{"k":"aaaa"}') // back to the bytes it had: unchanged again
    expect(unchanged(saved, [a, b], io).same).toBe(true)
  })

  it('a file older than the racy window stands on its stats; a racy entry is upgraded once it is old enough', () => {
    const { a, b } = tree()
    const io = coarseIO(Date.now())
    const saved = snapshot([a, b], io)
    io.clock += RACY_MS + 1_000 // later: the files' times are now well before the clock
    const { same, upgraded } = unchanged(saved, [a, b], io)
    expect(same).toBe(true)
    expect(upgraded?.states.some((s) => s.includes('#'))).toBe(false)
    const later = snapshot([a, b], io)
    expect(later.states).toEqual(upgraded?.states)
    // Any edit from now on gets a later time, which the plain stat sees.
    expect(unchanged(upgraded as NonNullable<typeof upgraded>, [a, b], io).same).toBe(true)
  })

  it('a different file list, a file gone or a file that appeared is a change', () => {
    const { a, b } = tree()
    const saved = snapshot([a, b])
    expect(unchanged(saved, [a]).same).toBe(false)
    expect(unchanged(saved, [b, a]).same).toBe(false)
    rmSync(b)
    expect(unchanged(saved, [a, b]).same).toBe(false)
    const gone = snapshot([a, b])
    expect(gone.states[1]).toBe('-')
    writeFileSync(b, '{"k":"bbbb"}')
    expect(unchanged(gone, [a, b]).same).toBe(false)
  })

  it('with real stats, the same bytes rewritten with the old mtime are seen by their change time or inode', () => {
    const { a } = tree()
    const io = { ...NODE_STAMP_IO, now: () => Date.now() + RACY_MS * 10 } // not racy: stats alone decide
    const t = Math.floor(Date.now() / 1000) - 60
    utimesSync(a, t, t)
    const saved = snapshot([a], io)
    expect(saved.states[0]).not.toContain('#')
    writeFileSync(a, '{"k":"aaab"}') // same size
    utimesSync(a, t, t) // mtime put back, as some copy tools do
    expect(statSync(a).mtimeMs).toBe(t * 1000)
    expect(unchanged(saved, [a], io).same).toBe(false)
  })
})
