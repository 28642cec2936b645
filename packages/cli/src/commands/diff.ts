import { diffSource } from '@l10n-sync/core'
import { EXIT } from '../errors.ts'
import { type CommandContext, configOf } from './context.ts'

export async function runDiff(ctx: CommandContext<'diff'>): Promise<number> {
  const { o, flags } = ctx
  const config = configOf(ctx)
  const diff = await diffSource(config, { namespaces: flags.ns, color: !o.json && o.c.isColorSupported })
  if (o.json) o.printJson({ command: 'diff', changed: diff.changed, namespaces: diff.namespaces })
  else o.out(diff.changed ? diff.text : 'No source strings changed since the last sync.')
  return EXIT.done
}
