import type { NotDoneKey, SyncReport } from '@l10n-sync/core'

/** A sync's report in one line, for the build's and the dev server's log. */
export function summarize(r: SyncReport): string {
  const pending = r.pending.length
  const parts = [
    r.ordered.jobs ? `ordered ${r.ordered.jobs} job(s) for ${r.ordered.credits.toFixed(2)} ${r.ordered.currency}` : '',
    r.reused ? `${r.reused} reused free` : '',
    r.found ? `${r.found} found on Gengo (ordered before)` : '',
    r.unordered ? `${r.unordered} key(s) not ordered` : '',
    r.files.length ? `wrote ${r.files.join(', ')}` : '',
    pending ? `${pending} key(s) pending at Gengo` : '',
    r.invalid.length ? `${r.invalid.length} invalid translation(s) not written` : '',
  ].filter(Boolean)
  return parts.length ? parts.join(' · ') : 'up to date'
}

/** The keys a strict build lacks, the first 30 of them. */
export function notDoneList(keys: NotDoneKey[]): string {
  const lines = keys.slice(0, 30).map((k) => `  ${k.lng.padEnd(8)} ${k.ns}:${k.key} (${k.state})`)
  if (keys.length > 30) lines.push(`  … and ${keys.length - 30} more (\`l10n status --json\` lists every key)`)
  return lines.join('\n')
}
