import type { ResolvedL10nConfig } from '@l10n-sync/core'
import { UsageError } from './errors.ts'
import type { CommandDef, FlagDef, FlagsOf, FlagType, FlagValues } from './flags.ts'

/** Options as cac parsed them, before coercion. */
export type ParsedFlags = Record<string, unknown>

function coerce(def: FlagDef, value: unknown, where: string): FlagValues[FlagType] {
  switch (def.type) {
    case 'boolean':
      if (typeof value === 'boolean') return value
      throw new UsageError(`${where} takes no value (got ${JSON.stringify(value)}).`)
    case 'string':
      if (typeof value === 'string' && value !== '') return value
      if (typeof value === 'number') return String(value)
      throw new UsageError(`${where} needs a value.`)
    case 'number': {
      const n = typeof value === 'number' ? value : Number(value)
      if (typeof value === 'boolean' || !Number.isFinite(n) || n < 0)
        throw new UsageError(`${where} needs a number ≥ 0 (got ${JSON.stringify(value)}).`)
      return n
    }
    case 'seconds': {
      if (value === true) return 3600
      if (value === false) return 0
      const n = typeof value === 'number' ? value : Number(value)
      if (!Number.isFinite(n) || n < 0) throw new UsageError(`${where} needs a number of seconds ≥ 0 (got ${JSON.stringify(value)}).`)
      return n
    }
    case 'targets': {
      if (value === true) return []
      const raw = Array.isArray(value) ? value : [value]
      if (raw.some((v) => typeof v === 'boolean')) return raw.filter((v) => typeof v !== 'boolean').map(String)
      return raw
        .flatMap((v) => String(v).split(','))
        .map((s) => s.trim())
        .filter(Boolean)
    }
    case 'list': {
      const list = Array.isArray(value)
        ? value.flatMap((v) => String(v).split(','))
        : typeof value === 'string'
          ? value.split(',')
          : undefined
      const items = list?.map((s) => s.trim()).filter(Boolean)
      if (!items || items.length === 0) throw new UsageError(`${where} needs a comma-separated list (got ${JSON.stringify(value)}).`)
      return items
    }
  }
}

/** Command-line flags win; the config's `cli.<command>` block fills the rest. */
export function resolveFlags<C extends CommandDef>(command: C, argv: ParsedFlags, config?: ResolvedL10nConfig): FlagsOf<C> {
  const out: Record<string, unknown> = {}
  const fromConfig = config?.cli?.[command.name] ?? {}
  const known = new Set(command.flags.map((f) => f.name))
  for (const key of Object.keys(fromConfig)) {
    if (!known.has(key)) {
      throw new UsageError(
        `Unknown option \`cli.${command.name}.${key}\` in ${config?.configFile ?? 'the config'}; \`l10n ${command.name}\` takes ${[...known].join(', ') || 'no options'}.`,
      )
    }
  }
  for (const def of command.flags) {
    if (argv[def.name] !== undefined) out[def.name] = coerce(def, argv[def.name], `--${def.syntax.split(' ')[0]?.replace(/^--/, '')}`)
    else if (fromConfig[def.name] !== undefined)
      out[def.name] = coerce(def, fromConfig[def.name], `cli.${command.name}.${def.name} in ${config?.configFile}`)
  }
  // Each value was coerced to its flag's declared type (coerce's cases are FlagValues'), which is what FlagsOf<C> says.
  return out as FlagsOf<C>
}

/**
 * cac (mri) turns a value that looks like a number into one: `--text "  "` arrives as 0 and
 * `--text 007` as 7. A string flag takes its value verbatim from argv instead (the last one given).
 */
export function verbatimStrings(def: CommandDef, options: ParsedFlags, argv: readonly string[]): ParsedFlags {
  const out = { ...options }
  for (const f of def.flags) {
    if (f.type !== 'string') continue
    const flag = f.syntax.split(' ')[0] as string
    for (let i = 0; i < argv.length; i++) {
      const arg = argv[i] as string
      if (arg === '--') break
      if (arg === flag && i + 1 < argv.length) out[f.name] = argv[++i]
      else if (arg.startsWith(`${flag}=`)) out[f.name] = arg.slice(flag.length + 1)
    }
  }
  return out
}
