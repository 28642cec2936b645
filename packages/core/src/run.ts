import { relative } from 'node:path'
import type { ResolvedL10nConfig } from './config/config.ts'
import { L10nError, shortenIdLists } from './errors.ts'
import { inflightPath, preflight } from './files/preflight.ts'
import { localePath, type Resources, readLocaleFile, readSources } from './files/resources.ts'
import { removeTempFiles } from './files/write.ts'
import { baselineUpdates, decideCleanup, unitId } from './gengo/cleanup.ts'
import type { GengoConnection } from './gengo/connection.ts'
import type { SyncEventHandler } from './gengo/events.ts'
import type { Writes } from './gengo/executor.ts'
import type { Clock, CoreIO, FileSystem } from './io.ts'
import { backupLock, getEntry, type Lock, type ReadLock, readLock } from './lock/lock.ts'
import { acquireProjectLock } from './lock/project-lock.ts'
import { type NamespaceSum, nextSums, type ReadSums, readProven, readSums, trustedLocks, writeSums } from './lock/sums.ts'
import { renderTargets } from './plan/apply.ts'
import { cleanNamespaces } from './plan/clean.ts'
import { planAgain } from './plan/merge.ts'
import type { Plan, Unit } from './plan/plan.ts'
import type { RunScope } from './plan/scope.ts'
import { emptyReport, failure, languageReports, type SyncReport } from './report.ts'
import { planEachFile } from './status.ts'

/** What every pass of one `sync()` shares: the scope, the clock, the deadline, one Gengo connection. */
export interface SyncOptions extends CoreIO {
  /** Quote and report what would be ordered; order and write nothing. @default false */
  dryRun?: boolean
  /**
   * Fetch and write what is finished, adopt what Gengo's record holds for this project (a fresh clone), and order
   * nothing: no quote, no POST. What is still missing or stale is reported (`unordered`). The scheduled CI run. @default false
   */
  fetchOnly?: boolean
  /** Read Gengo's record before ordering (or, fetch-only, to adopt what was ordered elsewhere). @default true */
  findOrdered?: boolean
  /** Only these target languages (i18next codes). @default all targets */
  langs?: string[]
  /** Only these namespaces. @default all */
  namespaces?: string[]
  /** Order fresh translations for broken existing values too (after the quote and budget check). @default config.repair */
  repair?: boolean
  /** Keep polling until nothing is pending, for at most this many seconds (the pre-release pass). @default 0 */
  wait?: number
  /** First poll interval while waiting; backs off ×1.5 up to `gengo.pollMaxMs`. @default gengo.pollIntervalMs (30 min for Gengo, 15 s for the emulator) */
  pollIntervalMs?: number
  /** Stops waiting (Ctrl-C); the step in progress finishes so files and lock stay consistent. */
  signal?: AbortSignal
  onEvent?: SyncEventHandler
  /** How long to wait for another sync on the same project. @default 120000 */
  lockWaitMs?: number
}

export interface RunContext {
  config: ResolvedL10nConfig
  options: SyncOptions
  scope: RunScope
  clock: Clock
  fs: FileSystem
  /** Epoch ms by which the whole run ends (`wait`), reconciliation included. */
  deadline?: number
  /** Connects on first use (a no-op pass makes no request). */
  connect(): Promise<GengoConnection>
  conn?: GengoConnection
}

interface ReadProject {
  /** The sources, and of the targets only the files the run may write (planEachFile in status.ts). */
  resources: Resources
  /** The plan of every file read. */
  plan: Plan
  read: ReadLock
  warnings: string[]
  sums: ReadSums
  /** Namespaces not read: the sums file shows them clean (lock/sums.ts). A dry run reads everything. */
  proven: Map<string, NamespaceSum>
}

/** The read edge: the lock, the sums, the source and target files they do not prove clean, every local precondition, before any request. */
async function readProject(ctx: RunContext, dryRun: boolean): Promise<ReadProject> {
  const { config, scope } = ctx
  const emit = ctx.options.onEvent ?? (() => {})
  // The sums first: a lock they name (a clean sync wrote it) is parsed only if something needs its entries.
  const sums = readSums(config, ctx.fs)
  const read = await readLock(config, ctx.fs, dryRun ? undefined : trustedLocks(sums))
  const { proven, discovered } = await readProven(config, dryRun ? { ...read, corrupt: true } : read, sums, scope.namespaces, ctx.fs)
  const sources = await readSources(config, { namespaces: scope.namespaces, fs: ctx.fs, skip: new Set(proven.keys()), discovered })
  // One language at a time: the files that may be written are kept, with the content hashes of all (the sums).
  const { plan: p, resources } = await planEachFile(config, sources, read.lock, proven, { fs: ctx.fs, keep: true, hash: !dryRun })
  const warnings: string[] = []
  const warn = (message: string) => {
    warnings.push(message)
    emit({ type: 'warn', message })
  }
  // Everything local that can fail, before the first quote or POST. A dry run writes nothing: it warns instead.
  try {
    await preflight(config, resources, scope.langs, ctx.fs)
  } catch (error) {
    if (!dryRun || !(error instanceof L10nError)) throw error
    warn(`${error.message.replace(/^\[l10n\] /, '')} (A real sync would refuse.)`)
  }
  if (!dryRun) {
    const targetFiles = scope.langs.flatMap((lng) => [...resources.source.keys()].map((ns) => localePath(config, config.files, lng, ns)))
    for (const f of await removeTempFiles([config.lockfile, ...targetFiles], ctx.fs))
      emit({ type: 'warn', message: `Removed ${relative(config.root, f)}, a temp file left by an interrupted run.` })
    if (read.corrupt && read.text !== undefined && read.warning) {
      read.warning += ` The old lock was kept as ${await backupLock(config, read.text, ctx.fs)}.`
    }
  }
  if (read.warning) warn(read.warning)
  return { resources, plan: p, read, warnings, sums, proven }
}

/**
 * One pass of a sync, on one page:
 * 1. read (files/resources.ts, lock/lock.ts, files/preflight.ts) — the edge; everything local checked first;
 * 2. plan (plan/plan.ts, pure) and the scope's selection (plan/scope.ts): what to fetch, what to order;
 * 3. Gengo, through the executor (gengo/executor.ts): poll pending jobs (gengo/fetch.ts) and order the rest
 *    (gengo/post.ts: reconcile, quote, budget, write-ahead POST); every answer is decided by pure
 *    functions (gengo/decide.ts, gengo/decide-fetch.ts) and the outcome performed;
 * 4. decide deletions (gengo/cleanup.ts, pure), render the target files (plan/apply.ts, pure), write the
 *    files then the lock (gengo/executor.ts `commitFiles`);
 * 5. report from a fresh plan of what is on disk now (report.ts).
 */
export async function syncOnce(ctx: RunContext): Promise<SyncReport> {
  const { config, options, scope } = ctx
  const emit = options.onEvent ?? (() => {})
  const dryRun = options.dryRun ?? false
  const held = dryRun ? undefined : await acquireProjectLock(config, options.lockWaitMs, ctx.fs)
  const requestsBefore = ctx.conn?.requests() ?? 0
  try {
    const { resources, plan: p, read, warnings, sums, proven } = await readProject(ctx, dryRun)
    const lock = read.lock
    const toFetch = scope.toFetch(p.units)
    let toOrder = scope.toOrder(p.units)
    emit({ type: 'plan', toOrder: toOrder.length, toFetch: toFetch.length, langs: scope.langs })

    const report = emptyReport(dryRun, warnings)
    report.unchanged = [...proven.keys()]
    const writes: Writes = new Map()
    const ordered = new Map<string, Unit>()
    let failed: unknown
    if (toFetch.length > 0 || toOrder.length > 0 || (!dryRun && Object.keys(lock.intents ?? {}).length > 0)) {
      const conn = await ctx.connect()
      // Loaded only for a pass that talks to Gengo: a no-op run never loads the executor, the order or the fetch.
      const [{ createExecutor }, { fetchPending }, { orderUnits }] = await Promise.all([
        import('./gengo/executor.ts'),
        import('./gengo/fetch.ts'),
        import('./gengo/post.ts'),
      ])
      const x = createExecutor({
        config,
        client: conn.client,
        lock,
        emit,
        clock: ctx.clock,
        fs: ctx.fs,
        deadline: ctx.deadline,
        repair: scope.repair,
        writes,
        beforeSpend: () => held?.check(),
      })
      try {
        if (!dryRun) await fetchPending(x, toFetch)
        toOrder = [...toOrder, ...x.result.orphans]
        report.quote = await orderUnits(x, toOrder, { dryRun, fetchOnly: options.fetchOnly ?? false, record: options.findOrdered ?? true })
        // Fetch-only: only what this run put under a job counts as ordered (the rest keeps its stale baseline).
        if (!dryRun)
          for (const u of toOrder)
            if (!options.fetchOnly || getEntry(x.lock as Lock, u.lng, u.ns, u.key) || writes.get(u.lng)?.get(u.ns)?.has(u.key))
              ordered.set(unitId(u), u)
      } catch (error) {
        failed = error
      }
      const r = x.result
      Object.assign(report, {
        ordered: r.ordered,
        reused: r.reused,
        found: r.found,
        unordered: r.unordered,
        invalid: r.invalid,
        pending: r.pending,
      })
      report.warnings.push(...r.warnings.map(shortenIdLists))
      failed &&= fsError(config, failed)
      if (failed && r.ordered.jobs === 0 && r.reused === 0 && writes.size === 0) throw failure(failed)
    }

    const cleanup = decideCleanup(config, p, scope, ordered, writes, dryRun)
    for (const u of cleanup.pruned) {
      const why = u.unusedForm ? { reason: 'unused-plural-form' as const, form: u.unusedForm.form } : { reason: 'not-in-source' as const }
      report.pruned.push({ lng: u.lng, ns: u.ns, key: u.key, value: u.value ?? '', ...why })
      emit({ type: 'prune', lng: u.lng, ns: u.ns, key: u.key, ...why })
    }
    await readWritten(config, resources, [writes, cleanup.deletes], ctx.fs)
    const changes = renderTargets(config, resources, { writes, deletes: cleanup.deletes })
    // Every namespace proven (none read), nothing fetched or ordered, nothing in flight: the lock stays as it was read.
    let lockText = read.text
    const asRead = resources.source.size === 0 && toFetch.length === 0 && toOrder.length === 0 && !read.corrupt && read.text !== undefined
    if (!dryRun && !(asRead && Object.keys(lock.intents ?? {}).length === 0 && !ctx.fs.existsSync(inflightPath(config)))) {
      const baseline = baselineUpdates(lock, p, resources, ordered, cleanup.pruned)
      try {
        const { commitFiles } = await import('./gengo/executor.ts')
        const done = await commitFiles(config, lock, changes, baseline, read.text, emit, writes, ctx.fs)
        report.files = done.files
        report.lockWritten = done.lockWritten
        lockText = done.lockText
      } catch (error) {
        throw failure(fsError(config, error), report)
      }
    }
    const touched = writes.size > 0 || cleanup.deletes.size > 0 || report.lockWritten || toFetch.length > 0 || toOrder.length > 0
    const finalValues = new Map<string, Map<string, Map<string, string>>>()
    for (const change of changes) {
      if (!finalValues.has(change.lng)) finalValues.set(change.lng, new Map())
      finalValues.get(change.lng)?.set(change.ns, change.values)
    }
    const after: Plan = dryRun || !touched ? p : planAgain(config, resources, lock, p, finalValues)
    if (!dryRun) {
      const next = nextSums(
        config,
        lock,
        sums,
        proven,
        cleanNamespaces(config, after, resources, changes),
        resources.discovered ?? [],
        lockText,
      )
      const problem = await writeSums(config, sums, next, ctx.fs)
      if (problem) report.warnings.push(problem)
    }
    finishReport(report, after, scope, resources, writes)
    report.requests = (ctx.conn?.requests() ?? 0) - requestsBefore
    if (failed) throw failure(failed, report)
    return report
  } finally {
    await held?.release()
  }
}

/**
 * The target files a run writes or deletes from that the read did not keep: read now. The read keeps every file with a
 * unit, so this finds none today; it is what stands between a plan change and a target file rendered without its keys.
 */
async function readWritten(
  config: ResolvedL10nConfig,
  resources: Resources,
  changed: readonly ReadonlyMap<string, ReadonlyMap<string, unknown>>[],
  fs: FileSystem,
): Promise<void> {
  for (const perLng of changed)
    for (const [lng, perNs] of perLng) {
      let kept = resources.targets.get(lng)
      if (!kept) resources.targets.set(lng, (kept = new Map()))
      for (const ns of perNs.keys())
        if (!kept.has(ns) && resources.source.has(ns)) kept.set(ns, await readLocaleFile(config, lng, ns, fs, true))
    }
}

/** A target file or the lock could not be written (a full disk, a permission changed mid-run): named, with what is safe. */
function fsError(config: ResolvedL10nConfig, error: unknown): unknown {
  const e = error as NodeJS.ErrnoException & { dest?: string }
  if (error instanceof L10nError || !(error instanceof Error) || typeof e.syscall !== 'string') return error
  // The target, not writeAtomic's temp file beside it (`<name>.<pid><seq>`).
  const path = e.dest ?? e.path?.replace(/\.\d{7,}$/, '')
  const file = path ? relative(config.root, path) : undefined
  return new L10nError(
    'L10N_FS',
    `Could not write ${file ?? 'a file'}: ${e.message}. Every file is either as it was or complete, and the lock records what was ordered, so nothing is lost or charged twice: fix the cause and run sync again.`,
    { file, cause: error },
  )
}

/** The counts after the run, what was written and pruned per language, and what is still not done. */
function finishReport(report: SyncReport, after: Plan, scope: RunScope, resources: Resources, writes: Writes): void {
  report.languages = languageReports(after, scope.langs)
  for (const [lng, perNs] of writes) {
    const r = report.languages[lng]
    if (!r) continue
    for (const [ns, keys] of perNs) {
      const before = resources.targets.get(lng)?.get(ns)?.values
      for (const [k, v] of keys) if (before?.get(k) !== v) r.written++
    }
  }
  for (const pr of report.pruned) {
    const r = report.languages[pr.lng]
    if (r) r.pruned++
  }
  report.broken = after.problems.filter((x) => x.kind === 'broken' && scope.covers(x))
  // Without repair a sync cannot fix a broken value, so it does not keep `--wait` waiting; `status --check` gates on it.
  report.incomplete = scope.notDone(after, scope.repair)
  report.complete = report.incomplete.length === 0
}
