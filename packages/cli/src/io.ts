/** A stream the CLI writes to: the process’s own stdout and stderr in the bin, any Writable in tests. */
export type OutStream = NodeJS.WritableStream & {
  /** A terminal: colours (unless NO_COLOR) and, on stderr, progress bars. @default false */
  isTTY?: boolean
  columns?: number
}

/** The stream `l10n init` asks its question on. */
export type InStream = NodeJS.ReadableStream & { isTTY?: boolean }

/**
 * Everything the CLI touches of the process it runs in, injected: the bin passes `process`'s,
 * tests pass their own, so the command runs in-process without patching globals.
 */
export interface CliIO {
  /** Results (and the one JSON object of `--json`). */
  stdout: OutStream
  /** Logs, warnings, errors, progress. */
  stderr: OutStream
  /** `l10n init`'s prompt reads it while it and stderr are TTYs. @default none: no prompt */
  stdin?: InStream
  /** GENGO_* keys, NO_COLOR, FORCE_COLOR, TERM, GITHUB_ACTIONS. */
  env: Readonly<Record<string, string | undefined>>
  /** The directory `--cwd` is resolved against. */
  cwd: string
  /** Aborted on Ctrl-C: the command stops after the step in progress. @default never aborted */
  signal?: AbortSignal
}
