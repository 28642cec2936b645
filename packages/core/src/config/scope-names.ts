import { L10nError } from '../errors.ts'
import type { ResolvedL10nConfig } from './config.ts'

export interface ScopeOptions {
  /** Only these target languages (i18next codes, as in `targets`). @default all targets */
  langs?: readonly string[]
  /** Only these namespaces. @default all */
  namespaces?: readonly string[]
}

function unknownError(
  what: 'language' | 'namespace',
  option: string,
  unknown: string[],
  known: readonly string[],
  file?: string,
): L10nError {
  const hints = unknown.map((u) => {
    const near = known.find((k) => k.toLowerCase() === u.toLowerCase())
    return near ? `'${u}' (did you mean '${near}'?)` : `'${u}'`
  })
  const where = what === 'language' ? "the config's targets are" : 'the source has the namespaces'
  return new L10nError(
    'L10N_CONFIG',
    `Unknown ${what}${unknown.length > 1 ? 's' : ''} ${hints.join(', ')} in \`${option}\`; ${where} ${known.join(', ')}. Pick from those.`,
    { option, file },
  )
}

/**
 * The languages a run covers, checked: every code must be one of `targets`, exactly (a typo
 * such as `--lang JA` or `--lang ../x` is a usage error, never an empty run that passes a gate).
 */
export function resolveLangs(config: ResolvedL10nConfig, langs: readonly string[] | undefined, option = 'lang'): string[] {
  if (langs === undefined) return [...config.targets]
  if (langs.length === 0)
    throw new L10nError('L10N_CONFIG', `\`${option}\` is empty; give one or more of ${config.targets.join(', ')}.`, { option })
  const unknown = langs.filter((l) => !config.targets.includes(l))
  if (unknown.length) throw unknownError('language', option, unknown, config.targets, config.configFile)
  return [...new Set(langs)]
}

/** The namespaces a run covers, checked against those the source has. */
export function resolveNamespaces(available: readonly string[], namespaces: readonly string[] | undefined, option = 'ns'): string[] {
  if (namespaces === undefined) return [...available]
  if (namespaces.length === 0)
    throw new L10nError('L10N_CONFIG', `\`${option}\` is empty; give one or more of ${available.join(', ')}.`, { option })
  const unknown = namespaces.filter((n) => !available.includes(n))
  if (unknown.length) throw unknownError('namespace', option, unknown, available)
  return available.filter((n) => namespaces.includes(n))
}
