import { runCli } from './cli.ts'
import { survivePipes } from './pipes.ts'

survivePipes()

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

runCli(process.argv.slice(2), controller.signal).then(
  (code) => {
    process.exitCode = code
  },
  (error: unknown) => {
    process.stderr.write(`[l10n] ${(error as Error)?.stack ?? String(error)}\n`)
    process.exitCode = 1
  },
)
