/** A usage error: bad flags or arguments (exit 2). */
export class UsageError extends Error {
  override name = 'UsageError'
  readonly code = 'L10N_USAGE'
}

export const EXIT = Object.freeze({ done: 0, incomplete: 1, failed: 1, usage: 2 })

/** One place that maps errors to exit codes: usage, config, missing-key and lock-file errors 2, everything else 1. */
export function exitCodeFor(error: unknown): number {
  if (error instanceof UsageError) return EXIT.usage
  if ((error as Error)?.name === 'CACError') return EXIT.usage
  // By code, not class, so this module (loaded at every start-up) does not load core.
  const code = error instanceof Error ? (error as { code?: unknown }).code : undefined
  if (code === 'L10N_CONFIG' || code === 'L10N_CREDENTIALS' || code === 'L10N_LANGUAGE' || code === 'L10N_LOCK') return EXIT.usage
  // A review action without its comment or with a bad rating is a usage error; one that names nothing reviewable fails.
  if (code === 'L10N_REVIEW' && (error as { option?: unknown }).option) return EXIT.usage
  return EXIT.failed
}
