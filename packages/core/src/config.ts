import { isAbsolute, relative, resolve, sep } from 'node:path'
import { L10nError } from './errors.ts'

export type GengoTierOption = 'standard' | 'pro'
export type EmulatorSpeed = 'instant' | 'fast' | 'realistic' | 'review'

export interface L10nGengoOptions {
  /** `'production'`, `'sandbox'`, `'emulator'` (starts the local emulator in-process) or a base URL. @default 'production' */
  endpoint?: 'production' | 'sandbox' | 'emulator' | (string & {})
  /** Gengo tier for every job. @default 'standard' */
  tier?: GengoTierOption
  /** Ask Gengo to approve finished jobs at once. @default false */
  autoApprove?: boolean
  /** Refuse to order more than this many credits in one run. @default 50 */
  maxCredits?: number
  /** Write `reviewable` translations, not only `approved` ones. @default false */
  acceptReviewable?: boolean
  /** `'machine'` writes Gengo's interim machine text while the human one is pending (marked, still counted as not done). @default 'none' */
  interim?: 'none' | 'machine'
  /** Jobs per POST. @default 50 */
  batchSize?: number
  /** POSTs in flight at once. @default 4 */
  concurrency?: number
  /** An order-level comment for translators. @default undefined */
  comment?: string
  /** Client-side request limit (Gengo allows 150/min). @default 140 */
  requestsPerMinute?: number
  /** Retries for network errors, timeouts, 429, 5xx and 2800. @default 4 */
  retries?: number
  /** Per-request timeout in ms. @default 30000 */
  timeoutMs?: number
  /**
   * Seconds after an order whose answer was lost (a crash, a timeout) during which its jobs
   * may still be being created on Gengo: until then nothing of it is ordered again, and only
   * after it, with no job carrying its batch id in sight, is it taken as never placed.
   * @default 180
   */
  reconcileGrace?: number
  /** First `--wait` poll interval in ms, backing off ×1.5 to `pollMaxMs`. @default 1800000 for Gengo (its guidance), 15000 for the emulator or a loopback URL */
  pollIntervalMs?: number
  /** Longest `--wait` poll interval in ms. @default 7200000 for Gengo, 120000 for the emulator or a loopback URL */
  pollMaxMs?: number
  /** For `endpoint: 'emulator'`: translator speed and where its state lives (relative to the project root). */
  emulator?: { speed?: EmulatorSpeed; stateFile?: string }
}

export interface L10nI18nextOptions {
  /** @default '.' */
  keySeparator?: string | false
  /** @default ':' */
  nsSeparator?: string | false
  /** @default '_' */
  pluralSeparator?: string
  /** @default '_' */
  contextSeparator?: string
  /** react-i18next's `transKeepBasicHtmlNodesFor`: tag names that are markup even without a closing tag. @default ['br', 'strong', 'i', 'p'] */
  transKeepBasicHtmlNodesFor?: string[]
  interpolation?: {
    /** @default '{{' */
    prefix?: string
    /** @default '}}' */
    suffix?: string
    /** @default '-' */
    unescapePrefix?: string
    /** @default '$t(' */
    nestingPrefix?: string
    /** @default ')' */
    nestingSuffix?: string
  }
}

export interface L10nConfig {
  /** The language developers write, an i18next code. */
  source: string
  /** Languages to translate into, i18next codes. */
  targets: string[]
  /** Where locale files live, relative to the project root; `{{lng}}` required, `{{ns}}` optional. @default 'locales/{{lng}}/{{ns}}.json' */
  files?: string
  /** Translator context per key, beside the source files (`{"key": "comment"}`); `false` turns it off. @default files with `.json` → `.context.json`, for the source language */
  context?: string | false
  /** The lock file, committed to git. @default 'l10n.lock.json' */
  lockfile?: string
  /** Delete target keys that are no longer in the source (listed before deletion). @default true */
  prune?: boolean
  /** Keep a stale translation in the file until its new translation lands; false removes it at once. @default true */
  keepStale?: boolean
  /** Longest source string, in characters, that may be ordered. @default 10000 */
  maxLength?: number
  /**
   * Order fresh translations for existing values that are broken (a lost or invented placeholder,
   * a broken Trans tag) on every sync, after the quote; `l10n sync --repair` does it once.
   * Without it nothing a person wrote is replaced: broken values are only reported. @default false
   */
  repair?: boolean
  /** Broken existing values fail `l10n status --check` and the Vite plugin's `strict` builds. @default true */
  checkBroken?: boolean
  /** i18next code → Gengo code overrides (defaults cover zh-Hans, pt-BR, es-419 …). @default {} */
  languageMap?: Record<string, string>
  /** i18next options that shape keys and placeholders. */
  i18next?: L10nI18nextOptions
  gengo?: L10nGengoOptions
  /** Defaults for the `l10n` command's flags, per command (`{ sync: { wait: 600, lang: ['ja'] } }`); flags given on the command line win. @default {} */
  cli?: Record<string, Record<string, unknown>>
}

export interface ResolvedL10nConfig {
  root: string
  configFile?: string
  source: string
  targets: string[]
  files: string
  context: string | false
  lockfile: string
  prune: boolean
  keepStale: boolean
  maxLength: number
  repair: boolean
  checkBroken: boolean
  languageMap: Record<string, string>
  i18next: {
    keySeparator: string | false
    nsSeparator: string | false
    pluralSeparator: string
    contextSeparator: string
    interpolation: {
      prefix: string
      suffix: string
      unescapePrefix: string
      nestingPrefix: string
      nestingSuffix: string
      /** From `i18next.transKeepBasicHtmlNodesFor`. */
      keepBasicHtmlNodesFor: string[]
    }
  }
  gengo: Required<Omit<L10nGengoOptions, 'comment' | 'emulator' | 'pollIntervalMs' | 'pollMaxMs'>> & {
    pollIntervalMs: number
    pollMaxMs: number
    comment?: string
    emulator: { speed: EmulatorSpeed; stateFile: string }
  }
  cli: Record<string, Record<string, unknown>>
}

export const CONFIG_DEFAULTS = Object.freeze({
  files: 'locales/{{lng}}/{{ns}}.json',
  lockfile: 'l10n.lock.json',
  prune: true,
  keepStale: true,
  maxLength: 10_000,
  repair: false,
  checkBroken: true,
  i18next: Object.freeze({
    keySeparator: '.',
    nsSeparator: ':',
    pluralSeparator: '_',
    contextSeparator: '_',
    transKeepBasicHtmlNodesFor: Object.freeze(['br', 'strong', 'i', 'p']),
    interpolation: Object.freeze({ prefix: '{{', suffix: '}}', unescapePrefix: '-', nestingPrefix: '$t(', nestingSuffix: ')' }),
  }),
  gengo: Object.freeze({
    endpoint: 'production',
    tier: 'standard',
    autoApprove: false,
    maxCredits: 50,
    acceptReviewable: false,
    interim: 'none',
    batchSize: 50,
    concurrency: 4,
    requestsPerMinute: 140,
    retries: 4,
    timeoutMs: 30_000,
    reconcileGrace: 180,
    emulator: Object.freeze({ speed: 'fast', stateFile: '.l10n/emulator.json' }),
  }),
})

/**
 * `--wait` polling: Gengo asks for modest polling (no more than about once per 30 minutes per
 * job), so against Gengo the first poll comes after 30 minutes, backing off to 2 hours; the
 * emulator (or a loopback URL, where it runs) is polled every 15 s, backing off to 2 minutes.
 */
export function pollPolicy(endpoint: string, intervalMs: number, maxMs: number): { pollIntervalMs: number; pollMaxMs: number } {
  let local = endpoint === 'emulator'
  try {
    local ||= ['127.0.0.1', 'localhost', '[::1]'].includes(new URL(endpoint).hostname)
  } catch {}
  const first = intervalMs || (local ? 15_000 : 30 * 60_000)
  return { pollIntervalMs: first, pollMaxMs: Math.max(first, maxMs || (local ? 120_000 : 2 * 60 * 60_000)) }
}

function isHttpUrl(value: string): boolean {
  if (!/^https?:\/\//i.test(value)) return false
  try {
    return new URL(value).hostname !== ''
  } catch {
    return false
  }
}

/** Whether a path (placeholders filled in) stays inside the project root. */
function insideRoot(root: string, path: string): boolean {
  if (isAbsolute(path)) return false
  const rel = relative(root, resolve(root, path.split('{{lng}}').join('xx').split('{{ns}}').join('ns')))
  return rel !== '' && rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel)
}

/** Identity helper that types a config file. */
export function defineConfig(config: L10nConfig): L10nConfig {
  return config
}

function where(file: string | undefined): string {
  return file ? ` in ${file}` : ''
}

function configError(option: string, value: unknown, hint: string, file?: string): L10nError {
  const shown = value === undefined ? 'missing' : JSON.stringify(value)
  return new L10nError('L10N_CONFIG', `Invalid option \`${option}\`${where(file)}: ${shown}. ${hint}`, { option, file })
}

function validLanguage(lng: unknown): lng is string {
  if (typeof lng !== 'string' || lng.trim() === '') return false
  try {
    return Intl.getCanonicalLocales(lng).length === 1
  } catch {
    return false
  }
}

const KNOWN_TOP = new Set([
  'source',
  'targets',
  'files',
  'context',
  'lockfile',
  'prune',
  'keepStale',
  'maxLength',
  'repair',
  'checkBroken',
  'languageMap',
  'i18next',
  'gengo',
  'cli',
])
const KNOWN_GENGO = new Set(
  Object.keys(CONFIG_DEFAULTS.gengo).concat(['comment', 'publicKey', 'privateKey', 'pollIntervalMs', 'pollMaxMs']),
)

/** Validates up front, naming the option and the file, and fills every default. */
export function resolveConfig(input: unknown, root: string, configFile?: string): ResolvedL10nConfig {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new L10nError('L10N_CONFIG', `The config${where(configFile)} must export an object (use defineConfig({ … })).`, {
      file: configFile,
    })
  }
  const c = input as L10nConfig & Record<string, unknown>
  for (const key of Object.keys(c)) {
    if (!KNOWN_TOP.has(key)) throw configError(key, c[key], `Unknown option; known options are ${[...KNOWN_TOP].join(', ')}.`, configFile)
  }
  if (!validLanguage(c.source)) throw configError('source', c.source, "Give the source language as an i18next code, e.g. 'en'.", configFile)
  if (!Array.isArray(c.targets) || c.targets.length === 0) {
    throw configError('targets', c.targets, "Give at least one target language, e.g. ['ja', 'fr'].", configFile)
  }
  for (const t of c.targets) {
    if (!validLanguage(t)) throw configError('targets', t, 'Each target must be a language code such as ja, pt-BR or zh-Hans.', configFile)
    if (t === c.source) throw configError('targets', t, 'The source language cannot also be a target.', configFile)
  }
  if (new Set(c.targets).size !== c.targets.length) throw configError('targets', c.targets, 'A language is listed twice.', configFile)
  const files = c.files ?? CONFIG_DEFAULTS.files
  if (typeof files !== 'string' || !files.includes('{{lng}}') || !files.endsWith('.json')) {
    throw configError(
      'files',
      files,
      "Use a pattern with {{lng}} (and optionally {{ns}}) ending in .json, e.g. 'locales/{{lng}}/{{ns}}.json'.",
      configFile,
    )
  }
  const context = c.context === undefined ? files.replace(/\.json$/, '.context.json') : c.context
  if (context !== false && (typeof context !== 'string' || !context.endsWith('.json'))) {
    throw configError(
      'context',
      context,
      "Use a pattern ending in .json such as 'locales/{{lng}}/{{ns}}.context.json', or false.",
      configFile,
    )
  }
  const lockfile = c.lockfile ?? CONFIG_DEFAULTS.lockfile
  if (typeof lockfile !== 'string' || lockfile === '')
    throw configError('lockfile', lockfile, "Give a path such as 'l10n.lock.json'.", configFile)
  for (const flag of ['prune', 'keepStale', 'repair', 'checkBroken'] as const) {
    if (c[flag] !== undefined && typeof c[flag] !== 'boolean') throw configError(flag, c[flag], 'Use true or false.', configFile)
  }
  const maxLength = c.maxLength ?? CONFIG_DEFAULTS.maxLength
  if (!Number.isInteger(maxLength) || maxLength < 1)
    throw configError('maxLength', maxLength, 'Use a whole number of characters ≥ 1.', configFile)
  const languageMap = c.languageMap ?? {}
  if (
    typeof languageMap !== 'object' ||
    languageMap === null ||
    Object.values(languageMap).some((v) => typeof v !== 'string' || v === '')
  ) {
    throw configError('languageMap', languageMap, "Map i18next codes to Gengo codes, e.g. { 'zh-Hans': 'zh' }.", configFile)
  }

  const i = c.i18next ?? {}
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
  const i18next: ResolvedL10nConfig['i18next'] = {
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

  const g = (c.gengo ?? {}) as L10nGengoOptions & Record<string, unknown>
  const gd = CONFIG_DEFAULTS.gengo
  for (const key of Object.keys(g)) {
    if (!KNOWN_GENGO.has(key))
      throw configError(
        `gengo.${key}`,
        g[key],
        `Unknown option; known gengo options are ${[...KNOWN_GENGO].filter((k) => !k.endsWith('Key')).join(', ')}.`,
        configFile,
      )
  }
  if ('publicKey' in g || 'privateKey' in g) {
    throw new L10nError(
      'L10N_CONFIG',
      `Gengo keys do not belong in the config${where(configFile)}: set GENGO_PUBLIC_KEY and GENGO_PRIVATE_KEY in the environment or .env instead.`,
      {
        option: 'gengo.privateKey',
        file: configFile,
      },
    )
  }
  const endpoint = g.endpoint ?? gd.endpoint
  if (typeof endpoint !== 'string' || !(['production', 'sandbox', 'emulator'].includes(endpoint) || isHttpUrl(endpoint))) {
    throw configError(
      'gengo.endpoint',
      endpoint,
      "Use 'production', 'sandbox', 'emulator' or an http(s) URL with a host, e.g. 'http://127.0.0.1:8787/v2/'.",
      configFile,
    )
  }
  const tier = g.tier ?? gd.tier
  if (tier !== 'standard' && tier !== 'pro') throw configError('gengo.tier', tier, "Use 'standard' or 'pro'.", configFile)
  const bool = (name: string, value: unknown, fallback: boolean) => {
    if (value === undefined) return fallback
    if (typeof value === 'boolean') return value
    throw configError(`gengo.${name}`, value, 'Use true or false.', configFile)
  }
  const int = (name: string, value: unknown, fallback: number, min: number, max = Number.MAX_SAFE_INTEGER) => {
    if (value === undefined) return fallback
    if (typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max) return value
    throw configError(
      `gengo.${name}`,
      value,
      `Use a whole number from ${min} to ${max === Number.MAX_SAFE_INTEGER ? 'any' : max}.`,
      configFile,
    )
  }
  const maxCredits = g.maxCredits ?? gd.maxCredits
  if (typeof maxCredits !== 'number' || !Number.isFinite(maxCredits) || maxCredits < 0) {
    throw configError('gengo.maxCredits', maxCredits, 'Use a number of credits ≥ 0.', configFile)
  }
  const interim = g.interim ?? gd.interim
  if (interim !== 'none' && interim !== 'machine') throw configError('gengo.interim', interim, "Use 'none' or 'machine'.", configFile)
  const speed = g.emulator?.speed ?? gd.emulator.speed
  if (!['instant', 'fast', 'realistic', 'review'].includes(speed))
    throw configError(
      'gengo.emulator.speed',
      speed,
      "Use 'instant', 'fast', 'realistic' or 'review' (translators stop at reviewable).",
      configFile,
    )
  if (g.comment !== undefined && typeof g.comment !== 'string') throw configError('gengo.comment', g.comment, 'Use a string.', configFile)

  const cli = c.cli ?? {}
  if (typeof cli !== 'object' || cli === null || Object.values(cli).some((v) => typeof v !== 'object' || v === null || Array.isArray(v))) {
    throw configError('cli', cli, 'Use an object of per-command flag defaults, e.g. { sync: { wait: 600 } }.', configFile)
  }

  const inside = (option: string, value: string) => {
    if (!insideRoot(root, value)) {
      throw configError(
        option,
        value,
        `It points outside the project (${root}); l10n-sync reads and writes only inside it. Use a path relative to the config, without ../.`,
        configFile,
      )
    }
  }
  inside('files', files)
  if (context !== false) inside('context', context)
  inside('lockfile', lockfile)
  if (g.emulator?.stateFile !== undefined) {
    if (typeof g.emulator.stateFile !== 'string' || g.emulator.stateFile === '')
      throw configError('gengo.emulator.stateFile', g.emulator.stateFile, "Give a path such as '.l10n/emulator.json'.", configFile)
    inside('gengo.emulator.stateFile', g.emulator.stateFile)
  }
  const abs = (p: string) => (isAbsolute(p) ? p : resolve(root, p))
  return {
    root,
    configFile,
    source: c.source,
    targets: [...c.targets],
    files,
    context,
    lockfile: abs(lockfile),
    prune: c.prune ?? CONFIG_DEFAULTS.prune,
    keepStale: c.keepStale ?? CONFIG_DEFAULTS.keepStale,
    maxLength,
    repair: c.repair ?? CONFIG_DEFAULTS.repair,
    checkBroken: c.checkBroken ?? CONFIG_DEFAULTS.checkBroken,
    languageMap: { ...languageMap },
    i18next,
    gengo: {
      endpoint,
      tier,
      autoApprove: bool('autoApprove', g.autoApprove, gd.autoApprove),
      maxCredits,
      acceptReviewable: bool('acceptReviewable', g.acceptReviewable, gd.acceptReviewable),
      interim,
      batchSize: int('batchSize', g.batchSize, gd.batchSize, 1, 200),
      concurrency: int('concurrency', g.concurrency, gd.concurrency, 1, 16),
      requestsPerMinute: int('requestsPerMinute', g.requestsPerMinute, gd.requestsPerMinute, 0, 150),
      retries: int('retries', g.retries, gd.retries, 0, 10),
      timeoutMs: int('timeoutMs', g.timeoutMs, gd.timeoutMs, 1),
      reconcileGrace: int('reconcileGrace', g.reconcileGrace, gd.reconcileGrace, 0),
      ...pollPolicy(endpoint, int('pollIntervalMs', g.pollIntervalMs, 0, 1), int('pollMaxMs', g.pollMaxMs, 0, 1)),
      comment: g.comment,
      emulator: { speed, stateFile: abs(g.emulator?.stateFile ?? gd.emulator.stateFile) },
    },
    cli: cli as Record<string, Record<string, unknown>>,
  }
}
