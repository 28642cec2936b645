import type { ResolvedL10nConfig } from './config/config.ts'
import { freshResult, rememberResult } from './files/stamp.ts'
import type { GengoConnection } from './gengo/connection.ts'
import { nodeFileSystem, systemClock } from './io.ts'
import { runScope } from './plan/scope.ts'
import { asNoop, mergeReports, SyncFailure, type SyncReport } from './report.ts'
import { type RunContext, type SyncOptions, syncOnce } from './run.ts'

export type { LanguageReport, SyncReport } from './report.ts'
export { SyncFailure } from './report.ts'

export type { SyncOptions } from './run.ts'

/**
 * Orders what is new or changed, fetches what is finished, writes the files.
 * With `wait`, keeps polling (backing off) until nothing is pending or time runs out.
 */
export async function sync(config: ResolvedL10nConfig, options: SyncOptions = {}): Promise<SyncReport> {
  const scope = runScope(config, options) // a scope typo is an error, cached or not
  // Nothing changed since the last complete run: nothing to order, fetch or write, and the same counts.
  const key = cacheKey(config, options)
  if (key) {
    const { result } = await freshResult<SyncReport>(config, key)
    if (result) {
      options.onEvent?.({ type: 'plan', toOrder: 0, toFetch: 0, langs: scope.langs })
      return result
    }
  }
  const clock = options.clock ?? systemClock
  const wait = options.wait ?? 0
  const ctx: RunContext = {
    config,
    options,
    scope,
    clock,
    fs: options.fs ?? nodeFileSystem,
    // --wait bounds the whole run, reconciliation of lost orders included.
    deadline: wait && !options.dryRun ? clock.now() + wait * 1000 : undefined,
    async connect(): Promise<GengoConnection> {
      ctx.conn ??= await (await import('./gengo/connection.ts')).connectGengo(config, options)
      return ctx.conn
    },
  }
  let report: SyncReport
  try {
    report = await waitLoop(ctx, await syncOnce(ctx))
  } finally {
    await ctx.conn?.close()
  }
  if (key && report.complete) await rememberResult(config, key, asNoop(report))
  return report
}

/** What identifies a run for the cache; none for a dry run or a run with injected I/O (tests). */
function cacheKey(config: ResolvedL10nConfig, options: SyncOptions): object | undefined {
  if (options.dryRun || options.fetch) return undefined
  return {
    langs: options.langs,
    namespaces: options.namespaces,
    repair: options.repair ?? config.repair,
    fetchOnly: options.fetchOnly ?? false,
  }
}

/** The pre-release pass: poll again (interval ×1.5 up to `gengo.pollMaxMs`) until complete, the deadline, or Ctrl-C. */
async function waitLoop(ctx: RunContext, first: SyncReport): Promise<SyncReport> {
  const { config, options, clock, deadline } = ctx
  if (deadline === undefined) return first
  let report = first
  let interval = options.pollIntervalMs ?? config.gengo.pollIntervalMs
  // Fetch-only waits for what is at Gengo, not for keys it will not order.
  const done = (r: SyncReport) => r.complete || (options.fetchOnly === true && r.pending.length === 0)
  const seen = new Set<string>()
  while (!done(report) && clock.now() < deadline && !options.signal?.aborted) {
    // A translator waiting on an answer is why a wait runs long: say so as soon as it is seen.
    if (ctx.conn && options.onEvent) {
      const { watchQuestions } = await import('./review/questions.ts')
      await watchQuestions(config, ctx.conn, report.pending, seen, options.onEvent, ctx.fs)
    }
    const langs = Object.values(report.languages)
    const total = langs.reduce((n, l) => n + l.total, 0)
    const pending = langs.reduce((n, l) => n + l.pending + l.interim + l.invalid + l.missing + l.stale, 0)
    const etas = report.pending.map((p) => p.eta ?? -1).filter((e) => e >= 0)
    const nextPollMs = Math.min(interval, Math.max(0, deadline - clock.now()))
    const awaitingApproval = report.pending.filter((p) => p.status === 'reviewable').length
    options.onEvent?.({ type: 'wait', pending, total, eta: etas.length ? Math.max(...etas) : undefined, nextPollMs, awaitingApproval })
    await clock.sleep(nextPollMs, options.signal)
    if (options.signal?.aborted) break
    interval = Math.min(Math.round(interval * 1.5), Math.max(config.gengo.pollMaxMs, options.pollIntervalMs ?? 0))
    try {
      report = mergeReports(report, await syncOnce(ctx))
    } catch (error) {
      // A later pass failed: its report says what the whole run did, earlier passes included.
      if (error instanceof SyncFailure && error.report) throw new SyncFailure(error, mergeReports(report, error.report))
      throw error
    }
  }
  return report
}
