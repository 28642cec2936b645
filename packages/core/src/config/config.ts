// The config module others import from: its shape (options.ts), its defaults (defaults.ts) and resolving it
// (resolve.ts, with gengo-options.ts and i18next-options.ts).
import type { L10nConfig } from './options.ts'

export { CONFIG_DEFAULTS } from './defaults.ts'
export type {
  EmulatorSpeed,
  L10nConfig,
  L10nGengoOptions,
  L10nI18nextOptions,
  ResolvedL10nConfig,
} from './options.ts'
export { resolveConfig } from './resolve.ts'

/** Identity helper that types a config file. */
export function defineConfig(config: L10nConfig): L10nConfig {
  return config
}
