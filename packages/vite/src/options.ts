import { isL10nError, type L10nConfig, L10nError, loadConfig, type ResolvedL10nConfig, resolveConfig } from '@l10n-sync/core'
import type { OrderMode } from './ordering.ts'

export interface L10nPluginOptions {
  /** Config file, relative to Vite's root; `false` uses only `config`. @default l10n.config.* in Vite's root (or above) */
  configFile?: string | false
  /** Inline options, merged over the file's. @default undefined */
  config?: Partial<L10nConfig>
  /** Fail `vite build` when any key in any target language is missing, stale, pending, interim or (with `checkBroken`) broken (release builds). @default false */
  strict?: boolean
  /** Only sync (and check, with `strict`) these target languages, i18next codes from the config's `targets`; an unknown one fails at start-up. @default every target */
  langs?: string[]
  /**
   * Only these namespaces reach the app (the resources module and the backend): an app of a monorepo that shares one
   * locales package takes the namespaces it uses. Names from the source's files; an unknown one fails the build.
   * Syncing still covers every namespace. @default every namespace
   */
  namespaces?: string[]
  /** Dev server: how often to check pending jobs, in ms (Gengo asks for modest polling). @default 30000 against the emulator; `gengo.pollIntervalMs` (30 minutes) against Gengo */
  pollInterval?: number
  /** Dev server: wait this long after the last source edit before syncing, in ms. @default 500 */
  debounce?: number
  /**
   * Sync at all. `false` builds and serves the locale files on disk as they are, without contacting
   * Gengo (a hotfix build while Gengo is down); the virtual module still resolves, and `strict` still
   * checks the files. The environment variable `L10N_SYNC=0` (or `1`) overrides this option.
   * @default true
   */
  sync?: boolean
  /**
   * What the plugin orders (and pays for) on its own. `'auto'`: against `gengo.endpoint: 'emulator'` (free)
   * every sync orders; against any other endpoint (production, sandbox, any URL) only a `vite build` that is
   * `strict` (a release build) or a CI build of the default branch orders, and `vite dev` orders nothing:
   * it fetches what was ordered and the dev page (`/__l10n-sync/`) orders the new strings after Gengo's quote.
   * `'always'` orders on every sync (the dev server on every save); `'never'` only fetches, and the dev page
   * does not order either. The environment variable `L10N_ORDER=1` (`'always'`) or `0` (`'never'`) overrides it.
   * @default 'auto'
   */
  order?: OrderMode
  /** Inject the HTTP layer (tests). @default fetch, or the in-process emulator */
  fetch?: (request: Request) => Promise<Response>
}

export interface ResolvedL10nPluginOptions {
  configFile: string | false | undefined
  config?: Partial<L10nConfig>
  strict: boolean
  langs?: string[]
  namespaces?: string[]
  pollInterval: number
  debounce: number
  sync: boolean
  order: OrderMode
  fetch?: (request: Request) => Promise<Response>
  /** Where core reads the Gengo keys (process.env; `.env` beside the config fills the rest). */
  env: Readonly<Record<string, string | undefined>>
}

export const PLUGIN_DEFAULTS = Object.freeze({ strict: false, pollInterval: 30_000, debounce: 500, sync: true, order: 'auto' as OrderMode })

function check(name: string, value: unknown, ok: boolean, hint: string): void {
  if (!ok) throw new Error(`[l10n] Invalid l10n() option \`${name}\`: ${JSON.stringify(value)}. ${hint}`)
}

/** `L10N_SYNC`: `0`/`false` turns syncing off, `1`/`true` on; unset or empty leaves the option alone. */
function syncFromEnv(value: string | undefined): boolean | undefined {
  if (value === undefined || value.trim() === '') return undefined
  const v = value.trim().toLowerCase()
  if (v === '0' || v === 'false') return false
  if (v === '1' || v === 'true') return true
  throw new Error(`[l10n] Invalid environment variable L10N_SYNC=${JSON.stringify(value)}. Use 0 (build from the files on disk) or 1.`)
}

/** `L10N_ORDER`: `1`/`true` is `order: 'always'`, `0`/`false` is `'never'`; unset or empty leaves the option alone. */
function orderFromEnv(value: string | undefined): OrderMode | undefined {
  if (value === undefined || value.trim() === '') return undefined
  const v = value.trim().toLowerCase()
  if (v === '0' || v === 'false') return 'never'
  if (v === '1' || v === 'true') return 'always'
  throw new Error(
    `[l10n] Invalid environment variable L10N_ORDER=${JSON.stringify(value)}. Use 1 (order on every sync) or 0 (never order); unset, l10n({ order }) decides.`,
  )
}

const ORDER_MODES: readonly unknown[] = ['auto', 'always', 'never']

export function resolvePluginOptions(options: L10nPluginOptions = {}, env: NodeJS.ProcessEnv = process.env): ResolvedL10nPluginOptions {
  const o = { ...PLUGIN_DEFAULTS, ...options }
  check('strict', o.strict, typeof o.strict === 'boolean', 'Use true or false.')
  check('sync', o.sync, typeof o.sync === 'boolean', 'Use true or false.')
  check(
    'langs',
    o.langs,
    o.langs === undefined || (Array.isArray(o.langs) && o.langs.length > 0 && o.langs.every((l) => typeof l === 'string')),
    "Use a list of target languages, e.g. ['ja', 'fr'].",
  )
  check(
    'namespaces',
    o.namespaces,
    o.namespaces === undefined ||
      (Array.isArray(o.namespaces) && o.namespaces.length > 0 && o.namespaces.every((n) => typeof n === 'string' && n !== '')),
    "Use a list of the source's namespaces, e.g. ['common', 'cart'].",
  )
  o.sync = syncFromEnv(env.L10N_SYNC) ?? o.sync
  check(
    'order',
    o.order,
    ORDER_MODES.includes(o.order),
    "Use 'auto' (order against the emulator, and in strict or default-branch CI builds), 'always' or 'never'.",
  )
  o.order = orderFromEnv(env.L10N_ORDER) ?? o.order
  check('pollInterval', o.pollInterval, Number.isInteger(o.pollInterval) && o.pollInterval >= 1000, 'Use a whole number of ms ≥ 1000.')
  check('debounce', o.debounce, Number.isInteger(o.debounce) && o.debounce >= 0, 'Use a whole number of ms ≥ 0.')
  check(
    'configFile',
    o.configFile,
    o.configFile === undefined || o.configFile === false || typeof o.configFile === 'string',
    'Use a path or false.',
  )
  return {
    configFile: o.configFile,
    config: o.config,
    strict: o.strict,
    langs: o.langs ? [...o.langs] : undefined,
    namespaces: o.namespaces ? [...o.namespaces] : undefined,
    pollInterval: o.pollInterval,
    debounce: o.debounce,
    sync: o.sync,
    order: o.order,
    fetch: o.fetch,
    env,
  }
}

/** The l10n config the plugin runs with: the inline options alone (`configFile: false`), or the file with them over it. */
export async function loadPluginConfig(o: ResolvedL10nPluginOptions, root: string): Promise<ResolvedL10nConfig> {
  try {
    if (o.configFile === false) return resolveConfig(o.config ?? {}, root)
    return await loadConfig({ cwd: root, configFile: o.configFile, overrides: o.config as Record<string, unknown> | undefined })
  } catch (error) {
    if (isL10nError(error) && error.code === 'L10N_CONFIG' && /No l10n\.config/.test(error.message)) {
      throw new L10nError(
        'L10N_CONFIG',
        `${error.message} Or pass the options inline: l10n({ config: { source: 'en', targets: ['ja'] } }).`,
        { cause: error },
      )
    }
    throw error
  }
}
