import { type SyncReport, sync } from '@l10n-sync/core/run-api'
import { EXIT, UsageError } from '../errors.ts'
import { languageTable, money, quoteLines, targetFile } from '../output.ts'
import { createProgress } from '../progress.ts'
import { writeSummary } from '../summary.ts'
import { type CommandContext, configOf } from './context.ts'

function summary(ctx: CommandContext<'sync'>, r: SyncReport): void {
  const { o } = ctx
  if (r.dryRun) {
    const q = r.quote
    if (!q || q.jobs === 0) o.out('Nothing to order: every key is translated, pending or up to date.')
    else {
      o.out(`Would order ${q.jobs} job(s), ${q.units} unit(s), for ${money(q.credits, q.currency)} (Gengo quote):`)
      for (const line of quoteLines(q)) o.out(line)
    }
    for (const p of r.pruned)
      o.out(
        `Would prune ${p.lng} ${p.ns}:${p.key}${p.reason === 'unused-plural-form' ? ` (plural form "${p.form}" that ${p.lng} does not use)` : ''}`,
      )
    o.out()
  }
  for (const line of languageTable(o, r.languages, !r.dryRun)) o.out(line)
  o.out()
  if (!r.dryRun && r.quote && r.ordered.jobs > 0) {
    o.out(`Gengo's quote for what was ordered: ${r.quote.jobs} job(s), ${money(r.quote.credits, r.quote.currency)}:`)
    for (const line of quoteLines(r.quote)) o.out(line)
  }
  if (r.broken.length > 0) {
    o.out(
      `${r.broken.length} existing value(s) are broken and were kept as they are; \`l10n status\` lists them, \`l10n sync --repair\` re-orders them.`,
    )
  }
  if (!r.dryRun) {
    o.out(
      `ordered ${r.ordered.jobs} job(s) for ${money(r.ordered.credits, r.ordered.currency)} · ${r.reused} reused free (lazy loading) · ${r.found} found on Gengo (ordered before) · ${r.requests} request(s) · ${r.files.length} file(s) written`,
    )
  }
}

function annotate(ctx: CommandContext<'sync'>, r: SyncReport): void {
  const { o, config } = ctx
  if (!config) return
  for (const i of r.invalid) {
    o.annotate(
      'warning',
      `${i.lng} ${i.ns}:${i.key}: ${i.problem} (Gengo job ${i.jobId}${i.revised ? ', sent back for revision' : ''})`,
      targetFile(config, i.lng, i.ns),
      'Invalid translation not written',
    )
  }
  for (const b of r.broken) {
    o.annotate('warning', `${b.lng} ${b.ns}:${b.key}: ${b.problem}`, targetFile(config, b.lng, b.ns), 'Broken translation')
  }
  const pendingByFile = new Map<string, number>()
  for (const p of r.pending) {
    const f = targetFile(config, p.lng, p.ns)
    pendingByFile.set(f, (pendingByFile.get(f) ?? 0) + 1)
  }
  for (const [file, n] of pendingByFile) o.annotate('warning', `${n} key(s) still being translated by Gengo`, file, 'Translations pending')
}

export async function runSync(ctx: CommandContext<'sync'>): Promise<number> {
  const { o, flags } = ctx
  const config = configOf(ctx)
  const progress = createProgress(o, flags.verbose)
  const wait = flags.wait ?? 0
  if (flags.fetchOnly && (flags.repair || flags.dryRun))
    throw new UsageError(`--fetch-only orders nothing, so it cannot be combined with ${flags.repair ? '--repair' : '--dry-run'}.`)
  let report: SyncReport
  try {
    report = await sync(config, {
      dryRun: Boolean(flags.dryRun),
      langs: flags.lang,
      namespaces: flags.ns,
      repair: flags.repair === true ? true : undefined,
      fetchOnly: flags.fetchOnly === true,
      wait,
      pollIntervalMs: flags.poll !== undefined ? flags.poll * 1000 : undefined,
      signal: ctx.signal,
      env: ctx.env,
      onEvent: progress.onEvent,
    })
  } finally {
    progress.stop()
  }
  annotate(ctx, report)
  if (flags.summary) writeSummary(report, flags.summary, ctx.cwd, ctx.env)
  if (o.json) {
    o.printJson({
      command: 'sync',
      complete: report.complete,
      dryRun: report.dryRun,
      languages: report.languages,
      ordered: report.ordered,
      reused: report.reused,
      found: report.found,
      unordered: report.unordered,
      requests: report.requests,
      unchanged: report.unchanged,
      quote: report.quote ?? null,
      files: report.files,
      pruned: report.pruned,
      broken: report.broken,
      invalid: report.invalid,
      pending: report.pending,
      warnings: report.warnings,
      interrupted: Boolean(ctx.signal.aborted),
    })
  } else summary(ctx, report)
  if (ctx.signal.aborted) {
    o.log('Interrupted: files and lock are consistent; run `l10n sync` again to pick up the rest.')
    return EXIT.incomplete
  }
  // A dry run orders nothing, so there is nothing to wait for: --wait (or cli.sync.wait) does not make it fail.
  // Fetch-only waits for what is at Gengo; keys it does not order do not make it fail.
  if (wait > 0 && !report.dryRun && (flags.fetchOnly ? report.pending.length > 0 : !report.complete)) {
    const left = report.pending.length
    o.log(`Time ran out with ${left} key(s) still pending:`)
    for (const p of report.pending.slice(0, 20)) o.log(`  ${p.lng} ${p.ns}:${p.key}${p.jobId ? ` (job ${p.jobId}, ${p.status})` : ''}`)
    if (left > 20) o.log(`  … and ${left - 20} more`)
    return EXIT.incomplete
  }
  return EXIT.done
}
