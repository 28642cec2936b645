/**
 * The languages Gengo has offered (gengo-api.md); the live list comes from
 * `translate/service/language_pairs`, which is checked before anything is ordered.
 */
export const GENGO_LANGUAGES: ReadonlySet<string> = new Set([
  'ar',
  'bg',
  'cs',
  'da',
  'de',
  'el',
  'en',
  'en-gb',
  'es',
  'es-la',
  'fi',
  'fr',
  'fr-ca',
  'he',
  'hi',
  'hu',
  'id',
  'it',
  'ja',
  'ko',
  'ms',
  'nl',
  'no',
  'pl',
  'pt',
  'pt-br',
  'ro',
  'ru',
  'sk',
  'sr',
  'sv',
  'th',
  'tl',
  'tr',
  'uk',
  'vi',
  'zh',
  'zh-tw',
])

/** i18next language codes → Gengo language codes, where the rule below would not find them. */
export const DEFAULT_LANGUAGE_MAP: Readonly<Record<string, string>> = Object.freeze({
  'zh-Hans': 'zh',
  'zh-CN': 'zh',
  'zh-SG': 'zh',
  'zh-Hant': 'zh-tw',
  'zh-TW': 'zh-tw',
  'zh-HK': 'zh-tw',
  'zh-MO': 'zh-tw',
  'pt-BR': 'pt-br',
  'pt-PT': 'pt',
  'es-419': 'es-la',
  'es-MX': 'es-la',
  'es-ES': 'es',
  'fr-CA': 'fr-ca',
  'fr-FR': 'fr',
  'en-GB': 'en-gb',
  'en-US': 'en',
  nb: 'no',
  nn: 'no',
  fil: 'tl',
  iw: 'he',
  in: 'id',
})

/** Spanish outside Spain is Gengo's Latin American Spanish (es-la). */
const LATIN_AMERICA = new Set([
  '419',
  'AR',
  'BO',
  'CL',
  'CO',
  'CR',
  'CU',
  'DO',
  'EC',
  'GT',
  'HN',
  'MX',
  'NI',
  'PA',
  'PE',
  'PR',
  'PY',
  'SV',
  'US',
  'UY',
  'VE',
])

const ALIASES_LOWER = new Map(Object.entries(DEFAULT_LANGUAGE_MAP).map(([k, v]) => [k.toLowerCase(), v]))

function byParts(lng: string): string | undefined {
  let loc: Intl.Locale
  try {
    loc = new Intl.Locale(lng.replace(/_/g, '-'))
  } catch {
    return undefined
  }
  const { language, script, region } = loc
  if (language === 'zh') return script === 'Hant' || (!script && ['TW', 'HK', 'MO'].includes(region ?? '')) ? 'zh-tw' : 'zh'
  if (language === 'pt' && region === 'BR') return 'pt-br'
  if (language === 'es' && region && LATIN_AMERICA.has(region)) return 'es-la'
  if (language === 'fr' && region === 'CA') return 'fr-ca'
  if (language === 'en' && (region === 'GB' || region === 'IE')) return 'en-gb'
  const alias = ALIASES_LOWER.get(language)
  if (alias) return alias
  return GENGO_LANGUAGES.has(language) ? language : undefined
}

/**
 * An i18next code → Gengo's code, by one documented rule:
 * 1. `languageMap` (the config's override), exactly as given;
 * 2. the code itself, when it is a Gengo code (case-insensitive: `pt-BR` → `pt-br`);
 * 3. a known alias (`zh-Hans` → `zh`, `zh-TW` → `zh-tw`, `es-419` → `es-la`, `nb` → `no` …),
 *    also by script and region (`zh-Hant-HK` → `zh-tw`, `es-AR` → `es-la`);
 * 4. the base language, when Gengo offers it (`ja-JP` → `ja`, `de-DE` → `de`, `ar-SA` → `ar`).
 * Otherwise the lowercased code, which the language-pair check then names.
 */
export function toGengoLanguage(lng: string, map: Readonly<Record<string, string>>): string {
  const own = map[lng]
  if (own !== undefined) return own
  const lower = lng.toLowerCase()
  if (GENGO_LANGUAGES.has(lower)) return lower
  return ALIASES_LOWER.get(lower) ?? byParts(lng) ?? lower
}

/** English names for messages and translator comments. */
export function languageName(lng: string): string {
  try {
    return new Intl.DisplayNames(['en'], { type: 'language' }).of(lng) ?? lng
  } catch {
    return lng
  }
}
