import { approveReview, listReview, publicReviewItem, type ReviewItem, type ReviewReport, reviewable, reviseReview } from '@l10n-sync/core'
import { EXIT, UsageError } from '../errors.ts'
import { createProgress } from '../progress.ts'
import { type CommandContext, configOf } from './context.ts'

const clip = (text: string, max = 60) => (text.length > max ? `${text.slice(0, max - 1)}…` : text).replace(/\n/g, ' ')

function itemLines(item: ReviewItem): string[] {
  const lines = [
    `  ${item.lng.padEnd(8)} ${item.ns}:${item.key}  job ${item.jobId}${item.review ? `  (${item.review.a === 'revise' ? 'revised after your comment' : 'approval recorded'})` : ''}`,
  ]
  lines.push(`           en  ${clip(item.source)}`)
  lines.push(`           ${item.lng.padEnd(3)} ${clip(item.translation ?? '')}`)
  // A revised job: the text before the latest revision, under the one after it.
  if (item.revision) lines.push(`           was ${clip(item.revision.before)}  (before the revision; ${item.revision.versions} versions)`)
  return lines
}

/** `l10n review`: list reviewable jobs; `--approve [KEY|JOBID]`, `--revise KEY --comment …`. */
export async function runReview(ctx: CommandContext<'review'>): Promise<number> {
  const { o, flags } = ctx
  const config = configOf(ctx)
  const { approve, revise, comment } = flags
  if (approve && revise) throw new UsageError('Use --approve or --revise, not both.')
  if (revise && comment === undefined) throw new UsageError('--revise needs --comment "what to change".')
  if (!revise && comment !== undefined) throw new UsageError('--comment goes with --revise.')
  if (!approve && (flags.rating !== undefined || flags.feedback !== undefined))
    throw new UsageError('--rating and --feedback go with --approve.')
  const progress = createProgress(o, flags.verbose)
  const common = { langs: flags.lang, onEvent: progress.onEvent, env: ctx.env }
  let report: ReviewReport
  try {
    if (approve)
      report = await approveReview(config, {
        ...common,
        targets: approve,
        rating: flags.rating,
        feedback: flags.feedback,
      })
    else if (revise && comment !== undefined) report = await reviseReview(config, { ...common, targets: revise, comment })
    else report = await listReview(config, common)
  } finally {
    progress.stop()
  }
  for (const w of report.warnings) o.warn(w)
  const queue = reviewable(report.items).filter((i) => !common.langs || common.langs.includes(i.lng))
  if (o.json) {
    o.printJson({
      command: 'review',
      reviewable: queue.map(publicReviewItem),
      approved: report.approved.map((i) => ({ lng: i.lng, ns: i.ns, key: i.key, jobId: i.jobId })),
      revised: report.revised.map((i) => ({ lng: i.lng, ns: i.ns, key: i.key, jobId: i.jobId })),
      files: report.files,
      requests: report.requests,
    })
    return EXIT.done
  }
  if (report.approved.length)
    o.out(`Approved ${report.approved.length} job(s)${report.files.length ? `; wrote ${report.files.join(', ')}` : ''}.`)
  if (report.revised.length)
    o.out(`Sent ${report.revised.length} job(s) back for revision; their keys stay pending until the new text is approved.`)
  if (approve || revise) return EXIT.done
  if (queue.length === 0) {
    o.out('Nothing is waiting for review.')
    return EXIT.done
  }
  o.out(`${queue.length} translation(s) waiting for review:`)
  for (const item of queue) for (const line of itemLines(item)) o.out(line)
  o.out()
  o.out('Approve with `l10n review --approve KEY` (or `--approve --lang ja`), or ask for changes with `--revise KEY --comment "…"`.')
  return EXIT.done
}
