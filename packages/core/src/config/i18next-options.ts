import { configError } from './checks.ts'
import { CONFIG_DEFAULTS } from './defaults.ts'
import type { L10nI18nextOptions, ResolvedL10nConfig } from './options.ts'

/** Validates `i18next` (naming the option and the file) and fills its defaults. */
export function resolveI18nextOptions(input: L10nI18nextOptions | undefined, configFile?: string): ResolvedL10nConfig['i18next'] {
  const i = input ?? {}
  const d = CONFIG_DEFAULTS.i18next
  const sep = (name: 'keySeparator' | 'nsSeparator', value: unknown) => {
    if (value === undefined) return d[name]
    if (value === false || (typeof value === 'string' && value !== '')) return value
    throw configError(`i18next.${name}`, value, 'Use a non-empty string or false.', configFile)
  }
  const str = (name: string, value: unknown, fallback: string) => {
    if (value === undefined) return fallback
    if (typeof value === 'string' && value !== '') return value
    throw configError(name, value, 'Use a non-empty string.', configFile)
  }
  const ip = i.interpolation ?? {}
  const keepNodes = i.transKeepBasicHtmlNodesFor ?? d.transKeepBasicHtmlNodesFor
  if (!Array.isArray(keepNodes) || keepNodes.some((n) => typeof n !== 'string' || !/^[A-Za-z0-9]+$/.test(n))) {
    throw configError(
      'i18next.transKeepBasicHtmlNodesFor',
      keepNodes,
      "Use a list of tag names, e.g. ['br', 'strong', 'i', 'p'].",
      configFile,
    )
  }
  return {
    ...(i.defaultNS === undefined ? {} : { defaultNS: str('i18next.defaultNS', i.defaultNS, '') }),
    keySeparator: sep('keySeparator', i.keySeparator),
    nsSeparator: sep('nsSeparator', i.nsSeparator),
    pluralSeparator: str('i18next.pluralSeparator', i.pluralSeparator, d.pluralSeparator),
    contextSeparator: str('i18next.contextSeparator', i.contextSeparator, d.contextSeparator),
    interpolation: {
      prefix: str('i18next.interpolation.prefix', ip.prefix, d.interpolation.prefix),
      suffix: str('i18next.interpolation.suffix', ip.suffix, d.interpolation.suffix),
      unescapePrefix: str('i18next.interpolation.unescapePrefix', ip.unescapePrefix, d.interpolation.unescapePrefix),
      nestingPrefix: str('i18next.interpolation.nestingPrefix', ip.nestingPrefix, d.interpolation.nestingPrefix),
      nestingSuffix: str('i18next.interpolation.nestingSuffix', ip.nestingSuffix, d.interpolation.nestingSuffix),
      keepBasicHtmlNodesFor: keepNodes.map((n) => n.toLowerCase()),
    },
  }
}
