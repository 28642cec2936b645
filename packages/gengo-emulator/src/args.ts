import { parseArgs } from 'node:util'
import { EMULATOR_FLAGS, type EmulatorFlag } from './flags.ts'
import { DEMO_KEYS } from './options.ts'
import type { StartEmulatorOptions } from './server.ts'
import type { Speed } from './translators.ts'

/** A bad command line (exit 2); `flag` names the flag at fault, when one is. */
export class EmulatorUsageError extends Error {
  override name = 'EmulatorUsageError'
  readonly code = 'EMULATOR_USAGE'
  constructor(
    message: string,
    readonly flag?: string,
  ) {
    super(message)
  }
}

export interface ParsedEmulatorArgs {
  /** `--help` was given: print the help and start nothing. */
  help: boolean
  /** What to start the emulator with (keys resolved from the flags, then `env`, then the demo keys). */
  options: StartEmulatorOptions
}

type Value = string | number | boolean | undefined

function check(flag: EmulatorFlag, raw: string | boolean | undefined): Value {
  const value = raw ?? flag.default
  if (value === undefined || typeof value === 'boolean' || typeof value === 'number') return value
  if (flag.choices && !flag.choices.includes(value))
    throw new EmulatorUsageError(`--${flag.name} must be ${flag.choices.join(', ')}, got "${value}"`, flag.name)
  if (flag.type === 'count') {
    const n = Number(value)
    if (value.trim() === '' || !Number.isInteger(n) || n < 0)
      throw new EmulatorUsageError(`--${flag.name} needs a whole number ≥ 0, got "${value}"`, flag.name)
    return n
  }
  if (flag.type === 'keys') {
    const i = value.indexOf(':')
    if (i <= 0 || i === value.length - 1) throw new EmulatorUsageError(`--${flag.name} must look like PUBLIC:PRIVATE`, flag.name)
  }
  return value
}

/** A key from the environment; `''` (e.g. `GENGO_PUBLIC_KEY=` in a compose file or CI) counts as unset. */
const fromEnv = (value: string | undefined) => (value === '' ? undefined : value)

/**
 * Parses the emulator's command line (`gengo-emulator` and `l10n emulator` alike) as
 * EMULATOR_FLAGS declares it. Throws EmulatorUsageError naming the flag at fault.
 */
export function parseEmulatorArgs(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>> = process.env,
): ParsedEmulatorArgs {
  let parsed: Record<string, string | boolean | undefined>
  try {
    parsed = parseArgs({
      args: [...argv],
      options: Object.fromEntries(
        EMULATOR_FLAGS.map((f) => [f.name, { type: f.type === 'boolean' ? 'boolean' : 'string', ...(f.short ? { short: f.short } : {}) }]),
      ) as Record<string, { type: 'boolean' | 'string'; short?: string }>,
      strict: true,
      allowPositionals: false,
    }).values as Record<string, string | boolean | undefined>
  } catch (error) {
    // node:util's own messages (an unknown flag, a missing or ambiguous value) quote the flag.
    const message = (error as Error).message
    throw new EmulatorUsageError(message, message.match(/'--?([A-Za-z][\w-]*)/)?.[1])
  }
  const v: Record<string, Value> = {}
  for (const flag of EMULATOR_FLAGS) v[flag.name] = check(flag, parsed[flag.name])
  const keys = typeof v.keys === 'string' ? v.keys : undefined
  const colon = keys?.indexOf(':') ?? -1
  return {
    help: v.help === true,
    options: {
      port: v.port as number,
      host: v.host as string,
      speed: v.speed as Speed,
      stateFile: v.state as string | undefined,
      publicKey: keys ? keys.slice(0, colon) : (fromEnv(env.GENGO_PUBLIC_KEY) ?? DEMO_KEYS.publicKey),
      privateKey: keys ? keys.slice(colon + 1) : (fromEnv(env.GENGO_PRIVATE_KEY) ?? DEMO_KEYS.privateKey),
      rateLimit: v['rate-limit'] as number,
      balance: v.balance as number,
      legacy: v.quirks === 'legacy',
      worstCase: v['worst-case'] === true,
    },
  }
}
