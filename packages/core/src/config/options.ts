// The public shape of the config: what users write (`L10nConfig`) and what resolveConfig returns (`ResolvedL10nConfig`).

type GengoTierOption = 'standard' | 'pro'
export type EmulatorSpeed = 'instant' | 'fast' | 'realistic' | 'review'

export interface L10nGengoOptions {
  /** `'production'`, `'sandbox'`, `'emulator'` (starts the local emulator in-process) or a base URL. @default 'production' */
  endpoint?: 'production' | 'sandbox' | 'emulator' | (string & {})
  /** Gengo tier for every job. @default 'standard' */
  tier?: GengoTierOption
  /** Ask Gengo to approve finished jobs at once. This waives revisions (Gengo's docs): a broken translation it delivers cannot be sent back, only ordered again. @default false */
  autoApprove?: boolean
  /** Refuse to order more than this many credits in one run. @default 50 */
  maxCredits?: number
  /** Write `reviewable` translations, not only `approved` ones. @default false */
  acceptReviewable?: boolean
  /**
   * Interim text while the human translation is pending: only `'none'`. `'machine'` (Gengo's
   * machine text, `pre_mt`) is refused by name: Gengo's API dropped it in 2016.
   * @default 'none'
   */
  interim?: 'none'
  /** Jobs per POST and per quote (Gengo documents no maximum; one integration caps at 200). Each POST holds one language, across namespaces. @default 200 */
  batchSize?: number
  /**
   * Send each namespace's jobs of a language as one Gengo group (`as_group=1`): one translator
   * works through them in file order (Gengo's `position`), for a consistent voice, but a group of N jobs then takes about
   * N times as long as one. Off, jobs go out ungrouped and many translators work in parallel.
   * @default false
   */
  group?: boolean
  /** POSTs in flight at once. @default 4 */
  concurrency?: number
  /**
   * The order-level comment for translators; `''` sends none. The default tells them that their
   * questions are answered in the job threads (`l10n comments`), gives the [[[…]]] rule, and points
   * to each job's own comment for the key's context.
   * @default ORDER_COMMENT ("These strings come from an app, ordered with l10n-sync. Questions are welcome: ask in the job’s comment thread; …")
   */
  comment?: string
  /**
   * The app's voice and audience for translators, added to every job's comment ("Friendly and
   * informal, second person; for people taking notes at work."). At most 500 characters.
   * @default undefined (none)
   */
  voice?: string
  /**
   * A Gengo glossary per target language (`{ ja: 1234 }`, ids from Gengo's dashboard), sent as each
   * job's `glossary_id`; `l10n quote` checks each against `GET translate/glossary` (it must exist and
   * cover the source and that language).
   * @default {} (none)
   */
  glossaries?: Record<string, string | number>
  /**
   * Ask for the account's preferred translators (each job's `use_preferred`); `l10n quote` shows
   * who they are per language (`GET account/preferred_translators`) and warns for a language with none.
   * @default false
   */
  usePreferred?: boolean
  /** Gengo's `tone` job field, sent with every job ("friendly", "formal"). At most 200 characters. @default undefined (none) */
  tone?: string
  /** Gengo's `purpose` job field, sent with every job ("Web app UI"). At most 200 characters. @default undefined (none) */
  purpose?: string
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
  /**
   * Days back Gengo's own record (`GET translate/jobs`) is read before an order, to find jobs this project
   * ordered that the lock does not know (a fresh CI clone, a lost or merged lock) and adopt them instead of
   * paying again. Only untranslated jobs matter (translated ones come back free through lazy loading);
   * 0 turns the look-up off.
   * @default 14
   */
  lookbackDays?: number
  /** First `--wait` poll interval in ms, backing off ×1.5 to `pollMaxMs`. @default 1800000 for Gengo (its guidance), 15000 for the emulator or a loopback URL */
  pollIntervalMs?: number
  /** Longest `--wait` poll interval in ms. @default 7200000 for Gengo, 120000 for the emulator or a loopback URL */
  pollMaxMs?: number
  /** For `endpoint: 'emulator'`: translator speed and where its state lives (relative to the project root). */
  emulator?: { speed?: EmulatorSpeed; stateFile?: string }
}

export interface L10nI18nextOptions {
  /**
   * The namespace `t('key')` reads without a prefix: the Vite plugin's virtual module exports it as `defaultNS` (pass it
   * to `i18next.init`) and `l10n types` types it. Must be one of the source's namespaces.
   * @default 'translation' when the source has that namespace, else 'common' when it has that one, else the first by name
   */
  defaultNS?: string
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
  /** Translator context per key, beside the source files (`{"key": "comment"}`, or `{"key": {"context": "comment", "maxChars": 20}}` for a length limit); `false` turns it off. @default files with `.json` → `.context.json`, for the source language */
  context?: string | false
  /** The lock file, committed to git. @default 'l10n.lock.json' */
  lockfile?: string
  /** Delete target keys that are no longer in the source (listed before deletion); a plural form the language does not have only with `repair` too. @default true */
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
    /** From `i18next.defaultNS`; undefined: chosen from the namespaces found (see `defaultNamespace`). */
    defaultNS?: string
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
  gengo: Required<
    Omit<L10nGengoOptions, 'comment' | 'voice' | 'tone' | 'purpose' | 'glossaries' | 'emulator' | 'pollIntervalMs' | 'pollMaxMs'>
  > & {
    pollIntervalMs: number
    pollMaxMs: number
    comment?: string
    voice?: string
    tone?: string
    purpose?: string
    /** Target language → glossary id. */
    glossaries: Record<string, string>
    emulator: { speed: EmulatorSpeed; stateFile: string }
  }
  cli: Record<string, Record<string, unknown>>
}
