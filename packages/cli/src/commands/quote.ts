import { quote } from '@l10n-sync/core'
import { EXIT } from '../errors.ts'
import { money, quoteLines } from '../output.ts'
import { createProgress } from '../progress.ts'
import { type CommandContext, configOf } from './context.ts'

export async function runQuote(ctx: CommandContext<'quote'>): Promise<number> {
  const { o, flags } = ctx
  const config = configOf(ctx)
  const progress = createProgress(o, flags.verbose)
  const q = await quote(config, {
    langs: flags.lang,
    namespaces: flags.ns,
    repair: flags.repair === true ? true : undefined,
    onEvent: progress.onEvent,
    env: ctx.env,
  })
  progress.stop()
  if (o.json) {
    o.printJson({ command: 'quote', ...q })
    return EXIT.done
  }
  if (q.jobs === 0) {
    o.out('Nothing to order: every key is translated, pending or up to date.')
    return EXIT.done
  }
  o.out(`A sync would order ${q.jobs} job(s), ${q.units} unit(s), for ${money(q.credits, q.currency)}:`)
  for (const line of quoteLines(q)) o.out(line)
  if (q.preferred) {
    const none = Object.entries(q.preferred)
      .filter(([, n]) => n === 0)
      .map(([l]) => l)
    o.out(
      `Preferred translators (gengo.usePreferred): ${Object.entries(q.preferred)
        .map(([l, n]) => `${l} ${n}`)
        .join(', ')}.`,
    )
    if (none.length)
      o.out(
        o.c.yellow(`No preferred translator for ${none.join(', ')}: Gengo's docs do not say what happens then; its jobs may wait for one.`),
      )
  }
  if (q.overBudget) o.out(o.c.yellow(`That is over gengo.maxCredits (${q.maxCredits}): a sync would refuse. Raise it, or use --lang.`))
  return EXIT.done
}
