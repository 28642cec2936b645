import { relative } from 'node:path'
import { type LanguageCounts, localePath, type QuoteSummary, type ResolvedL10nConfig } from '@l10n-sync/core/run-api'
import pc from 'picocolors'
import type { CliIO, OutStream } from './io.ts'

export type Colors = ReturnType<typeof pc.createColors>

export interface Output {
  /** Colours for stdout (off for NO_COLOR or a non-TTY). */
  c: Colors
  /** Colours for stderr. */
  ce: Colors
  /** stderr is a terminal: progress bars. */
  isTTY: boolean
  /** Where logs and progress bars go. */
  stderr: OutStream
  json: boolean
  /** Result text: stdout. */
  out(line?: string): void
  /** Logs and progress: stderr. */
  log(line: string): void
  warn(line: string): void
  /** GitHub Actions workflow command (on stdout, or stderr with --json). */
  annotate(level: 'warning' | 'error' | 'notice', message: string, file?: string, title?: string): void
  /** Prints the one JSON object for --json. */
  printJson(value: unknown): void
}

function colorsFor(stream: OutStream, env: CliIO['env']): boolean {
  if ('NO_COLOR' in env && env.NO_COLOR !== '') return false
  if (env.FORCE_COLOR && env.FORCE_COLOR !== '0') return true
  return Boolean(stream.isTTY) && env.TERM !== 'dumb'
}

function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A')
}

function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C')
}

/** Output on the injected streams; colours and annotations follow the injected environment. */
export function createOutput(json: boolean, io: Pick<CliIO, 'stdout' | 'stderr' | 'env'>): Output {
  const { stdout, stderr, env } = io
  const c = pc.createColors(colorsFor(stdout, env))
  const ce = pc.createColors(colorsFor(stderr, env))
  const github = env.GITHUB_ACTIONS === 'true'
  return {
    c,
    ce,
    isTTY: Boolean(stderr.isTTY),
    stderr,
    json,
    out: (line = '') => {
      if (json) stderr.write(`${line}\n`)
      else stdout.write(`${line}\n`)
    },
    log: (line) => stderr.write(`${line}\n`),
    warn: (line) => stderr.write(`${ce.yellow('warning')} ${line}\n`),
    annotate: (level, message, file, title) => {
      if (!github) return
      const props = [file && `file=${escapeProperty(file)}`, title && `title=${escapeProperty(title)}`].filter(Boolean).join(',')
      const line = `::${level}${props ? ` ${props}` : ''}::${escapeData(message)}\n`
      if (json) stderr.write(line)
      else stdout.write(line)
    },
    printJson: (value) => stdout.write(`${JSON.stringify(value, null, 2)}\n`),
  }
}

const COLUMNS = ['total', 'translated', 'missing', 'stale', 'pending', 'written', 'invalid', 'broken'] as const

/** The per-language table: translated / missing / stale / pending / written / invalid / broken. */
export function languageTable(o: Output, languages: Record<string, LanguageCounts & { written?: number }>, withWritten: boolean): string[] {
  const cols = COLUMNS.filter((c) => withWritten || c !== 'written')
  const rows = Object.entries(languages).map(([lng, l]) => [
    lng,
    ...cols.map((c) => {
      if (c === 'pending') return String(l.pending + l.interim)
      return String((l as unknown as Record<string, number>)[c] ?? 0)
    }),
  ])
  const header = ['lang', ...cols]
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)))
  const pad = (cells: string[]) =>
    cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0))).join('  ')
  const lines = [o.c.bold(pad(header))]
  for (const row of rows) {
    const l = languages[row[0] as string] as LanguageCounts
    const done = l.missing + l.stale + l.pending + l.interim + l.invalid + l.broken === 0
    const text = pad(row)
    const w = widths[0] ?? 0
    lines.push(`${done ? o.c.green(text.slice(0, w)) : o.c.yellow(text.slice(0, w))}${text.slice(w)}`)
  }
  return lines
}

/** Target file of a key, relative to the project root, for annotations. */
export function targetFile(config: ResolvedL10nConfig, lng: string, ns: string): string {
  return relative(config.root, localePath(config, config.files, lng, ns))
}

export function money(credits: number, currency: string): string {
  return `${credits.toFixed(2)} ${currency}`
}

/** One line per language of a Gengo quote. */
export function quoteLines(q: QuoteSummary): string[] {
  return Object.entries(q.languages).map(
    ([lng, l]) =>
      `  ${lng.padEnd(8)} ${String(l.keys).padStart(4)} key(s)  ${String(l.jobs).padStart(4)} job(s)  ${money(l.credits, q.currency)}`,
  )
}
