import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import type { SyncReport } from '@l10n-sync/core'

/**
 * `sync --summary FILE`: what the run brought, in Markdown, for a pull request's body (and the
 * GitHub job summary when `GITHUB_STEP_SUMMARY` names one): per language what was written, what is
 * still at Gengo, what is not ordered, and the files.
 */
export function renderSummary(r: SyncReport): string {
  const langs = Object.entries(r.languages)
  const written = langs.reduce((n, [, l]) => n + l.written, 0)
  const lines = [
    '## Translations from Gengo (l10n-sync)',
    '',
    written > 0 ? `${written} translation(s) arrived.` : 'No new translations arrived in this run.',
    '',
    '| language | written | translated | pending at Gengo | not ordered yet |',
    '|---|---:|---:|---:|---:|',
    ...langs.map(
      ([lng, l]) =>
        `| ${lng} | ${l.written} | ${l.translated} / ${l.total} | ${l.pending + l.interim + l.invalid} | ${l.missing + l.stale} |`,
    ),
  ]
  if (r.files.length > 0) lines.push('', 'Files:', '', ...r.files.map((f) => `- \`${f}\``))
  if (r.ordered.jobs > 0)
    lines.push('', `Ordered in this run: ${r.ordered.jobs} job(s), ${r.ordered.credits.toFixed(2)} ${r.ordered.currency}.`)
  if (r.unordered > 0)
    lines.push('', `${r.unordered} key(s) are not ordered yet: the next push to the default branch (or \`l10n sync\`) orders them.`)
  if (r.warnings.length > 0)
    lines.push('', '<details><summary>Warnings</summary>', '', ...r.warnings.map((w) => `- ${w}`), '', '</details>')
  return `${lines.join('\n')}\n`
}

export function writeSummary(r: SyncReport, file: string, cwd: string, env: Record<string, string | undefined>): void {
  const text = renderSummary(r)
  const path = resolve(cwd, file)
  mkdirSync(dirname(path), { recursive: true })
  writeFileSync(path, text)
  if (env.GITHUB_STEP_SUMMARY) appendFileSync(env.GITHUB_STEP_SUMMARY, text)
}
