import { countOpenQuestions, status } from '@l10n-sync/core/run-api'
import { EXIT } from '../errors.ts'
import { languageTable, targetFile } from '../output.ts'
import { type CommandContext, configOf } from './context.ts'

/** Broken values listed on the terminal before "… and N more". */
const LIST_MAX = 20

export async function runStatus(ctx: CommandContext<'status'>): Promise<number> {
  const { o, flags } = ctx
  const config = configOf(ctx)
  const report = await status(config, { langs: flags.lang, namespaces: flags.ns })
  // Asks Gengo only while a job is open (the threads of those jobs); never fails the status.
  const questions = await countOpenQuestions(config, { langs: flags.lang, namespaces: flags.ns, env: ctx.env })
  for (const w of report.warnings) o.warn(w)
  const byFile = new Map<string, Map<string, number>>()
  for (const k of report.keys) {
    if (k.state === 'broken') continue
    const f = targetFile(config, k.lng, k.ns)
    const m = byFile.get(f) ?? new Map<string, number>()
    m.set(k.state, (m.get(k.state) ?? 0) + 1)
    byFile.set(f, m)
  }
  const broken = report.problems.filter((p) => p.kind === 'broken')
  const same = report.problems.filter((p) => p.kind === 'same-as-source')
  if (flags.check) {
    for (const [file, states] of byFile) {
      o.annotate('warning', [...states].map(([s, n]) => `${n} ${s}`).join(', '), file, 'Translations not done')
    }
    for (const b of broken) {
      o.annotate(config.checkBroken ? 'error' : 'warning', `${b.lng} ${b.ns}:${b.key}: ${b.problem}`, b.file, 'Broken translation')
    }
  }
  if (o.json) {
    o.printJson({
      command: 'status',
      complete: report.complete,
      languages: report.languages,
      keys: report.keys,
      problems: report.problems,
      questions: questions.open ?? null,
      unchanged: report.unchanged,
    })
  } else {
    for (const line of languageTable(o, report.languages, false)) o.out(line)
    o.out()
    if (broken.length > 0) {
      o.out(`${broken.length} existing translation(s) are broken:`)
      for (const b of broken.slice(0, LIST_MAX)) o.out(`  ${b.file}  ${b.key}: ${b.problem}`)
      if (broken.length > LIST_MAX) o.out(`  … and ${broken.length - LIST_MAX} more (\`l10n status --json\` lists every one)`)
      o.out('`l10n sync --repair` orders fresh translations for them (after the quote); nothing is replaced without it.')
      o.out()
    }
    if (same.length > 0) {
      const perLng = new Map<string, number>()
      for (const s of same) perLng.set(s.lng, (perLng.get(s.lng) ?? 0) + 1)
      o.out(
        `Same as the source text (counted as translated): ${[...perLng].map(([l, n]) => `${l} ${n}`).join(', ')}. Delete a value, or set it to "", to have it ordered.`,
      )
      o.out()
    }
    const asked = Object.entries(questions.open ?? {}).filter(([, n]) => n > 0)
    if (asked.length > 0) {
      o.out(`Translators wait for your answer: ${asked.map(([l, n]) => `${l} ${n}`).join(', ')} question(s); \`l10n comments\` shows them.`)
      o.out()
    } else if (questions.unknown) {
      o.out(`Translators' questions not counted: ${questions.unknown}.`)
      o.out()
    }
    o.out(
      report.complete
        ? o.c.green('Every key is translated.')
        : `${report.keys.length} key(s) not done; \`l10n sync\` orders and fetches them${broken.length && config.checkBroken ? ', `l10n sync --repair` the broken ones' : ''}.`,
    )
  }
  return flags.check && !report.complete ? EXIT.incomplete : EXIT.done
}
