import { describe, expect, it } from 'vitest'
import { GENGO_LANGUAGES, toGengoLanguage } from '../../src/config/languages.ts'

describe('i18next codes → Gengo codes (issue 8)', () => {
  it('maps region and script codes without configuration', () => {
    const cases: Record<string, string> = {
      ja: 'ja',
      'ja-JP': 'ja',
      'ru-RU': 'ru',
      'de-DE': 'de',
      'pl-PL': 'pl',
      'ar-SA': 'ar',
      'ko-KR': 'ko',
      'pt-BR': 'pt-br',
      'pt-br': 'pt-br',
      'pt-PT': 'pt',
      'zh-Hans': 'zh',
      'zh-CN': 'zh',
      'zh-TW': 'zh-tw',
      'zh-Hant': 'zh-tw',
      'zh-Hant-HK': 'zh-tw',
      'zh-Hans-HK': 'zh',
      'es-419': 'es-la',
      'es-AR': 'es-la',
      'es-ES': 'es',
      'fr-CA': 'fr-ca',
      'fr-BE': 'fr',
      'en-GB': 'en-gb',
      nb: 'no',
      'nb-NO': 'no',
      fil: 'tl',
      'uk-UA': 'uk',
      pt_BR: 'pt-br',
    }
    for (const [lng, gengo] of Object.entries(cases)) expect([lng, toGengoLanguage(lng, {})]).toEqual([lng, gengo])
  })

  it('lets languageMap override every rule, and leaves unknown codes for the language-pair check to name', () => {
    expect(toGengoLanguage('es-419', { 'es-419': 'es' })).toBe('es')
    expect(toGengoLanguage('ja-JP', { 'ja-JP': 'ja' })).toBe('ja')
    expect(toGengoLanguage('xx-YY', {})).toBe('xx-yy')
    expect(GENGO_LANGUAGES.has(toGengoLanguage('tlh', {}))).toBe(false)
  })
})
