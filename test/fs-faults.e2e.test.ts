import * as nodeFs from 'node:fs'
import { readdirSync } from 'node:fs'
import { join } from 'node:path'
import { type FileSystem, type SyncFailure, sync } from '@l10n-sync/core'
import { describe, expect, it } from 'vitest'
import { projectPerTest } from './utils/project.ts'

/**
 * Core takes its file system injected (CoreIO.fs), so a full disk or a failing rename is a real
 * error on a real write, in the middle of a real sync against the emulator over HTTP — not a mock.
 */

const EN = { title: 'Hello, {{name}}!', nav: { home: 'Home', settings: 'Settings' } }
const TARGETS = ['ja', 'fr']

const newProject = projectPerTest()

function enospc(syscall: string, path: string, dest?: string): NodeJS.ErrnoException {
  const e = Object.assign(new Error(`ENOSPC: no space left on device, ${syscall} '${path}'${dest ? ` -> '${dest}'` : ''}`), {
    code: 'ENOSPC',
    errno: -28,
    syscall,
    path,
    dest,
  })
  return e
}

/** node:fs, with `rename` onto a matching path failing (ENOSPC) on the given calls (1-based), counted per match. */
function diskFullOn(match: (dest: string) => boolean, calls: number[]): { fs: FileSystem; renames: () => number } {
  let n = 0
  const rename = async (from: nodeFs.PathLike, to: nodeFs.PathLike) => {
    if (match(String(to)) && calls.includes(++n)) throw enospc('rename', String(from), String(to))
    return nodeFs.promises.rename(from, to)
  }
  return { fs: { ...nodeFs, promises: { ...nodeFs.promises, rename } } as FileSystem, renames: () => n }
}

const tempFiles = (dir: string) =>
  readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => /\.\d{7,}$/.test(f) && !f.includes('node_modules'))

describe('a failing disk in the middle of a sync (injected file system)', () => {
  it('a .l10n/ that cannot hold the in-flight journal stops the run before any request, naming it', async () => {
    const p = await newProject({ 'locales/en/common.json': EN, '.l10n': 'not a directory' }, { targets: TARGETS })
    const error = (await p.sync().catch((e) => e)) as SyncFailure
    expect(error).toMatchObject({ code: 'L10N_FS', file: join('.l10n', 'l10n.lock.json.inflight.json') })
    expect(error.message).toMatch(/the in-flight journal\) cannot be created: \.l10n is a file/)
    expect((await p.ledger()).requests).toBe(0)
    expect(p.exists('l10n.lock.json')).toBe(false)
  })

  it('the journal write of an intent fails (disk full): nothing is posted, no intent is left, the next sync orders at once', async () => {
    const p = await newProject({ 'locales/en/common.json': EN }, { targets: ['ja'] })
    const disk = diskFullOn((dest) => dest.endsWith('.inflight.json'), [1])
    const error = (await p.sync({ fs: disk.fs }).catch((e) => e)) as SyncFailure
    expect(error).toMatchObject({ code: 'L10N_FS' })
    expect((await p.ledger()).by_route['POST translate/jobs'] ?? 0).toBe(0)
    expect(p.exists('l10n.lock.json') ? p.readJson('l10n.lock.json').intents : undefined).toBeUndefined()
    expect(tempFiles(p.dir)).toEqual([])
    const again = await p.sync({ wait: 30, pollIntervalMs: 10 })
    expect(again).toMatchObject({ complete: true, ordered: { jobs: 3 } })
    expect(again.warnings.join('\n')).not.toMatch(/may still be being created/)
  })

  it('a target file cannot be written after the order: it stays as it was, the error names it, and the next sync writes it for free', async () => {
    const p = await newProject(
      { 'locales/en/common.json': EN, 'locales/ja/common.json': { nav: { home: 'ホーム' } } },
      { targets: TARGETS },
    )
    const before = p.read('locales/ja/common.json')
    const disk = diskFullOn((dest) => dest.endsWith(join('locales', 'ja', 'common.json')), [1])
    const error = (await p.sync({ wait: 30, pollIntervalMs: 10, fs: disk.fs }).catch((e) => e)) as SyncFailure
    expect(error).toMatchObject({ code: 'L10N_FS', file: join('locales', 'ja', 'common.json') })
    expect(error.message).toMatch(/Could not write locales\/ja\/common\.json: ENOSPC.*nothing is lost or charged twice/)
    expect(error.report?.ordered.jobs).toBeGreaterThan(0)
    expect(p.read('locales/ja/common.json')).toBe(before) // not half-written
    expect(tempFiles(p.dir)).toEqual([]) // the temp file beside it went too
    const charged = await p.ledger()
    expect(charged.jobs_created).toBe(error.report?.ordered.jobs)

    const again = await p.sync({ wait: 30, pollIntervalMs: 10 })
    expect(again).toMatchObject({ complete: true, ordered: { jobs: 0, credits: 0 } })
    expect(p.readJson('locales/ja/common.json').nav).toEqual({ home: 'ホーム', settings: expect.stringMatching(/^\[ja\] /) })
    const after = await p.ledger()
    console.log(
      `disk full on a target: ${charged.jobs_created} jobs, ${charged.credits_charged} credits; after the retry ${after.jobs_created} jobs, ${after.credits_charged} credits`,
    )
    expect([after.jobs_created, after.credits_charged]).toEqual([charged.jobs_created, charged.credits_charged])
  })

  it.each([
    ['default', {}],
    ['worst-case', { worstCase: true }],
  ] as const)(
    'the lock write right after the POST fails (emulator %s): the intent written before it keeps the order, nothing is ordered twice',
    async (_mode, emu) => {
      // One POST at a time, so the lock's renames are: 1 = ja's intent (before its POST), 2 = ja's order id right after it.
      const p = await newProject({ 'locales/en/common.json': EN }, { targets: TARGETS, gengo: { concurrency: 1 } }, emu)
      const disk = diskFullOn((dest) => dest.endsWith('l10n.lock.json'), [2])
      const error = await p.sync({ fs: disk.fs }).catch((e) => e)
      expect(error).toMatchObject({ code: expect.stringMatching(/^L10N_/) })
      expect(disk.renames()).toBeGreaterThanOrEqual(2)
      const charged = await p.ledger()
      expect(charged.jobs_created).toBe(3) // ja's 3 keys; the run stopped before fr's POST
      // …and no POST goes out after the failed run has returned (outside the project lock).
      await new Promise((resolve) => setTimeout(resolve, 500))
      expect((await p.ledger()).jobs_created).toBe(3)
      expect(Object.values(p.readJson('l10n.lock.json').intents ?? {})).toEqual([expect.objectContaining({ lng: 'ja' })])

      const again = await sync(await p.config(), { wait: 30, pollIntervalMs: 10 })
      expect(again.complete).toBe(true)
      const after = await p.ledger()
      console.log(
        `lock write failed after the POST: ${charged.jobs_created} jobs, ${charged.credits_charged} credits; after the next sync ${after.jobs_created} jobs, ${after.credits_charged} credits`,
      )
      expect(after.jobs_created).toBe(6) // ja's 3 found by reconciliation, not ordered again; fr's 3 ordered once
      expect(again.ordered.jobs).toBe(3)
      expect(p.readJson('l10n.lock.json').intents).toBeUndefined()
      for (const lng of TARGETS) expect(Object.keys(p.readJson(`locales/${lng}/common.json`).nav)).toEqual(['home', 'settings'])
    },
  )

  it('the project lock is lost mid-run (its heartbeat fails): the run orders nothing more and fails by name, without killing the process', async () => {
    // Two POSTs, one at a time; the first takes 3 s, long enough for the lock's 2 s heartbeat to fail.
    const p = await newProject({ 'locales/en/common.json': EN }, { targets: TARGETS, gengo: { concurrency: 1 } })
    await p.admin('POST', 'faults', { faults: [{ kind: 'delay', route: 'POST translate/jobs', ms: 3000 }] })
    // Once the first POST is on its way, the lock's heartbeat (it sets the lock directory's mtime) fails.
    let posting = false
    let heartbeats = 0
    const utimes = ((path: nodeFs.PathLike, a: nodeFs.TimeLike, m: nodeFs.TimeLike, cb: nodeFs.NoParamCallback) => {
      if (!posting) return nodeFs.utimes(path, a, m, cb)
      heartbeats++
      cb(Object.assign(new Error('ENOENT: the lock directory is gone'), { code: 'ENOENT' }))
    }) as typeof nodeFs.utimes
    const fetchSeen = (request: Request) => {
      if (request.method === 'POST' && request.url.includes('translate/jobs')) posting = true
      return fetch(request)
    }
    const error = await p.sync({ fs: { ...nodeFs, utimes } as FileSystem, fetch: fetchSeen }).catch((e) => e)
    expect(heartbeats).toBeGreaterThan(0)
    expect(error).toMatchObject({ code: 'L10N_BUSY' })
    expect(error.message).toMatch(/project lock .* was lost.*orders nothing more/)
    const charged = await p.ledger()
    expect([charged.jobs_created, charged.by_route['POST translate/jobs']]).toEqual([3, 1]) // ja's POST only
    const again = await p.sync({ wait: 30, pollIntervalMs: 10 })
    expect(again).toMatchObject({ complete: true, ordered: { jobs: 3 } })
    expect((await p.ledger()).jobs_created).toBe(6)
  }, 20_000)
})
