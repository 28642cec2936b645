/** Stable codes for every error core throws; the CLI maps them to exit codes. */
export type L10nErrorCode =
  | 'L10N_CONFIG' // config file missing, unreadable or invalid (exit 2)
  | 'L10N_CREDENTIALS' // no Gengo keys for a paid endpoint (exit 2; a non-strict `vite build` builds from the files on disk)
  | 'L10N_PARSE' // a locale file is not valid JSON
  | 'L10N_RESOURCE' // a locale file has a shape i18next cannot use (collisions, bad values)
  | 'L10N_LANGUAGE' // a language Gengo does not offer for this source
  | 'L10N_BUDGET' // the order would exceed maxCredits or the balance
  | 'L10N_BUSY' // another sync holds the project lock
  | 'L10N_LOCK' // the lock file cannot be used as it is: a newer version, unsafe ids, a directory (exit 2)
  | 'L10N_FS' // a path that cannot be written: not writable, a directory where a file should be, outside the project
  | 'L10N_GENGO' // Gengo failed after retries
  | 'L10N_REVIEW' // a review action or a reply names nothing reviewable or open, or lacks its rating/comment/text

export interface L10nErrorDetails {
  file?: string
  key?: string
  option?: string
  cause?: unknown
}

export class L10nError extends Error {
  override name = 'L10nError'
  readonly code: L10nErrorCode
  readonly file?: string
  readonly key?: string
  readonly option?: string

  constructor(code: L10nErrorCode, message: string, details: L10nErrorDetails = {}) {
    super(message.startsWith('[l10n]') ? message : `[l10n] ${message}`, { cause: details.cause })
    this.code = code
    this.file = details.file
    this.key = details.key
    this.option = details.option
  }
}

export function isL10nError(error: unknown): error is L10nError {
  return error instanceof L10nError
}

/** A list for a message: the first few items, then "and N more". */
export function shortList(items: readonly string[], max = 3): string {
  if (items.length <= max + 1) return items.join(', ')
  return `${items.slice(0, max).join(', ')} and ${items.length - max} more`
}

/** Shortens long comma-separated id lists in a message (`GET translate/jobs/1,2,…,50`) to the first three and a count. */
export function shortenIdLists(message: string): string {
  return message.replace(/\b\d+(?:,\d+){10,}\b/g, (list) => {
    const ids = list.split(',')
    return `${ids.slice(0, 3).join(',')}… (and ${ids.length - 3} more)`
  })
}
