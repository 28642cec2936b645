import { relative } from 'node:path'
import type { GengoClient } from '@l10n-sync/gengo'
import type { ResolvedL10nConfig } from '../config/config.ts'
import { writeIfChanged } from '../files/write.ts'
import type { Clock, FileSystem } from '../io.ts'
import type { OrderIntent } from '../lock/intents.ts'
import { type Lock, setEntry, writeLock } from '../lock/lock.ts'
import type { FileChange } from '../plan/apply.ts'
import type { Unit } from '../plan/plan.ts'
import type { InvalidTranslation, LockUpdate, Outcome, PendingKey, RunView } from './decide.ts'
import type { SyncEventHandler } from './events.ts'

/** lng → ns → key → value to write. */
export type Writes = Map<string, Map<string, Map<string, string>>>

/** What one run did, for its report. */
export interface RunResult {
  invalid: InvalidTranslation[]
  pending: PendingKey[]
  warnings: string[]
  /** Jobs answered by lazy loading: ordered before, free. */
  reused: number
  /** Jobs found in Gengo's record (ordered before, not in the lock) and adopted instead of ordered: free. */
  found: number
  /** Keys a fetch-only run did not order. */
  unordered: number
  ordered: { jobs: number; credits: number; currency: string }
  /** Keys whose Gengo jobs are gone: ordered again in this run. */
  orphans: Unit[]
}

/**
 * The only place a run's lock and pending writes change, and (with the Gengo steps in
 * post.ts, fetch.ts and reconcile.ts) the only place that does I/O. Decisions are data
 * (`Outcome`, decide.ts); `perform` applies one: the revision it asks for, the lock entries,
 * the values to write, the report, the events.
 */
export interface Executor {
  readonly config: ResolvedL10nConfig
  readonly client: GengoClient
  /** The working lock; read it, change it only through `perform`, `putIntent` and `dropIntent`. */
  readonly lock: Readonly<Lock>
  readonly writes: Writes
  readonly result: RunResult
  readonly clock: Clock
  /** Epoch ms by which the run must end (`--wait` bounds the whole run); undefined: no bound. */
  readonly deadline?: number
  nowSec(): number
  /** What decisions read of the run so far. */
  view(): RunView
  perform(outcome: Outcome): Promise<void>
  /** Jobs ordered and charged. */
  charge(jobs: number, credits: number, currency: string): void
  /** Throws when the run must not spend any more (the project lock was lost). */
  beforeSpend(): void
  /** Write-ahead: the intent is in the lock file before the POST. */
  putIntent(batchId: string, intent: OrderIntent): Promise<void>
  /** Takes an intent out of the lock (saved with the next `save`). */
  dropIntent(batchId: string): void
  /** One atomic lock write; serialised, so concurrent POSTs each get theirs, in order. */
  save(): Promise<void>
  emit: SyncEventHandler
}

export interface ExecutorInit {
  config: ResolvedL10nConfig
  /** The run repairs broken values (`--repair`). @default false */
  repair?: boolean
  client: GengoClient
  lock: Lock
  emit: SyncEventHandler
  clock: Clock
  fs: FileSystem
  deadline?: number
  /** The run's pending writes (the caller renders them into target files). @default a new map */
  writes?: Writes
  /** Throws when the run must not spend (the project lock was lost). @default never throws */
  beforeSpend?: () => void
}

function applyLock(lock: Lock, updates: readonly LockUpdate[]): void {
  for (const u of updates) setEntry(lock, u.lng, u.ns, u.key, u.entry)
}

export function createExecutor(init: ExecutorInit): Executor {
  const { config, client, lock, emit, clock } = init
  const writes: Writes = init.writes ?? new Map()
  const revised = new Set<string>()
  const result: RunResult = {
    invalid: [],
    pending: [],
    warnings: [],
    reused: 0,
    found: 0,
    unordered: 0,
    ordered: { jobs: 0, credits: 0, currency: 'USD' },
    orphans: [],
  }
  let chain: Promise<unknown> = Promise.resolve()
  const nowSec = () => Math.floor(clock.now() / 1000)
  const x: Executor = {
    config,
    client,
    lock,
    writes,
    result,
    clock,
    deadline: init.deadline,
    nowSec,
    emit,
    view: () => ({ current: (u) => writes.get(u.lng)?.get(u.ns)?.get(u.key) ?? u.value, revised, nowSec: nowSec(), repair: init.repair }),
    async perform(o) {
      if (o.revise && !revised.has(o.revise.jobId)) {
        try {
          await client.updateJob(o.revise.jobId, { action: 'revise', comment: o.revise.comment })
          revised.add(o.revise.jobId)
        } catch (error) {
          // Optional: the translation is still not written and is reported; the next sync asks again,
          // so the broken text is not recorded as already sent back.
          for (const i of o.invalid) i.revised = false
          for (const l of o.lock) if (l.entry?.job === o.revise.jobId) delete l.entry.bad
          result.warnings.push(
            `Could not send Gengo job ${o.revise.jobId} back for revision (${(error as Error).message.replace(/^\[l10n\] /, '')}); it stays invalid and the next sync asks again.`,
          )
        }
      }
      applyLock(lock, o.lock)
      for (const w of o.writes) {
        let perLng = writes.get(w.lng)
        if (!perLng) writes.set(w.lng, (perLng = new Map()))
        let perNs = perLng.get(w.ns)
        if (!perNs) perLng.set(w.ns, (perNs = new Map()))
        perNs.set(w.key, w.value)
      }
      result.invalid.push(...o.invalid)
      result.pending.push(...o.pending)
      result.warnings.push(...o.warnings)
      result.orphans.push(...o.orphans)
      result.reused += o.reused
      for (const e of o.events) emit(e)
      for (const i of o.invalid) emit({ type: 'invalid', ...i })
    },
    beforeSpend: () => init.beforeSpend?.(),
    charge(jobs, credits, currency) {
      result.ordered.jobs += jobs
      result.ordered.credits = Math.round((result.ordered.credits + credits) * 100) / 100
      result.ordered.currency = currency
    },
    async putIntent(batchId, intent) {
      lock.intents ??= Object.create(null) as Record<string, OrderIntent>
      lock.intents[batchId] = intent
      try {
        await x.save()
      } catch (error) {
        // Nothing was posted: an intent left behind would hold the batch back for reconcileGrace.
        delete lock.intents[batchId]
        await x.save().catch(() => {})
        throw error
      }
    },
    dropIntent(batchId) {
      if (lock.intents) delete lock.intents[batchId]
    },
    save() {
      const next = chain.then(() => writeLock(config, lock, undefined, init.fs))
      chain = next.catch(() => {})
      return next.then(() => {})
    },
  }
  return x
}

/**
 * The file step, last: target files first (atomic, only when their content changed), then the
 * lock with the new baselines. A crash between leaves pending entries that settle again.
 */
export async function commitFiles(
  config: ResolvedL10nConfig,
  lock: Lock,
  changes: readonly FileChange[],
  baseline: { lock: LockUpdate[]; strings: Lock['strings'] },
  lockText: string | undefined,
  emit: SyncEventHandler,
  writes: Writes,
  fs: FileSystem,
): Promise<{ files: string[]; lockWritten: boolean; lockText: string }> {
  const files: string[] = []
  for (const change of changes) {
    if (change.content === undefined) continue
    if (await writeIfChanged(change.file, change.content, change.before, fs)) {
      files.push(relative(config.root, change.file))
      emit({ type: 'write', file: change.name, keys: writes.get(change.lng)?.get(change.ns)?.size ?? 0 })
    }
  }
  applyLock(lock, baseline.lock)
  lock.strings = baseline.strings
  const { written, text } = await writeLock(config, lock, lockText, fs)
  return { files, lockWritten: written, lockText: text }
}
