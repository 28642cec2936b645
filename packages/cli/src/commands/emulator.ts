import { L10nError } from '@l10n-sync/core'
import { UsageError } from '../errors.ts'
import type { CommandContext } from './context.ts'

const SPEEDS = ['instant', 'fast', 'realistic', 'review'] as const

export async function runEmulator(ctx: CommandContext<'emulator'>): Promise<number> {
  const { flags, o } = ctx
  const speed = SPEEDS.find((s) => s === (flags.speed ?? 'fast'))
  if (!speed) throw new UsageError(`--speed must be instant, fast, realistic or review, got "${flags.speed}".`)
  if (flags.quirks !== undefined && flags.quirks !== 'legacy') throw new UsageError(`--quirks must be legacy, got "${flags.quirks}".`)
  let mod: typeof import('@l10n-sync/gengo-emulator')
  try {
    mod = await import('@l10n-sync/gengo-emulator')
  } catch (error) {
    // An optional peer of the CLI: CI installs need not pull it.
    const notFound = (error as NodeJS.ErrnoException).code === 'ERR_MODULE_NOT_FOUND'
    throw new L10nError(
      'L10N_CONFIG',
      notFound
        ? '`l10n emulator` needs @l10n-sync/gengo-emulator, which is not installed. Add it: npm i -D @l10n-sync/gengo-emulator'
        : `@l10n-sync/gengo-emulator could not be loaded: ${(error as Error).message}`,
      { cause: error },
    )
  }
  const { startEmulator } = mod
  const running = await startEmulator({
    port: flags.port ?? 8787,
    host: flags.host,
    speed,
    stateFile: flags.state,
    rateLimit: flags.rateLimit,
    legacy: flags.quirks === 'legacy',
    worstCase: flags.worstCase === true,
    onWarning: (message) => o.log(message),
  })
  ctx.io.stdout.write(`Gengo emulator listening on ${running.url}\n`)
  o.log(`admin routes under ${running.origin}/_emulator/; set gengo.endpoint to ${running.url} to use it. Ctrl-C stops.`)
  await new Promise<void>((resolve) => ctx.signal.addEventListener('abort', () => resolve(), { once: true }))
  await running.close()
  return 0
}
