import type { ResolvedL10nConfig } from '@l10n-sync/core'
import type { ParsedFlags } from '../options.ts'
import type { Output } from '../output.ts'

export interface CommandContext {
  o: Output
  flags: ParsedFlags
  /** What followed the command's name, unparsed, for a command with `rawArgs` (`emulator`); else empty. */
  args: readonly string[]
  /** Loaded for every command but `emulator` and `init`. */
  config?: ResolvedL10nConfig
  cwd: string
  /** The environment the Gengo keys are read from (process.env in the bin). */
  env: Readonly<Record<string, string | undefined>>
  /** Aborted on Ctrl-C. */
  signal: AbortSignal
}
