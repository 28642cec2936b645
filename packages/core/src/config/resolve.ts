import { resolve } from 'node:path'
import { L10nError } from '../errors.ts'
import { assertInsideRoot, configError, where } from './checks.ts'
import { CONFIG_DEFAULTS } from './defaults.ts'
import { resolveGengoOptions } from './gengo-options.ts'
import { resolveI18nextOptions } from './i18next-options.ts'
import type { L10nConfig, ResolvedL10nConfig } from './options.ts'

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
  const i18next = resolveI18nextOptions(c.i18next, configFile)
  const gengo = resolveGengoOptions(c.gengo, root, configFile)
  for (const lng of Object.keys(gengo.glossaries))
    if (!c.targets.includes(lng))
      throw configError(
        `gengo.glossaries.${lng}`,
        gengo.glossaries[lng],
        `${lng} is not a target language (${c.targets.join(', ')}).`,
        configFile,
      )
  const cli = c.cli ?? {}
  if (typeof cli !== 'object' || cli === null || Object.values(cli).some((v) => typeof v !== 'object' || v === null || Array.isArray(v))) {
    throw configError('cli', cli, 'Use an object of per-command flag defaults, e.g. { sync: { wait: 600 } }.', configFile)
  }
  assertInsideRoot(root, 'files', files, configFile)
  if (context !== false) assertInsideRoot(root, 'context', context, configFile)
  assertInsideRoot(root, 'lockfile', lockfile, configFile)
  return {
    root,
    configFile,
    source: c.source,
    targets: [...c.targets],
    files,
    context,
    lockfile: resolve(root, lockfile),
    prune: c.prune ?? CONFIG_DEFAULTS.prune,
    keepStale: c.keepStale ?? CONFIG_DEFAULTS.keepStale,
    maxLength,
    repair: c.repair ?? CONFIG_DEFAULTS.repair,
    checkBroken: c.checkBroken ?? CONFIG_DEFAULTS.checkBroken,
    languageMap: { ...languageMap },
    i18next,
    gengo,
    cli: cli as Record<string, Record<string, unknown>>,
  }
}
