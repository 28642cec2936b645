import { appendFileSync } from 'node:fs'
import { beforeAll, describe, expect, it } from 'vitest'
import {
  cleanOutcome,
  expected,
  FAULT_CONFIG,
  type Fault,
  FULL,
  faultProject,
  MODES,
  money,
  type Outcome,
  passMark,
  ROUTES,
  settle,
  VARIANTS,
  verdict,
} from './utils/faults.ts'

/**
 * The fault × route matrix (issue 11): every request fault the emulator can inject, once and
 * ten times in a row, on each route a sync uses, against the default and the worst-case
 * emulator. A cell arms its faults, syncs until done or three passes, clears the faults and
 * syncs again (on the simulated clock: `finish` between passes, the clock moved before each
 * request, no sleeping). The judge: the emulator's ledger (credits charged, jobs created) and
 * the target files equal a clean run's, the lock is valid JSON with no intent left.
 *
 * `pnpm test` runs a representative slice; `pnpm test:faults` (L10N_FAULTS=full) every cell.
 * L10N_FAULTS_REPORT=<file> appends one JSON line per cell (the figures in the closing note).
 */

const TIMES = [1, 10] as const

interface Cell {
  name: string
  faults: Fault[]
  /** The fault the cell is about; it must have hit at least once. */
  probe: Fault
}

function cells(): Cell[] {
  const out: Cell[] = []
  for (const [variant, fault] of VARIANTS)
    for (const route of ROUTES)
      for (const times of TIMES) {
        const probe = { ...fault, route, times }
        // The job list is read only to reconcile an order whose answer was lost: lose one first.
        const faults = route === 'GET translate/jobs' ? [{ kind: 'drop-after', route: 'POST translate/jobs' }, probe] : [probe]
        out.push({ name: `${variant} × ${route} × ${times}`, faults, probe })
      }
  // A later POST (the third), for the faults that take effect or leave the outcome unknown.
  for (const kind of ['drop', 'drop-after', 'delay-after', 'error-after', 'status', 'malformed'])
    out.push({
      name: `${kind} × the third POST translate/jobs`,
      faults: [{ kind, route: 'POST translate/jobs', skip: 2, ms: 900 }],
      probe: { kind, route: 'POST translate/jobs', skip: 2, ms: 900 },
    })
  // Translators who lose or change a [[[…]]] segment (the first of a job's), in the first jobs that have one; 30: every job, plural hints too.
  for (const mode of ['drop', 'alter'])
    for (const times of [...TIMES, 30]) {
      const probe = { kind: 'placeholder', mode, times }
      out.push({ name: `placeholder ${mode} × ${times}`, faults: [probe], probe })
    }
  // Pairs: a lost POST answer, then the reconciliation's own reads fail too.
  out.push(
    {
      name: 'drop-after POST, then HTTP 500 on the order read',
      faults: [
        { kind: 'drop-after', route: 'POST translate/jobs' },
        { kind: 'status', status: 500, route: 'GET translate/order/:id', times: 10 },
      ],
      probe: { kind: 'status', route: 'GET translate/order/:id' },
    },
    {
      name: 'delay-after POST, then drop on the job reads',
      faults: [
        { kind: 'delay-after', ms: 900, route: 'POST translate/jobs' },
        { kind: 'drop', route: 'GET translate/jobs/:ids', times: 3 },
      ],
      probe: { kind: 'drop', route: 'GET translate/jobs/:ids' },
    },
    {
      name: 'two lost POST answers in a row',
      faults: [{ kind: 'drop-after', route: 'POST translate/jobs', times: 2 }],
      probe: { kind: 'drop-after', route: 'POST translate/jobs' },
    },
  )
  return out
}

/**
 * The CI slice (about 35 cells): in the default mode every variant once, each on a route chosen
 * by rotation (so every route is covered, ten in a row on the cheaper routes), the POST faults
 * that decide money, a later POST, a pair, and translators breaking placeholders and hints; in
 * the worst case the lost and never-delivered POSTs, two lost answers in a row and broken hints.
 */
function inSlice(cell: Cell, mode: string): boolean {
  const post = cell.probe.route === 'POST translate/jobs'
  const rotation = VARIANTS.findIndex(([v]) => cell.name.startsWith(`${v} ×`))
  if (rotation >= 0) {
    const route = ROUTES[rotation % ROUTES.length]
    const times = route === 'POST translate/jobs' ? 1 : TIMES[rotation % TIMES.length]
    if (mode === 'default' && cell.probe.route === route && cell.probe.times === times) return true
    if (!post || cell.probe.times !== 1) return false
    return (mode === 'default' ? ['drop', 'drop-after', 'delay-after', 'status'] : ['drop', 'drop-after', 'delay-after']).includes(
      cell.probe.kind,
    )
  }
  if (cell.probe.kind === 'placeholder') return cell.probe.times === 30 && (mode === 'default' || cell.probe.mode === 'alter')
  if (mode === 'default') return cell.name === 'drop-after × the third POST translate/jobs' || cell.name.startsWith('drop-after POST, then')
  return cell.name.startsWith('two lost')
}

/** Whether the probe fault fired: it is gone from the emulator's list, or has fewer times left. */
function fired(left: Fault[], probe: Fault): boolean {
  const same = left.find((f) => f.kind === probe.kind && f.route === probe.route)
  return !same || (same.times ?? 1) < (probe.times ?? 1) || (same.skip ?? 0) < (probe.skip ?? 0)
}

const report = process.env.L10N_FAULTS_REPORT

describe.each(MODES)('fault × route matrix (emulator %s)', (mode, emu) => {
  let clean: Outcome
  beforeAll(async () => {
    clean = await cleanOutcome(emu)
  })
  const all = cells()
  const chosen = all.filter((c) => FULL || inSlice(c, mode))

  it.concurrent.each(chosen.map((c) => [c.name, c] as const))(
    '%s',
    async (_name, cell) => {
      const started = Date.now()
      const p = await faultProject(emu)
      try {
        await p.admin('POST', 'faults', { faults: cell.faults })
        const faulted = await settle(p, 3)
        const { faults: left } = await p.admin('GET', 'faults')
        await p.admin('DELETE', 'faults')
        const last = await settle(p)
        const v = await verdict(p, last, clean)
        if (report)
          appendFileSync(
            report,
            `${JSON.stringify({ suite: 'matrix', mode, cell: cell.name, fired: fired(left, cell.probe), faultedComplete: faulted.report?.complete ?? false, passes: last.passes, ms: Date.now() - started, ...v, clean: clean.money })}\n`,
          )
        expect(fired(left, cell.probe), 'the fault hit its route').toBe(true)
        expect(passMark(v)).toEqual(expected(clean))
      } finally {
        await p.cleanup()
      }
    },
    120_000,
  )
})

describe('known gap (worst case): a lock lost while Gengo is still creating the jobs', () => {
  // The emulator's clock stands still, so the worst case's jobs stay "being created" (queued,
  // invisible to lazy loading and to the job list) for as long as the test needs: no timing.
  // Invariant 3 says losing the lock costs nothing. Under the worst-case reading, a lock lost within
  // ~3 s of the order (Gengo still creating the jobs, lazy loading blind to them, GET translate/jobs
  // not listing them yet) would be charged again for every job. The in-flight journal
  // (.l10n/l10n.lock.json.inflight.json, core's lock/journal.ts) keeps what Gengo can't show yet and is
  // merged into whatever lock is read, so the next sync waits on the order instead.
  it.each([
    ['deleted', (p: Awaited<ReturnType<typeof faultProject>>) => p.remove('l10n.lock.json')],
    ['corrupted', (p: Awaited<ReturnType<typeof faultProject>>) => p.write('l10n.lock.json', '{"version":1,')],
  ])('the lock %s right after the order, then a sync: charged once', async (_name, lose) => {
    const t0 = Date.now()
    const p = await faultProject(
      { worstCase: true, now: () => t0 },
      { ...FAULT_CONFIG, gengo: { ...FAULT_CONFIG.gengo, reconcileGrace: 60 } },
    )
    // Core's waits (for the order to be listed, for the intent) pass without sleeping, inside the grace period.
    let skipped = 0
    const clock = { now: () => Date.now() + skipped, sleep: async (ms: number) => void (skipped += ms) }
    try {
      const first = await p.sync({ clock })
      expect(first.ordered.jobs).toBe(24)
      expect(first.warnings.join('\n')).toMatch(/Gengo does not list 24 job\(s\) of this run's order\(s\) yet/)
      const once = money(await p.ledger())
      lose(p)
      await p.sync({ clock }).catch(() => {})
      expect(money(await p.ledger())).toEqual(once)
    } finally {
      await p.cleanup()
    }
  })
})
