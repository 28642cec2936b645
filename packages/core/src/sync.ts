import { relative } from 'node:path'
import { GengoError } from '@l10n-sync/gengo'
import { advanceBaseline, renderTargets } from './apply.ts'
import type { ResolvedL10nConfig } from './config.ts'
import { L10nError, shortenIdLists } from './errors.ts'
import type { SyncEventHandler } from './events.ts'
import { fetchPending } from './fetch.ts'
import { connectGengo, type GengoConnection } from './gengo.ts'
import type { CoreIO } from './io.ts'
import { backupLock, type Lock, readLock, writeLock } from './lock.ts'
import { orderUnits, type QuoteSummary } from './order.ts'
import {
  countUnits,
  type LanguageCounts,
  type NotDoneKey,
  notDoneKeys,
  toOrder as ordersUnit,
  type Plan,
  plan,
  type Unit,
  type ValueProblem,
} from './plan.ts'
import { preflight } from './preflight.ts'
import { acquireProjectLock } from './project-lock.ts'
import { type LocaleFile, type Resources, readResources } from './resources.ts'
import { resolveLangs } from './scope.ts'
import { createSession, type InvalidTranslation, type PendingKey } from './session.ts'
import { freshResult, rememberResult } from './stamp.ts'
import { removeTempFiles, writeIfChanged } from './write.ts'

export interface SyncOptions extends CoreIO {
  /** Quote and report what would be ordered; order and write nothing. @default false */
  dryRun?: boolean
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

export interface LanguageReport extends LanguageCounts {
  /** Keys written into this language's files in this run. */
  written: number
  /** Keys deleted because the source no longer has them. */
  pruned: number
}

export interface SyncReport {
  dryRun: boolean
  /** Nothing missing, stale, pending, interim or invalid in the languages synced. */
  complete: boolean
  /** The keys that keep it from complete (as `status()` lists them), after this run. */
  incomplete: NotDoneKey[]
  languages: Record<string, LanguageReport>
  /** Jobs ordered and charged in this run. */
  ordered: { jobs: number; credits: number; currency: string }
  /** Jobs answered by lazy loading: ordered before, free. */
  reused: number
  /** HTTP requests to Gengo. */
  requests: number
  /** Gengo's quote for what was (or, in a dry run, would be) ordered. */
  quote?: QuoteSummary
  /** Files written, relative to the project root. */
  files: string[]
  pruned: { lng: string; ns: string; key: string; value: string }[]
  /** Existing values that are broken (lost or invented placeholders, broken Trans tags, unused plural forms), after this run. */
  broken: ValueProblem[]
  invalid: InvalidTranslation[]
  pending: PendingKey[]
  warnings: string[]
  /** Whether the lock file was written. */
  lockWritten: boolean
}

function withValues(resources: Resources, values: Map<string, Map<string, Map<string, string>>>): Resources {
  const targets = new Map<string, Map<string, LocaleFile>>()
  for (const [lng, perNs] of resources.targets) {
    const m = new Map<string, LocaleFile>()
    // Inherit from the file rather than spread it: spreading would run its lazy `entries` getter.
    for (const [ns, file] of perNs) m.set(ns, Object.create(file, { values: { value: values.get(lng)?.get(ns) ?? file.values } }))
    targets.set(lng, m)
  }
  return { ...resources, targets }
}

function languageReports(p: Plan, langs: string[]): Record<string, LanguageReport> {
  const counts = countUnits(p, langs)
  return Object.fromEntries(Object.entries(counts).map(([lng, c]) => [lng, { ...c, written: 0, pruned: 0 }]))
}

interface RunState {
  /** The languages of this run, checked. */
  langs: string[]
  conn?: GengoConnection
  /** Epoch ms by which the whole run ends (`wait`), reconciliation included. */
  deadline?: number
}

async function connect(config: ResolvedL10nConfig, options: SyncOptions, state: RunState): Promise<GengoConnection> {
  state.conn ??= await connectGengo(config, options)
  return state.conn
}

async function syncOnce(config: ResolvedL10nConfig, options: SyncOptions, state: RunState): Promise<SyncReport> {
  const emit = options.onEvent ?? (() => {})
  const dryRun = options.dryRun ?? false
  const release = dryRun ? async () => {} : await acquireProjectLock(config, options.lockWaitMs)
  const requestsBefore = state.conn?.requests() ?? 0
  try {
    const resources = await readResources(config, { namespaces: options.namespaces })
    const read = await readLock(config)
    const langs = state.langs
    const warnings: string[] = []
    // Everything local that can fail, before the first quote or POST. A dry run writes nothing: it warns instead.
    try {
      await preflight(config, resources, langs)
    } catch (error) {
      if (!dryRun || !(error instanceof L10nError)) throw error
      const message = `${error.message.replace(/^\[l10n\] /, '')} (A real sync would refuse.)`
      warnings.push(message)
      emit({ type: 'warn', message })
    }
    if (!dryRun) {
      const targetFiles = langs.flatMap((lng) => [...(resources.targets.get(lng)?.values() ?? [])].map((f) => f.file))
      for (const f of await removeTempFiles([config.lockfile, ...targetFiles]))
        emit({ type: 'warn', message: `Removed ${relative(config.root, f)}, a temp file left by an interrupted run.` })
      if (read.corrupt && read.text !== undefined && read.warning) {
        read.warning += ` The old lock was kept as ${await backupLock(config, read.text)}.`
      }
    }
    if (read.warning) {
      warnings.push(read.warning)
      emit({ type: 'warn', message: read.warning })
    }
    const lock: Lock = read.lock
    const p = plan(config, resources, lock)
    const repair = options.repair ?? config.repair
    const inRun = (u: Unit) => langs.includes(u.lng)
    const toFetch = p.units.filter((u) => inRun(u) && (u.state === 'pending' || u.state === 'interim' || u.state === 'invalid'))
    let toOrder = p.units.filter((u) => inRun(u) && ordersUnit(config, u, repair))
    emit({ type: 'plan', toOrder: toOrder.length, toFetch: toFetch.length, langs })

    const writes = new Map<string, Map<string, Map<string, string>>>()
    const report: SyncReport = {
      dryRun,
      complete: false,
      incomplete: [],
      languages: {},
      ordered: { jobs: 0, credits: 0, currency: 'USD' },
      reused: 0,
      requests: 0,
      files: [],
      pruned: [],
      broken: [],
      invalid: [],
      pending: [],
      warnings,
      lockWritten: false,
    }
    let failure: unknown
    const ordered = new Set<Unit>()
    const intents = !dryRun && Object.keys(lock.intents ?? {}).length > 0
    if (toFetch.length > 0 || toOrder.length > 0 || intents) {
      const conn = await connect(config, options, state)
      const session = createSession(config, conn.client, resources, lock, emit, writes)
      session.deadline = state.deadline
      try {
        if (!dryRun) await fetchPending(session, toFetch)
        toOrder = [...toOrder, ...session.orphans]
        report.quote = await orderUnits(session, toOrder, { dryRun })
        if (!dryRun) for (const u of toOrder) ordered.add(u)
      } catch (error) {
        failure = error
      }
      report.ordered = session.ordered
      report.reused = session.reused
      report.invalid = session.invalid
      report.pending = session.pending
      report.warnings.push(...session.warnings.map(shortenIdLists))
      if (failure && session.ordered.jobs === 0 && session.reused === 0 && writes.size === 0) throw wrap(failure)
    }

    // Prune obsolete keys (listed before deletion) and, with keepStale false, stale values being re-ordered.
    const deletes = new Map<string, Map<string, Set<string>>>()
    const pruned = new Set<Unit>()
    const del = (u: Unit) => {
      let perLng = deletes.get(u.lng)
      if (!perLng) deletes.set(u.lng, (perLng = new Map()))
      let set = perLng.get(u.ns)
      if (!set) perLng.set(u.ns, (set = new Set()))
      set.add(u.key)
    }
    for (const u of p.units) {
      if (!inRun(u)) continue
      if (u.state === 'obsolete' && config.prune) {
        pruned.add(u)
        report.pruned.push({ lng: u.lng, ns: u.ns, key: u.key, value: u.value ?? '' })
        emit({ type: 'prune', lng: u.lng, ns: u.ns, key: u.key })
        if (!dryRun) del(u)
      }
      if (u.state === 'stale' && !config.keepStale && ordered.has(u) && !writes.get(u.lng)?.get(u.ns)?.has(u.key)) del(u)
    }

    const changes = renderTargets(config, resources, { writes, deletes })
    const finalValues = new Map<string, Map<string, Map<string, string>>>()
    for (const change of changes) {
      if (!finalValues.has(change.lng)) finalValues.set(change.lng, new Map())
      finalValues.get(change.lng)?.set(change.ns, change.values)
    }
    if (!dryRun) {
      // Target files first, then the lock: a crash between leaves pending entries that settle again.
      for (const change of changes) {
        if (change.content === undefined) continue
        if (await writeIfChanged(change.file, change.content, change.before)) {
          report.files.push(relative(config.root, change.file))
          emit({ type: 'write', file: change.name, keys: writes.get(change.lng)?.get(change.ns)?.size ?? 0 })
        }
      }
      advanceBaseline(lock, p, resources, ordered, pruned)
      report.lockWritten = await writeLock(config, lock, read.text)
    }
    const touched = writes.size > 0 || deletes.size > 0 || report.lockWritten || toFetch.length > 0 || toOrder.length > 0
    const after = dryRun || !touched ? p : plan(config, withValues(resources, finalValues), lock)
    report.languages = languageReports(after, langs)
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
    report.broken = after.problems.filter((x) => x.kind === 'broken' && langs.includes(x.lng))
    // Without repair a sync cannot fix a broken value, so it does not keep `--wait` waiting; `status --check` gates on it.
    report.incomplete = notDoneKeys(after, langs, repair)
    report.complete = report.incomplete.length === 0
    report.requests = (state.conn?.requests() ?? 0) - requestsBefore
    if (failure) throw wrap(failure, report)
    return report
  } finally {
    await release()
  }
}

/** A failed run: the error, with the partial report (what was ordered and written before it). */
export class SyncFailure extends L10nError {
  constructor(
    error: L10nError,
    readonly report?: SyncReport,
  ) {
    super(error.code, error.message, { cause: error.cause ?? error, file: error.file, key: error.key, option: error.option })
  }
}

function wrap(error: unknown, report?: SyncReport): Error {
  if (error instanceof L10nError) return report ? new SyncFailure(error, report) : error
  if (error instanceof GengoError) {
    const e = new L10nError('L10N_GENGO', shortenIdLists(error.message), { cause: error })
    return report ? new SyncFailure(e, report) : e
  }
  return error as Error
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve()
    const t = setTimeout(done, ms)
    function done() {
      clearTimeout(t)
      signal?.removeEventListener('abort', done)
      resolve()
    }
    signal?.addEventListener('abort', done, { once: true })
  })
}

function merge(total: SyncReport, next: SyncReport): SyncReport {
  return {
    ...next,
    ordered: {
      jobs: total.ordered.jobs + next.ordered.jobs,
      credits: Math.round((total.ordered.credits + next.ordered.credits) * 100) / 100,
      currency: next.ordered.currency,
    },
    quote: total.quote ?? next.quote,
    reused: total.reused + next.reused,
    requests: total.requests + next.requests,
    files: [...new Set([...total.files, ...next.files])],
    pruned: [...total.pruned, ...next.pruned],
    broken: next.broken,
    warnings: [...new Set([...total.warnings, ...next.warnings])],
    lockWritten: total.lockWritten || next.lockWritten,
    languages: Object.fromEntries(
      Object.entries(next.languages).map(([lng, r]) => [
        lng,
        { ...r, written: r.written + (total.languages[lng]?.written ?? 0), pruned: r.pruned + (total.languages[lng]?.pruned ?? 0) },
      ]),
    ),
  }
}

/**
 * Orders what is new or changed, fetches what is finished, writes the files.
 * With `wait`, keeps polling (backing off) until nothing is pending or time runs out.
 */
export async function sync(config: ResolvedL10nConfig, options: SyncOptions = {}): Promise<SyncReport> {
  resolveLangs(config, options.langs) // a scope typo is an error, cached or not
  // Nothing changed since the last complete run: nothing to order, fetch or write, and the same counts.
  const key = cacheKey(config, options)
  if (key) {
    const { result } = await freshResult<SyncReport>(config, key)
    if (result) {
      options.onEvent?.({ type: 'plan', toOrder: 0, toFetch: 0, langs: options.langs ?? config.targets })
      return result
    }
  }
  const report = await syncRuns(config, options)
  if (key && report.complete) await rememberResult(config, key, asNoop(report))
  return report
}

/** What identifies a run for the cache; none for a dry run or a run with injected I/O (tests). */
function cacheKey(config: ResolvedL10nConfig, options: SyncOptions): object | undefined {
  if (options.dryRun || options.fetch) return undefined
  return { langs: options.langs, namespaces: options.namespaces, repair: options.repair ?? config.repair }
}

/** A complete run's report as a repeat of it would give it: nothing ordered, fetched or written. */
function asNoop(r: SyncReport): SyncReport {
  return {
    ...r,
    ordered: { jobs: 0, credits: 0, currency: r.ordered.currency },
    quote: undefined,
    reused: 0,
    requests: 0,
    files: [],
    pruned: [],
    invalid: [],
    pending: [],
    warnings: [],
    lockWritten: false,
    languages: Object.fromEntries(Object.entries(r.languages).map(([lng, l]) => [lng, { ...l, written: 0, pruned: 0 }])),
  }
}

async function syncRuns(config: ResolvedL10nConfig, options: SyncOptions): Promise<SyncReport> {
  const wait = options.wait ?? 0
  // --wait bounds the whole run, reconciliation of lost orders included.
  const state: RunState = {
    langs: resolveLangs(config, options.langs),
    deadline: wait && !options.dryRun ? Date.now() + wait * 1000 : undefined,
  }
  try {
    let report = await syncOnce(config, options, state)
    if (!wait || options.dryRun) return report
    const deadline = state.deadline as number
    let interval = options.pollIntervalMs ?? config.gengo.pollIntervalMs
    while (!report.complete && Date.now() < deadline && !options.signal?.aborted) {
      const total = Object.values(report.languages).reduce((n, l) => n + l.total, 0)
      const pending = Object.values(report.languages).reduce((n, l) => n + l.pending + l.interim + l.invalid + l.missing + l.stale, 0)
      const etas = report.pending.map((p) => p.eta ?? -1).filter((e) => e >= 0)
      const nextPollMs = Math.min(interval, Math.max(0, deadline - Date.now()))
      const awaitingApproval = report.pending.filter((p) => p.status === 'reviewable').length
      options.onEvent?.({ type: 'wait', pending, total, eta: etas.length ? Math.max(...etas) : undefined, nextPollMs, awaitingApproval })
      await sleep(nextPollMs, options.signal)
      if (options.signal?.aborted) break
      interval = Math.min(Math.round(interval * 1.5), Math.max(config.gengo.pollMaxMs, options.pollIntervalMs ?? 0))
      report = merge(report, await syncOnce(config, options, state))
    }
    return report
  } finally {
    await state.conn?.close()
  }
}
