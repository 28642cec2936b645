/** Gengo's language list (gengo-api.md), unit types, language pairs and a price table. */

export interface Language {
  language: string
  localized_name: string
  lc: string
  unit_type: 'word' | 'character'
}

const LIST: [lc: string, language: string, localized: string][] = [
  ['ar', 'Arabic', 'العربية'],
  ['bg', 'Bulgarian', 'Български'],
  ['cs', 'Czech', 'Čeština'],
  ['da', 'Danish', 'Dansk'],
  ['de', 'German', 'Deutsch'],
  ['el', 'Greek', 'Ελληνικά'],
  ['en', 'English', 'English'],
  ['en-gb', 'English (British)', 'English (British)'],
  ['es', 'Spanish (Spain)', 'Español'],
  ['es-la', 'Spanish (Latin America)', 'Español (Latinoamérica)'],
  ['fi', 'Finnish', 'Suomi'],
  ['fr', 'French', 'Français'],
  ['fr-ca', 'French (Canada)', 'Français (Canada)'],
  ['he', 'Hebrew', 'עברית'],
  ['hi', 'Hindi', 'हिन्दी'],
  ['hu', 'Hungarian', 'Magyar'],
  ['id', 'Indonesian', 'Bahasa Indonesia'],
  ['it', 'Italian', 'Italiano'],
  ['ja', 'Japanese', '日本語'],
  ['ko', 'Korean', '한국어'],
  ['ms', 'Malay', 'Bahasa Melayu'],
  ['nl', 'Dutch', 'Nederlands'],
  ['no', 'Norwegian', 'Norsk'],
  ['pl', 'Polish', 'Polski'],
  ['pt', 'Portuguese (Europe)', 'Português Europeu'],
  ['pt-br', 'Portuguese (Brazil)', 'Português Brasileiro'],
  ['ro', 'Romanian', 'Română'],
  ['ru', 'Russian', 'Русский'],
  ['sk', 'Slovak', 'Slovenčina'],
  ['sr', 'Serbian', 'Српски'],
  ['sv', 'Swedish', 'Svenska'],
  ['th', 'Thai', 'ภาษาไทย'],
  ['tl', 'Tagalog', 'Tagalog'],
  ['tr', 'Turkish', 'Türkçe'],
  ['uk', 'Ukrainian', 'Українська'],
  ['vi', 'Vietnamese', 'Tiếng Việt'],
  ['zh', 'Chinese (Simplified)', '中文'],
  ['zh-tw', 'Chinese (Traditional)', '繁體中文'],
]

const CHARACTER = new Set(['ja', 'ko', 'zh', 'zh-tw'])

export const LANGUAGES: readonly Language[] = LIST.map(([lc, language, localized_name]) => ({
  language,
  localized_name,
  lc,
  unit_type: CHARACTER.has(lc) ? 'character' : 'word',
}))

const CODES = new Set(LIST.map(([lc]) => lc))

export function isLanguage(lc: string): boolean {
  return CODES.has(lc)
}

export function unitType(lc: string): 'word' | 'character' {
  return CHARACTER.has(lc) ? 'character' : 'word'
}

export const TIERS = ['standard', 'pro'] as const
export const LEGACY_TIERS = ['machine', 'ultra'] as const

/** Hubs that translate to and from every language; other pairs are not offered. */
const HUBS = new Set(['en', 'ja', 'zh', 'es', 'fr', 'de'])

export function isPair(lcSrc: string, lcTgt: string): boolean {
  if (!isLanguage(lcSrc) || !isLanguage(lcTgt) || lcSrc === lcTgt) return false
  return HUBS.has(lcSrc) || HUBS.has(lcTgt)
}

/**
 * Gengo's published prices, from the examples in its API docs: 0.05 per word (standard),
 * 0.10 (pro), 0.15 (ultra) from a word language (de → en, en → ja, a 324-word quote at 16.20);
 * 0.03 / 0.06 / 0.09 per character from a character language (ja → en, ja → es).
 */
function publishedPrice(lcSrc: string, tier: string): number {
  const factor = tier === 'pro' ? 2 : tier === 'ultra' ? 3 : 1
  return (unitType(lcSrc) === 'character' ? 0.03 : 0.05) * factor
}

/** USD per unit. Character languages are priced per character, hence lower. `published`: Gengo's documented prices. */
export function unitPrice(lcSrc: string, lcTgt: string, tier: string, published = false): number {
  if (tier === 'machine') return 0
  if (published) return Math.round(publishedPrice(lcSrc, tier) * 10_000) / 10_000
  const base = unitType(lcSrc) === 'character' ? 0.03 : 0.06
  const rare = HUBS.has(lcTgt) ? 1 : 1.25
  const factor = tier === 'pro' ? 2 : tier === 'ultra' ? 3 : 1
  return Math.round(base * rare * factor * 10_000) / 10_000
}

export function languagePairs(lcSrc?: string, published = false) {
  const out: { lc_src: string; lc_tgt: string; tier: string; unit_price: number; currency: string }[] = []
  for (const [src] of LIST) {
    if (lcSrc && src !== lcSrc) continue
    for (const [tgt] of LIST) {
      if (!isPair(src, tgt)) continue
      for (const tier of TIERS)
        out.push({ lc_src: src, lc_tgt: tgt, tier, unit_price: unitPrice(src, tgt, tier, published), currency: 'USD' })
    }
  }
  return out
}

/** Removes `[[[ ... ]]]` segments: they are not translated and not counted. */
export function stripProtected(text: string): string {
  return text.replace(/\[\[\[[\s\S]*?\]\]\]/g, ' ')
}

/** Units as Gengo counts them: words, or characters for character languages; no punctuation, symbols or spaces. */
export function countUnits(text: string, lcSrc: string): number {
  const plain = stripProtected(text)
  if (unitType(lcSrc) === 'character') return (plain.match(/[\p{L}\p{N}]/gu) ?? []).length
  return (plain.match(/[\p{L}\p{N}]+(?:['’\-.][\p{L}\p{N}]+)*/gu) ?? []).length
}

export function creditsFor(units: number, lcSrc: string, lcTgt: string, tier: string, published = false): number {
  return Math.round(units * unitPrice(lcSrc, lcTgt, tier, published) * 100) / 100
}
