import { GengoError } from '@l10n-sync/gengo'
import { L10nError, shortenIdLists } from './errors.ts'
import type { InvalidTranslation, PendingKey } from './gengo/decide.ts'
import type { PruneReason } from './gengo/events.ts'
import type { QuoteSummary } from './gengo/order.ts'
import { countUnits, type LanguageCounts } from './plan/counts.ts'
import type { Plan, ValueProblem } from './plan/plan.ts'
import type { NotDoneKey } from './plan/scope.ts'

export interface LanguageReport extends LanguageCounts {
  /** Keys written into this language's files in this run. */
  written: number
  /** Keys deleted: the source no longer has them, or (with --repair) a plural form the language does not have. */
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
  /** Jobs found in Gengo's record (ordered before by this project, not in the lock: a fresh clone) and adopted: free. */
  found: number
  /** Keys `fetchOnly` left unordered (missing or stale, nothing on Gengo for them). */
  unordered: number
  /** HTTP requests to Gengo. */
  requests: number
  /** Namespaces counted from the sums file without being read: unchanged since a clean sync (lock/sums.ts). */
  unchanged: string[]
  /** Gengo's quote for what was (or, in a dry run, would be) ordered. */
  quote?: QuoteSummary
  /** Files written, relative to the project root. */
  files: string[]
  pruned: ({ lng: string; ns: string; key: string; value: string } & PruneReason)[]
  /** Existing values that are broken (lost or invented placeholders, broken Trans tags, unused plural forms), after this run. */
  broken: ValueProblem[]
  invalid: InvalidTranslation[]
  pending: PendingKey[]
  warnings: string[]
  /** Whether the lock file was written. */
  lockWritten: boolean
}

export function emptyReport(dryRun: boolean, warnings: string[]): SyncReport {
  return {
    dryRun,
    complete: false,
    incomplete: [],
    languages: {},
    ordered: { jobs: 0, credits: 0, currency: 'USD' },
    reused: 0,
    found: 0,
    unordered: 0,
    requests: 0,
    unchanged: [],
    files: [],
    pruned: [],
    broken: [],
    invalid: [],
    pending: [],
    warnings,
    lockWritten: false,
  }
}

export function languageReports(p: Plan, langs: string[]): Record<string, LanguageReport> {
  const counts = countUnits(p, langs)
  return Object.fromEntries(Object.entries(counts).map(([lng, c]) => [lng, { ...c, written: 0, pruned: 0 }]))
}

/** Two passes of one `--wait` run as one report: sums of what was done, the state after the last. */
export function mergeReports(total: SyncReport, next: SyncReport): SyncReport {
  return {
    ...next,
    ordered: {
      jobs: total.ordered.jobs + next.ordered.jobs,
      credits: Math.round((total.ordered.credits + next.ordered.credits) * 100) / 100,
      currency: next.ordered.currency,
    },
    quote: total.quote ?? next.quote,
    reused: total.reused + next.reused,
    found: total.found + next.found,
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

/** A complete run's report as a repeat of it would give it: nothing ordered, fetched or written. */
export function asNoop(r: SyncReport): SyncReport {
  return {
    ...r,
    ordered: { jobs: 0, credits: 0, currency: r.ordered.currency },
    quote: undefined,
    reused: 0,
    found: 0,
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

/** A failed run: the error, with the partial report (what was ordered and written before it). */
export class SyncFailure extends L10nError {
  constructor(
    error: L10nError,
    readonly report?: SyncReport,
  ) {
    super(error.code, error.message, { cause: error.cause ?? error, file: error.file, key: error.key, option: error.option })
  }
}

/** Our error for what a run threw, with the partial report when anything was done. */
export function failure(error: unknown, report?: SyncReport): Error {
  if (error instanceof L10nError) return report ? new SyncFailure(error, report) : error
  if (error instanceof GengoError) {
    const e = new L10nError('L10N_GENGO', shortenIdLists(error.message), { cause: error })
    return report ? new SyncFailure(e, report) : e
  }
  return error as Error
}
