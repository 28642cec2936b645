import { status } from '@l10n-sync/core'
import { EXIT } from '../errors.ts'
import { languageTable, targetFile } from '../output.ts'
import type { CommandContext } from './context.ts'

export async function runStatus(ctx: CommandContext): Promise<number> {
  const { o, flags } = ctx
  const config = ctx.config as NonNullable<typeof ctx.config>
  const report = await status(config, { langs: flags.lang as string[] | undefined, namespaces: flags.ns as string[] | undefined })
  for (const w of report.warnings) o.warn(w)
  const byFile = new Map<string, Map<string, number>>()
  for (const k of report.keys) {
    const f = targetFile(config, k.lng, k.ns)
    const m = byFile.get(f) ?? new Map<string, number>()
    m.set(k.state, (m.get(k.state) ?? 0) + 1)
    byFile.set(f, m)
  }
  if (flags.check) {
    for (const [file, states] of byFile) {
      o.annotate('warning', [...states].map(([s, n]) => `${n} ${s}`).join(', '), file, 'Translations not done')
    }
  }
  if (o.json) o.printJson({ command: 'status', complete: report.complete, languages: report.languages, keys: report.keys })
  else {
    for (const line of languageTable(o, report.languages, false)) o.out(line)
    o.out()
    o.out(
      report.complete
        ? o.c.green('Every key is translated.')
        : `${report.keys.length} key(s) not done; \`l10n sync\` orders and fetches them.`,
    )
  }
  return flags.check && !report.complete ? EXIT.incomplete : EXIT.done
}
