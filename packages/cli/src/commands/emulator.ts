import { L10nError } from '@l10n-sync/core'
import type { CommandContext } from './context.ts'

/** `l10n emulator`: the emulator's own command line (its flags, help and messages), run by the emulator package. */
export async function runEmulator(ctx: CommandContext<'emulator'>): Promise<number> {
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
  return mod.runEmulatorCli(ctx.args, {
    stdout: ctx.io.stdout,
    stderr: ctx.io.stderr,
    env: ctx.env,
    signal: ctx.signal,
    name: 'l10n emulator',
  })
}
