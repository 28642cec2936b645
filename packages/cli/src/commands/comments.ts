import { type CommentsReport, listComments, publicThread, type QuestionThread, replyComment } from '@l10n-sync/core'
import { EXIT, UsageError } from '../errors.ts'
import { createProgress } from '../progress.ts'
import { type CommandContext, configOf } from './context.ts'

/** Messages of a thread shown on the terminal (the last ones); `--json` carries them all. */
const SHOWN = 5

const clip = (text: string, max = 100) => (text.length > max ? `${text.slice(0, max - 1)}…` : text).replace(/\s+/g, ' ')

function threadLines(t: QuestionThread): string[] {
  const lines = [
    `  ${t.lng.padEnd(8)} ${t.ns}:${t.key}  job ${t.jobId} (${t.status})${t.alsoKeys.length ? `  also ${t.alsoKeys.join(', ')}` : ''}`,
  ]
  lines.push(`           source   ${clip(t.source)}`)
  if (t.context) lines.push(`           context  ${clip(t.context)}`)
  const shown = t.thread.slice(-SHOWN)
  if (t.thread.length > shown.length) lines.push(`           … ${t.thread.length - shown.length} earlier message(s)`)
  for (const c of shown) lines.push(`           ${c.author === 'customer' ? 'you' : c.author}: ${clip(c.body)}`)
  return lines
}

/** `l10n comments`: the translators' open questions; `--reply KEY --lang L --text TEXT` answers one. */
export async function runComments(ctx: CommandContext<'comments'>): Promise<number> {
  const { o, flags } = ctx
  const config = configOf(ctx)
  const { reply, text } = flags
  if (reply !== undefined && text === undefined) throw new UsageError('--reply needs --text "the answer".')
  if (reply === undefined && text !== undefined) throw new UsageError('--text goes with --reply KEY.')
  if (reply !== undefined && flags.lang?.length !== 1)
    throw new UsageError('--reply needs the one language of the job it answers: --lang ja.')
  const progress = createProgress(o, flags.verbose)
  const common = { langs: flags.lang, namespaces: flags.ns, onEvent: progress.onEvent, env: ctx.env }
  let report: CommentsReport
  try {
    report =
      reply !== undefined && text !== undefined
        ? await replyComment(config, { ...common, key: reply, lang: flags.lang?.[0] as string, text })
        : await listComments(config, common)
  } finally {
    progress.stop()
  }
  for (const w of report.warnings) o.warn(w)
  if (o.json) {
    o.printJson({
      command: 'comments',
      threads: report.threads.map(publicThread),
      open: report.open,
      replied: report.replied ?? null,
      resent: report.resent,
      requests: report.requests,
    })
    return EXIT.done
  }
  if (report.resent) o.out(`Sent ${report.resent} reply(ies) that an interrupted run had recorded.`)
  if (report.replied) {
    const r = report.replied
    o.out(`Replied to the translator of ${r.ns}:${r.key} (${r.lng}, job ${r.jobId}).`)
    return EXIT.done
  }
  if (report.threads.length === 0) {
    o.out('No translator is waiting for an answer.')
    return EXIT.done
  }
  o.out(`${report.threads.length} question(s) from translators wait for an answer:`)
  for (const t of report.threads) for (const line of threadLines(t)) o.out(line)
  o.out()
  o.out('Answer with `l10n comments --reply ns:key --lang ja --text "…"`; the translator sees it in the job’s thread.')
  return EXIT.done
}
