import { diffSource } from '@l10n-sync/core'
import { EXIT } from '../errors.ts'
import type { CommandContext } from './context.ts'

export async function runDiff(ctx: CommandContext): Promise<number> {
  const { o, flags } = ctx
  const config = ctx.config as NonNullable<typeof ctx.config>
  const diff = await diffSource(config, { namespaces: flags.ns as string[] | undefined, color: !o.json && o.c.isColorSupported })
  if (o.json) o.printJson({ command: 'diff', changed: diff.changed, namespaces: diff.namespaces })
  else o.out(diff.changed ? diff.text : 'No source strings changed since the last sync.')
  return EXIT.done
}
