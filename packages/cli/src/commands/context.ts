import type { ResolvedL10nConfig } from '@l10n-sync/core'
import type { ParsedFlags } from '../options.ts'
import type { Output } from '../output.ts'

export interface CommandContext {
  o: Output
  flags: ParsedFlags
  /** Loaded for every command but `emulator` and `init`. */
  config?: ResolvedL10nConfig
  cwd: string
  /** Aborted on Ctrl-C. */
  signal: AbortSignal
}
