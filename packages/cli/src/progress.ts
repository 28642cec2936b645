import { createRequire } from 'node:module'
import type { SyncEvent } from '@l10n-sync/core'
import type cliProgressModule from 'cli-progress'
import type { Output } from './output.ts'

/** cli-progress (CommonJS, with its dependencies) is loaded only when a bar is drawn: a CI run or --json never draws one. */
let cliProgress: typeof cliProgressModule | undefined
const loadProgress = () => (cliProgress ??= createRequire(import.meta.url)('cli-progress') as typeof cliProgressModule)

function duration(seconds: number): string {
  if (seconds < 0) return 'unknown'
  if (seconds < 90) return `${Math.round(seconds)} s`
  if (seconds < 5400) return `${Math.round(seconds / 60)} min`
  return `${(seconds / 3600).toFixed(1)} h`
}

/**
 * Renders core's progress events: a progress bar on a TTY (posting batches,
 * then jobs done of total with Gengo's ETA during --wait), plain lines otherwise.
 */
export function createProgress(o: Output, verbose: boolean): { onEvent: (e: SyncEvent) => void; stop: () => void } {
  let bar: cliProgressModule.SingleBar | undefined
  let barKind = ''
  const c = o.ce
  const stopBar = () => {
    bar?.stop()
    bar = undefined
    barKind = ''
  }
  const ensureBar = (kind: string, total: number, label: string) => {
    if (!o.isTTY) return undefined
    if (barKind !== kind) {
      stopBar()
      const progress = loadProgress()
      bar = new progress.SingleBar(
        {
          format: `${label} ${c.cyan('{bar}')} {value}/{total} {note}`,
          stream: o.stderr,
          hideCursor: true,
          clearOnComplete: false,
          barsize: 24,
        },
        progress.Presets.shades_classic,
      )
      bar.start(total, 0, { note: '' })
      barKind = kind
    }
    bar?.setTotal(total)
    return bar
  }
  const line = (text: string) => {
    if (bar) {
      // Keep the bar tidy: print above it.
      stopBar()
    }
    o.log(text)
  }
  return {
    onEvent(e) {
      switch (e.type) {
        case 'plan':
          if (e.toOrder > 0) line(c.dim(`${e.toOrder} key(s) to order, ${e.toFetch} pending to check`))
          break
        case 'quote':
          line(`quote: ${e.jobs} job(s), ${e.credits.toFixed(2)} ${e.currency}`)
          break
        case 'order': {
          const b = ensureBar('order', e.batches, 'posting')
          if (b)
            b.update(e.batch, {
              note: `batches (${e.jobs} jobs, ${e.credits.toFixed(2)} credits${e.reused ? `, ${e.reused} reused` : ''})`,
            })
          else o.log(`posted batch ${e.batch}/${e.batches}: ${e.jobs} job(s), ${e.credits.toFixed(2)} credits, ${e.reused} reused free`)
          if (b && e.batch === e.batches) stopBar()
          break
        }
        case 'wait': {
          const done = e.total - e.pending
          const approval = e.awaitingApproval ? ` · ${e.awaitingApproval} awaiting approval on Gengo (gengo.acceptReviewable is off)` : ''
          const note = `translated · ETA ${e.eta !== undefined ? duration(e.eta) : 'unknown'} · next check in ${duration(e.nextPollMs / 1000)}${approval}`
          const b = ensureBar('wait', e.total, 'waiting')
          if (b) b.update(done, { note })
          else
            o.log(
              `waiting: ${done}/${e.total} translated, ${e.pending} pending, ETA ${e.eta !== undefined ? duration(e.eta) : 'unknown'}${approval}`,
            )
          break
        }
        case 'write':
          if (barKind !== 'wait') line(`${c.green('wrote')} ${e.file}${e.keys ? ` (${e.keys} key${e.keys === 1 ? '' : 's'})` : ''}`)
          break
        case 'prune':
          line(
            `${c.yellow('pruned')} ${e.lng} ${e.ns}:${e.key} (${e.reason === 'unused-plural-form' ? `plural form "${e.form}" that ${e.lng} does not use` : 'no longer in the source'})`,
          )
          break
        case 'invalid':
          line(`${c.red('invalid')} ${e.lng} ${e.ns}:${e.key}: ${e.problem} (job ${e.jobId}${e.revised ? ', sent back for revision' : ''})`)
          break
        case 'kept':
          line(`${c.cyan('kept')} ${e.lng} ${e.ns}:${e.key}: ${e.reason}`)
          break
        case 'warn':
          line(`${c.yellow('warning')} ${e.message}`)
          break
        case 'question':
          line(
            `${c.cyan('question')} ${e.lng} ${e.ns}:${e.key} (job ${e.jobId}, ${e.author}): ${e.body.replace(/\s+/g, ' ').slice(0, 200)} · answer: l10n comments --reply ${e.ns}:${e.key} --lang ${e.lng} --text "…"`,
          )
          break
        case 'request':
          if (verbose) line(c.dim(`${e.method} ${e.path} → ${e.status ?? 'no answer'}${e.retry ? ` (retrying: ${e.retry})` : ''}`))
          break
        case 'fetch':
          break
      }
    },
    stop: stopBar,
  }
}
