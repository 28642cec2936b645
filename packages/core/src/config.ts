// The config module others import from: its shape (config-options.ts), its defaults
// (config-defaults.ts) and resolving it (resolve-config.ts, with gengo-options.ts and i18next-options.ts).
import type { L10nConfig } from './config-options.ts'

export { CONFIG_DEFAULTS } from './config-defaults.ts'
export type {
  EmulatorSpeed,
  L10nConfig,
  L10nGengoOptions,
  L10nI18nextOptions,
  ResolvedL10nConfig,
} from './config-options.ts'
export { resolveConfig } from './resolve-config.ts'

/** Identity helper that types a config file. */
export function defineConfig(config: L10nConfig): L10nConfig {
  return config
}
