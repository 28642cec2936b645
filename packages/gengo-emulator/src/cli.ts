import { EmulatorUsageError, parseEmulatorArgs } from './args.ts'
import { emulatorHelp } from './flags.ts'
import { type RunningEmulator, startEmulator } from './server.ts'

export interface EmulatorCliIO {
  stdout: { write(text: string): unknown }
  stderr: { write(text: string): unknown }
  /** Where the keys come from when `--keys` is not given. @default process.env */
  env?: Readonly<Record<string, string | undefined>>
  /** Stops the emulator when aborted (Ctrl-C). */
  signal: AbortSignal
  /** The command, as usage messages and the help name it. @default 'gengo-emulator' */
  name?: string
}

/**
 * The emulator's command line, for `gengo-emulator` and `l10n emulator` alike: parses `argv`,
 * prints the help or starts the emulator over HTTP until `io.signal` aborts. Resolves with the
 * exit code: 0 done, 1 failed to start (a corrupt state file, a port in use), 2 usage error.
 */
export async function runEmulatorCli(argv: readonly string[], io: EmulatorCliIO): Promise<number> {
  const name = io.name ?? 'gengo-emulator'
  let parsed: ReturnType<typeof parseEmulatorArgs>
  try {
    parsed = parseEmulatorArgs(argv, io.env ?? process.env)
  } catch (error) {
    if (!(error instanceof EmulatorUsageError)) throw error
    io.stderr.write(`${name}: ${error.message}\n\n${emulatorHelp(name)}`)
    return 2
  }
  if (parsed.help) {
    io.stdout.write(emulatorHelp(name))
    return 0
  }
  let running: RunningEmulator
  try {
    running = await startEmulator({ ...parsed.options, onWarning: (message) => io.stderr.write(`${message}\n`) })
  } catch (error) {
    io.stderr.write(`${(error as Error).message}\n`)
    return 1
  }
  io.stdout.write(`Gengo emulator listening on ${running.url}\n`)
  io.stderr.write(`admin routes under ${running.origin}/_emulator/ (ledger, finish, advance, faults, quirks, reset); Ctrl-C stops\n`)
  await new Promise<void>((resolve) => {
    if (io.signal.aborted) resolve()
    else io.signal.addEventListener('abort', () => resolve(), { once: true })
  })
  await running.close()
  return 0
}
