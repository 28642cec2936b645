import { COMMANDS, type CommandDef, GLOBAL_FLAGS } from './flags.ts'

/**
 * `--help` and `--version`, rendered from the flag tables in cac's layout. cac prints its own
 * with `console.info`; these go to the injected stdout instead, so an in-process run sees them.
 */
const HELP_FLAG = { syntax: '-h, --help', description: 'Display this message' }
const VERSION_FLAG = { syntax: '-v, --version', description: 'Display version number' }
/** Registered with cac so that it accepts them; the text is ours. */
export const BUILTIN_FLAGS = [HELP_FLAG, VERSION_FLAG]

function table(rows: [string, string][]): string {
  const width = Math.max(...rows.map(([left]) => left.length))
  return rows.map(([left, right]) => `  ${left.padEnd(width)}  ${right}`).join('\n')
}

type Described = { syntax: string; description: string }
const flagRows = (flags: readonly Described[]): [string, string][] => flags.map((f) => [f.syntax, f.description])

/** The help of one command, or of the whole CLI without one. */
export function helpText(version: string, command?: CommandDef): string {
  const commands = Object.values(COMMANDS)
  const sections = [`l10n/${version}`]
  if (command) {
    sections.push(`Usage:\n  $ l10n ${command.name}`)
    sections.push(`Options:\n${table(flagRows([...command.flags, ...GLOBAL_FLAGS, HELP_FLAG]))}`)
  } else {
    sections.push('Usage:\n  $ l10n <command> [options]')
    sections.push(`Commands:\n${table(commands.map((c) => [c.name, c.description]))}`)
    sections.push(
      `For more info, run any command with the \`--help\` flag:\n${commands.map((c) => `  $ l10n ${c.name} --help`).join('\n')}`,
    )
    sections.push(`Options:\n${table(flagRows([...GLOBAL_FLAGS, HELP_FLAG, VERSION_FLAG]))}`)
  }
  return `${sections.join('\n\n')}\n`
}

/** What cac's `--version` prints: name/version and the runtime. */
export function versionText(version: string): string {
  return `l10n/${version} ${process.platform}-${process.arch} node-${process.version}\n`
}
