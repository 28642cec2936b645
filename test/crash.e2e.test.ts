import { type ChildProcess, spawn } from 'node:child_process'
import { appendFileSync } from 'node:fs'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'
import { isDeepStrictEqual } from 'node:util'
import { beforeAll, describe, expect, it } from 'vitest'
import {
  ageProjectLock,
  cleanOutcome,
  expected,
  FULL,
  faultProject,
  MODES,
  type Outcome,
  passMark,
  settle,
  verdict,
} from './utils/faults.ts'
import type { TestProject } from './utils/project.ts'

/**
 * The SIGKILL sweep (issue 11): a `sync --wait` in a child process is frozen at one of its
 * progress events and killed there: after each HTTP answer arrives (a POST's included, before
 * its order id is recorded), after each batch is ordered, between the target file writes and
 * before the lock write, while `--wait` sleeps. Then a normal sync runs. The judge is the
 * matrix's: the ledger and the target files of one clean run, a valid lock, no intent left.
 *
 * `pnpm test` kills at a representative slice of the points; `pnpm test:faults` at every one.
 */

const FIXTURE = fileURLToPath(new URL('./fixtures/run-sync-crash.ts', import.meta.url))
const CWD = fileURLToPath(new URL('.', import.meta.url))
const WAIT = 60

interface Run {
  events: string[]
  crashed?: string
  done?: string
  stderr: string
  child: ChildProcess
}

/** Runs the fixture; resolves when it freezes at `point` (then kills it with SIGKILL) or ends. */
function runChild(p: TestProject, point: string): Promise<Run> {
  const child = spawn(process.execPath, ['--import', 'tsx', FIXTURE, p.dir, p.emulator.origin, point, String(WAIT)], {
    cwd: CWD,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const run: Run = { events: [], stderr: '', child }
  child.stderr?.on('data', (d) => {
    run.stderr += d
  })
  return new Promise((resolve) => {
    createInterface({ input: child.stdout as NodeJS.ReadableStream }).on('line', (line) => {
      if (line.startsWith('EVENT ')) run.events.push(line.slice(6))
      else if (line.startsWith('CRASH ')) {
        run.crashed = line.slice(6)
        child.kill('SIGKILL')
      } else if (line.startsWith('DONE ')) run.done = line.slice(5)
    })
    child.once('exit', () => resolve(run))
  })
}

/** Every crash point of a run: `<key>#<k>` for the k-th event of each key. */
function pointsOf(events: string[]): string[] {
  const seen = new Map<string, number>()
  return events.map((key) => {
    const k = (seen.get(key) ?? 0) + 1
    seen.set(key, k)
    return `${key}#${k}`
  })
}

/**
 * The CI slice: a POST answered but its order id not yet recorded (first and a later one),
 * a crash between target file writes and before the lock write, and `--wait` asleep; one
 * against the worst case.
 */
const SLICE: Record<string, string[]> = {
  default: ['request POST translate/jobs#1', 'request POST translate/jobs#3', 'write#2', 'wait#1'],
  'worst-case': ['request POST translate/jobs#2'],
}

/** Runs `work` over `items`, `n` at a time. */
async function pool<T>(items: T[], n: number, work: (item: T) => Promise<void>): Promise<void> {
  const queue = [...items]
  await Promise.all(
    Array.from({ length: n }, async () => {
      for (let item = queue.shift(); item !== undefined; item = queue.shift()) await work(item)
    }),
  )
}

const report = process.env.L10N_FAULTS_REPORT

describe.each(MODES)('SIGKILL sweep across a sync --wait (emulator %s)', (mode, emu) => {
  let clean: Outcome
  let catalogue: string[] = []
  beforeAll(async () => {
    clean = await cleanOutcome(emu)
    if (!FULL) return
    // The crash points: every progress event of one clean `sync --wait` in the child.
    const p = await faultProject(emu)
    try {
      const run = await runChild(p, 'none')
      expect(run.done, 'the clean child sync ends').toMatch(/"complete":true/)
      catalogue = run.events
    } finally {
      await p.cleanup()
    }
  }, 120_000)

  it('kills at every crash point (a slice in CI), then a normal sync: nothing lost, nothing charged twice', async () => {
    const chosen = FULL ? pointsOf(catalogue) : (SLICE[mode] ?? [])
    expect(chosen.length).toBeGreaterThan(0)
    const failures: string[] = []
    await pool(chosen, FULL ? 3 : 2, async (point) => {
      const started = Date.now()
      const p = await faultProject(emu)
      try {
        const run = await runChild(p, point)
        const stale = ageProjectLock(p)
        const last = await settle(p)
        const v = await verdict(p, last, clean)
        if (report)
          appendFileSync(
            report,
            `${JSON.stringify({ suite: 'crash', mode, point, killed: run.crashed !== undefined, staleProjectLock: stale, passes: last.passes, ms: Date.now() - started, ...v, clean: clean.money })}\n`,
          )
        if (run.crashed === undefined) failures.push(`${point} was not reached: ${run.done ?? run.stderr.slice(-500)}`)
        const mark = passMark(v)
        if (!isDeepStrictEqual(mark, expected(clean)))
          failures.push(`killed at ${point}: ${JSON.stringify(mark)} (clean: ${JSON.stringify(clean.money)})`)
      } finally {
        await p.cleanup()
      }
    })
    expect(failures).toEqual([])
  }, 1_800_000)
})
