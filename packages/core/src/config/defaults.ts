/**
 * The order's comment unless `gengo.comment` says otherwise: Gengo asks integrations to tell
 * translators whether and how their questions are answered, or they wait.
 */
export const ORDER_COMMENT =
  'These strings come from an app, ordered with l10n-sync. Questions are welcome: ask in the job’s comment thread; the developers read the threads and answer there. Each job’s comment gives the string’s context. Keep every [[[…]]] segment exactly as it is (code, not text).'

/** Every default of the config, in one frozen object; see options.ts for what each means. */
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
    batchSize: 200,
    group: false,
    concurrency: 4,
    requestsPerMinute: 140,
    retries: 4,
    timeoutMs: 30_000,
    reconcileGrace: 180,
    lookbackDays: 14,
    emulator: Object.freeze({ speed: 'fast', stateFile: '.l10n/emulator.json' }),
    comment: ORDER_COMMENT,
    usePreferred: false,
    glossaries: Object.freeze({}) as Readonly<Record<string, string>>,
  }),
})
