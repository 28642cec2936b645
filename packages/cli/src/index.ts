export { runCli } from './cli.ts'
export { EXIT, exitCodeFor, UsageError } from './errors.ts'
export type { CommandDef, FlagDef, FlagType } from './flags.ts'
export { COMMANDS, GLOBAL_FLAGS } from './flags.ts'
