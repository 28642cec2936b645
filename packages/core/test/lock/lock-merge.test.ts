import { spawnSync } from 'node:child_process'
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { resolveConfig } from '../../src/config/config.ts'
import { readLock } from '../../src/lock/lock.ts'
import { sync } from '../../src/sync.ts'

/**
 * A lock merged after a git conflict (issue 11). Two branches start from one synced commit, each
 * adds its own source strings and syncs against the same Gengo account (the in-process emulator,
 * one state carried from project to project), one of them without waiting, so its lock still
 * holds pending orders. The locale files are merged as a person would (both branches' keys);
 * the lock is merged by git:
 *
 * - `git merge-file` (the default) leaves conflict markers: the lock is not valid JSON, so the
 *   next sync warns, starts a new lock, adopts the translations in the files and re-posts the
 *   rest, which lazy loading answers free;
 * - `git merge-file --union` keeps both sides' lines: sometimes valid JSON (then read as is),
 *   mostly not (a missing comma), and then handled like the markers.
 *
 * Either way: the next sync completes, charges nothing (the emulator's ledger), writes every
 * key's translation, and leaves a valid lock.
 */

const RUNS = process.env.L10N_PROPERTY_RUNS
  ? Math.max(3, Math.round(Number(process.env.L10N_PROPERTY_RUNS) / 50))
  : process.env.L10N_FAULTS === 'full'
    ? 20
    : 4
const BASE = { apple: 'Apple', banana: 'Banana {{n}}' }

type Strings = Record<string, string>

async function workspace() {
  const root = await mkdtemp(join(tmpdir(), 'l10n-merge-'))
  const state = join(root, 'gengo-state.json')
  const dirs = { base: join(root, 'base'), ours: join(root, 'ours'), theirs: join(root, 'theirs'), merged: join(root, 'merged') }
  const write = (dir: string, path: string, content: unknown) => {
    mkdirSync(dirname(join(dir, path)), { recursive: true })
    writeFileSync(join(dir, path), typeof content === 'string' ? content : `${JSON.stringify(content, null, 2)}\n`)
  }
  const read = (dir: string, path: string) => readFileSync(join(dir, path), 'utf8')
  const config = (dir: string) =>
    resolveConfig(
      {
        source: 'en',
        targets: ['ja'],
        gengo: { endpoint: 'emulator', acceptReviewable: true, emulator: { speed: 'instant' } },
      },
      dir,
    )
  const charged = () => JSON.parse(readFileSync(state, 'utf8')).ledger.credits_charged as number
  // One Gengo account for every branch: its state moves into the project that syncs (the
  // emulator keeps it in .l10n/emulator.json, inside the project) and back out after.
  const run = async (dir: string, wait: boolean) => {
    const local = join(dir, '.l10n', 'emulator.json')
    mkdirSync(dirname(local), { recursive: true })
    if (existsSync(state)) copyFileSync(state, local)
    try {
      return await sync(config(dir), wait ? { wait: 30, pollIntervalMs: 5 } : {})
    } finally {
      if (existsSync(local)) copyFileSync(local, state)
    }
  }
  return { root, dirs, write, read, config, charged, run }
}

const extra = fc.dictionary(fc.stringMatching(/^[a-z]{3,8}$/), fc.stringMatching(/^[A-Z][a-z]{2,8}( [a-z]{2,8})?$/), {
  minKeys: 1,
  maxKeys: 3,
})

describe('a lock merged after a git conflict', () => {
  it.each([['conflict markers (git merge-file)', []] as const, ['a union merge (git merge-file --union)', ['--union']] as const])(
    '%s: the next sync completes at zero cost with every translation',
    async (_name, flags) => {
      const outcomes = { invalid: 0, valid: 0 }
      await fc.assert(
        fc.asyncProperty(extra, extra, fc.boolean(), async (oursAdd, theirsAdd, oursWaits) => {
          const w = await workspace()
          try {
            // The common commit.
            w.write(w.dirs.base, 'locales/en/common.json', BASE)
            expect((await w.run(w.dirs.base, true)).complete).toBe(true)
            const baseJa = JSON.parse(w.read(w.dirs.base, 'locales/ja/common.json'))
            const baseLock = w.read(w.dirs.base, 'l10n.lock.json')
            // Two branches.
            const branch = async (dir: string, add: Strings, wait: boolean) => {
              w.write(dir, 'locales/en/common.json', { ...BASE, ...add })
              w.write(dir, 'locales/ja/common.json', baseJa)
              w.write(dir, 'l10n.lock.json', baseLock)
              await w.run(dir, wait)
            }
            await branch(w.dirs.ours, oursAdd, oursWaits)
            await branch(w.dirs.theirs, theirsAdd, true)
            const spent = w.charged()
            // The merge: locale files by hand (both sides' keys), the lock by git.
            const en = { ...BASE, ...oursAdd, ...theirsAdd }
            const ja = {
              ...JSON.parse(w.read(w.dirs.ours, 'locales/ja/common.json')),
              ...JSON.parse(w.read(w.dirs.theirs, 'locales/ja/common.json')),
            }
            w.write(w.dirs.merged, 'locales/en/common.json', en)
            w.write(w.dirs.merged, 'locales/ja/common.json', ja)
            w.write(w.root, 'base.lock.json', baseLock)
            const git = spawnSync(
              'git',
              [
                'merge-file',
                '-p',
                ...flags,
                join(w.dirs.ours, 'l10n.lock.json'),
                join(w.root, 'base.lock.json'),
                join(w.dirs.theirs, 'l10n.lock.json'),
              ],
              { encoding: 'utf8' },
            )
            expect(git.error).toBeUndefined()
            w.write(w.dirs.merged, 'l10n.lock.json', git.stdout)
            let valid = true
            try {
              JSON.parse(git.stdout)
            } catch {
              valid = false
            }
            outcomes[valid ? 'valid' : 'invalid']++
            // Conflict markers are never valid JSON.
            if (git.status !== 0 && flags.length === 0) expect(valid).toBe(false)
            const read = await readLock(w.config(w.dirs.merged))
            if (!valid) expect(read.warning).toMatch(/not valid JSON/)

            const after = await w.run(w.dirs.merged, true)
            expect(after.complete).toBe(true)
            expect(w.charged()).toBe(spent)
            const final = JSON.parse(w.read(w.dirs.merged, 'locales/ja/common.json'))
            expect(Object.keys(final).sort()).toEqual(Object.keys(en).sort())
            for (const k of Object.keys(en)) expect(final[k]).toMatch(/^\[ja\] /)
            const lock = JSON.parse(w.read(w.dirs.merged, 'l10n.lock.json'))
            expect(lock).toMatchObject({ version: 1, source: 'en' })
            expect(lock.intents).toBeUndefined()
            // And the sync after that has nothing to do.
            const noop = await w.run(w.dirs.merged, false)
            expect(noop.requests).toBe(0)
          } finally {
            await rm(w.root, { recursive: true, force: true })
          }
        }),
        { numRuns: RUNS },
      )
      if (process.env.L10N_FAULTS_REPORT) console.log(`lock merge ${flags.join(' ') || 'default'}: ${JSON.stringify(outcomes)}`)
    },
    120_000,
  )
})
