import { isL10nError } from '@l10n-sync/core'

/** A usage error: bad flags or arguments (exit 2). */
export class UsageError extends Error {
  override name = 'UsageError'
  readonly code = 'L10N_USAGE'
}

export const EXIT = Object.freeze({ done: 0, incomplete: 1, failed: 1, usage: 2 })

/** One place that maps errors to exit codes: usage, config and lock-file errors 2, everything else 1. */
export function exitCodeFor(error: unknown): number {
  if (error instanceof UsageError) return EXIT.usage
  if ((error as Error)?.name === 'CACError') return EXIT.usage
  if (isL10nError(error) && (error.code === 'L10N_CONFIG' || error.code === 'L10N_LANGUAGE' || error.code === 'L10N_LOCK'))
    return EXIT.usage
  // A review action without its comment or with a bad rating is a usage error; one that names nothing reviewable fails.
  if (isL10nError(error) && error.code === 'L10N_REVIEW' && error.option) return EXIT.usage
  return EXIT.failed
}
