import { createRequire } from 'node:module'
import { resolve } from 'node:path'
import { cac } from 'cac'
import type { CommandContext } from './commands/context.ts'
import { EXIT, exitCodeFor, UsageError } from './errors.ts'
import { COMMANDS, type CommandDef, type CommandName, GLOBAL_FLAGS } from './flags.ts'
import { BUILTIN_FLAGS, helpText, versionText } from './help.ts'
import type { CliIO } from './io.ts'
import { type ParsedFlags, resolveFlags, verbatimStrings } from './options.ts'

const version = (createRequire(import.meta.url)('../package.json') as { version: string }).version

type Runner<K extends CommandName> = (ctx: CommandContext<K>) => Promise<number>

// Loaded per command, so `l10n --version` and `--help` start without core, the Gengo client or the emulator.
const RUNNERS: { [K in CommandName]: () => Promise<Runner<K>> } = {
  sync: async () => (await import('./commands/sync.ts')).runSync,
  status: async () => (await import('./commands/status.ts')).runStatus,
  quote: async () => (await import('./commands/quote.ts')).runQuote,
  diff: async () => (await import('./commands/diff.ts')).runDiff,
  review: async () => (await import('./commands/review.ts')).runReview,
  comments: async () => (await import('./commands/comments.ts')).runComments,
  emulator: async () => (await import('./commands/emulator.ts')).runEmulator,
  init: async () => (await import('./commands/init.ts')).runInit,
  types: async () => (await import('./commands/types.ts')).runTypes,
}

/**
 * Splits off what follows the name of a command that parses its own arguments (`rawArgs`):
 * the global flags before the name are still l10n's.
 */
function splitRawArgs(argv: string[]): { argv: string[]; raw: string[] } {
  const valued = new Set(GLOBAL_FLAGS.filter((f) => f.type !== 'boolean').map((f) => f.syntax.split(' ')[0]))
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string
    if (arg === '--') break
    if (arg.startsWith('-')) {
      if (valued.has(arg)) i++
      continue
    }
    if (Object.hasOwn(COMMANDS, arg) && (COMMANDS[arg as CommandName] as CommandDef).rawArgs)
      return { argv: argv.slice(0, i + 1), raw: argv.slice(i + 1) }
    break
  }
  return { argv, raw: [] }
}

/** Loads the config (if the command needs it), resolves the command's flags against it, and runs it. */
async function runCommand<K extends CommandName>(
  name: K,
  options: ParsedFlags,
  args: readonly string[],
  io: CliIO,
  signal: AbortSignal,
): Promise<number> {
  const def = COMMANDS[name]
  const cwd = resolve(io.cwd, typeof options.cwd === 'string' ? options.cwd : '.')
  const run = RUNNERS[name]() // loads while the config does
  run.catch(() => {}) // awaited below; a config error must not leave it unhandled
  const config = def.needsConfig
    ? await (await import('@l10n-sync/core/run-api')).loadConfig({
        cwd,
        configFile: typeof options.config === 'string' ? options.config : undefined,
      })
    : undefined
  const flags = { ...resolveFlags(def, options, config), verbose: Boolean(options.verbose) }
  const { createOutput } = await import('./output.ts')
  const o = createOutput('json' in flags && flags.json === true, io)
  return await (await run)({ o, flags, args, config, cwd, signal, env: io.env, io })
}

/**
 * `--poll -1`: a parser reads `-1` as a flag of its own ("Unknown option `-1`"); say what is wrong with the value of
 * the flag instead. Every numeric flag takes a number ≥ 0.
 */
function negativeValue(argv: readonly string[]): void {
  for (let i = 1; i < argv.length; i++) {
    const prev = argv[i - 1] as string
    if (/^--[a-z-]+$/.test(prev) && /^-\d/.test(argv[i] as string)) throw new UsageError(`${prev} needs a number ≥ 0 (got ${argv[i]}).`)
  }
}

/**
 * Runs the CLI; resolves with the exit code. Everything it touches of the process comes in `io`
 * (bin.ts passes `process`'s). One top-level catch maps errors to codes.
 */
export async function runCli(allArgv: string[], io: CliIO): Promise<number> {
  const { argv, raw } = splitRawArgs(allArgv)
  const signal = io.signal ?? new AbortController().signal
  const cli = cac('l10n')
  for (const f of [...GLOBAL_FLAGS, ...BUILTIN_FLAGS]) cli.option(f.syntax, f.description)
  let picked: { name: CommandName; options: ParsedFlags } | undefined
  for (const def of Object.values(COMMANDS)) {
    const cmd = cli.command(def.name, def.description)
    for (const f of def.flags) cmd.option(f.syntax, f.description)
    cmd.action((options: ParsedFlags) => {
      picked = { name: def.name, options }
    })
  }
  const wantsJson = argv.includes('--json')
  try {
    negativeValue(argv)
    cli.parse(['node', 'l10n', ...argv], { run: false })
    const matched = Object.values(COMMANDS).find((def) => def.name === cli.matchedCommandName)
    if (cli.options.help) {
      io.stdout.write(helpText(version, matched))
      return EXIT.done
    }
    if (cli.options.version) {
      io.stdout.write(versionText(version))
      return EXIT.done
    }
    if (!cli.matchedCommand) {
      if (cli.args.length > 0) throw new UsageError(`Unknown command \`${cli.args[0]}\`. Commands: ${Object.keys(COMMANDS).join(', ')}.`)
      io.stdout.write(helpText(version))
      return EXIT.usage
    }
    await cli.runMatchedCommand()
    if (!picked) return EXIT.usage
    const options = verbatimStrings(COMMANDS[picked.name], picked.options, argv)
    return await runCommand(picked.name, options, raw, io, signal)
  } catch (error) {
    const [{ createOutput }, { isL10nError, SyncFailure }] = await Promise.all([import('./output.ts'), import('@l10n-sync/core/run-api')])
    const o = createOutput(wantsJson, io)
    const code = exitCodeFor(error)
    const message = error instanceof Error ? error.message : String(error)
    const prefix = message.startsWith('[l10n]') ? '' : '[l10n] '
    if (error instanceof SyncFailure && error.report) {
      o.log(`${o.ce.red('error')} ${prefix}${message}`)
      o.log(
        `before it failed: ordered ${error.report.ordered.jobs} job(s), wrote ${error.report.files.length} file(s); the lock records them.`,
      )
    } else if (isL10nError(error) || error instanceof UsageError || (error as Error)?.name === 'CACError') {
      o.log(`${o.ce.red('error')} ${prefix}${message}`)
      if (code === EXIT.usage && !isL10nError(error)) o.log('Run `l10n --help` for usage.')
    } else {
      o.log(`${o.ce.red('error')} ${prefix}${(error as Error)?.stack ?? message}`)
    }
    if (wantsJson) o.printJson({ error: { code: (error as { code?: string }).code ?? 'L10N_INTERNAL', message, exitCode: code } })
    return code
  }
}
