/** i18next language codes → Gengo language codes. Gengo's codes are lowercase and not always BCP 47. */
export const DEFAULT_LANGUAGE_MAP: Readonly<Record<string, string>> = Object.freeze({
  'zh-Hans': 'zh',
  'zh-CN': 'zh',
  'zh-SG': 'zh',
  'zh-Hant': 'zh-tw',
  'zh-TW': 'zh-tw',
  'zh-HK': 'zh-tw',
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

export function toGengoLanguage(lng: string, map: Readonly<Record<string, string>>): string {
  return map[lng] ?? DEFAULT_LANGUAGE_MAP[lng] ?? lng.toLowerCase()
}

/** English names for messages and translator comments. */
export function languageName(lng: string): string {
  try {
    return new Intl.DisplayNames(['en'], { type: 'language' }).of(lng) ?? lng
  } catch {
    return lng
  }
}
