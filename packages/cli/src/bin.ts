import { runCli } from './cli.ts'
import type { CliIO } from './io.ts'
import { survivePipes } from './pipes.ts'

// The only module that touches the process: everything below runCli gets it through `io`.
survivePipes([process.stdout, process.stderr])

const controller = new AbortController()
let interrupts = 0
for (const sig of ['SIGINT', 'SIGTERM'] as const) {
  process.on(sig, () => {
    // First Ctrl-C: finish the step in progress so files and lock stay consistent. Second: leave now.
    if (++interrupts > 1) process.exit(130)
    process.stderr.write('\nStopping after the current step… (Ctrl-C again to quit at once)\n')
    controller.abort()
  })
}

const io: CliIO = {
  stdout: process.stdout,
  stderr: process.stderr,
  // Lazily: only `l10n init` asks, and only then should stdin be opened.
  get stdin() {
    return process.stdin
  },
  env: process.env,
  cwd: process.cwd(),
  signal: controller.signal,
}

runCli(process.argv.slice(2), io).then(
  (code) => {
    process.exitCode = code
  },
  (error: unknown) => {
    process.stderr.write(`[l10n] ${(error as Error)?.stack ?? String(error)}\n`)
    process.exitCode = 1
  },
)
