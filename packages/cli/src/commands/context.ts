import type { ResolvedL10nConfig } from '@l10n-sync/core'
import type { CommandFlags, CommandName } from '../flags.ts'
import type { CliIO } from '../io.ts'
import type { Output } from '../output.ts'

export interface CommandContext<K extends CommandName = CommandName> {
  o: Output
  /** The command's flags, typed from its table in flags.ts. */
  flags: CommandFlags<K>
  /** What followed the command's name, unparsed, for a command with `rawArgs` (`emulator`); else empty. */
  args: readonly string[]
  /** Loaded for every command but `emulator` and `init`. */
  config?: ResolvedL10nConfig
  /** The project directory: `--cwd`, resolved against the injected cwd. */
  cwd: string
  /** The environment the Gengo keys are read from (the process environment in the bin). */
  env: CliIO['env']
  /** Aborted on Ctrl-C. */
  signal: AbortSignal
  /** The streams, for what does not go through `o` (the emulator's URL line, init's prompt). */
  io: CliIO
}

/** The loaded config of a command that `needsConfig`. */
export function configOf(ctx: Pick<CommandContext, 'config'>): ResolvedL10nConfig {
  if (!ctx.config) throw new Error('[l10n] internal: this command needs the config, and none was loaded.')
  return ctx.config
}
