import { createRequire } from 'node:module'
import type { i18n } from 'i18next'

export type PluralCategory = 'zero' | 'one' | 'two' | 'few' | 'many' | 'other'
export const CATEGORIES: readonly PluralCategory[] = ['zero', 'one', 'two', 'few', 'many', 'other']

let resolver: { getSuffixes(code: string, options?: { ordinal?: boolean }): string[] } | undefined

/**
 * i18next's own plural resolver, from a real i18next instance. i18next is loaded on first use (its CommonJS build, the same
 * resolver): a run whose namespaces the sums file proves clean never plans a plural, and starts without it.
 */
function pluralResolver() {
  if (!resolver) {
    const i18next = createRequire(import.meta.url)('i18next') as i18n
    const instance = i18next.createInstance()
    instance.init({ lng: 'en', resources: {}, initAsync: false, pluralSeparator: '_' })
    resolver = instance.services.pluralResolver as NonNullable<typeof resolver>
  }
  return resolver
}

const formsCache = new Map<string, PluralCategory[]>()

/** The plural forms i18next looks up for a language, in i18next's order (ru: one, few, many, other). */
export function pluralForms(lng: string, ordinal = false): PluralCategory[] {
  const cacheKey = `${lng}|${ordinal}`
  let forms = formsCache.get(cacheKey)
  if (!forms) {
    forms = pluralResolver()
      .getSuffixes(lng, { ordinal })
      .map((s) => s.replace(/^_(ordinal_)?/, '') as PluralCategory)
    formsCache.set(cacheKey, forms)
  }
  return forms
}

/** Example counts for a form, for the translator (ru few: 2, 3, 4, 22, 23). */
export function exampleCounts(lng: string, form: PluralCategory, ordinal = false, max = 5): number[] {
  const rules = new Intl.PluralRules(lng, { type: ordinal ? 'ordinal' : 'cardinal' })
  const out: number[] = []
  for (let n = 0; n <= 1_000_000 && out.length < max; n = n < 200 ? n + 1 : n * 10) {
    if (rules.select(n) === form) out.push(n)
  }
  return out
}

export interface PluralKey {
  base: string
  form: PluralCategory
  ordinal: boolean
}

const CATEGORY_SET: ReadonlySet<string> = new Set(CATEGORIES)

/** The forms of a language, cardinal and ordinal, as one cache key: languages with equal keys plan alike. */
const formsKeyCache = new Map<string, string>()
export function pluralFormsKey(lng: string): string {
  let key = formsKeyCache.get(lng)
  if (key === undefined) formsKeyCache.set(lng, (key = `${pluralForms(lng).join()}|${pluralForms(lng, true).join()}`))
  return key
}

/** Splits `items_one` / `place_ordinal_two` into base and form, when it is one. */
export function parsePluralKey(key: string, sep: string): PluralKey | undefined {
  // One lookup of the text after the last separator instead of a suffix test per category,
  // when no category name holds the separator (the default '_' never does).
  if (sep !== '' && !CATEGORIES.some((c) => c.includes(sep))) {
    const i = key.lastIndexOf(sep)
    if (i < 0 || !CATEGORY_SET.has(key.slice(i + sep.length))) return undefined
  }
  for (const form of CATEGORIES) {
    const suffix = `${sep}${form}`
    if (!key.endsWith(suffix)) continue
    const rest = key.slice(0, -suffix.length)
    if (rest === '') return undefined
    const ord = `${sep}ordinal`
    if (rest.endsWith(ord) && rest.length > ord.length) return { base: rest.slice(0, -ord.length), form, ordinal: true }
    return { base: rest, form, ordinal: false }
  }
  return undefined
}

export function pluralKey(base: string, form: PluralCategory, ordinal: boolean, sep: string): string {
  return ordinal ? `${base}${sep}ordinal${sep}${form}` : `${base}${sep}${form}`
}

/** One target key of a language: the source key it is translated from, and its plural form. */
export interface Slot {
  key: string
  sourceKey: string
  plural?: { base: string; form: PluralCategory; ordinal: boolean; fromForm: PluralCategory }
}

/**
 * The target keys a language needs for one namespace, in source order, plural groups expanded to its CLDR forms.
 * `parsed`: `parsePluralKey` of each source key, when the caller has it already (it does not depend on the language).
 */
export function slotsFor(
  sourceKeys: string[],
  lng: string,
  sep: string,
  parsed: (PluralKey | undefined)[] = sourceKeys.map((k) => parsePluralKey(k, sep)),
): Slot[] {
  const keySet = new Set(sourceKeys)
  const groups = new Map<string, { ordinal: boolean; forms: Set<PluralCategory> }>()
  for (const p of parsed) {
    if (!p) continue
    if (!keySet.has(pluralKey(p.base, 'other', p.ordinal, sep))) continue
    const id = `${p.base}\u0000${p.ordinal}`
    const g = groups.get(id) ?? { ordinal: p.ordinal, forms: new Set() }
    g.forms.add(p.form)
    groups.set(id, g)
  }
  const slots: Slot[] = []
  const emitted = new Set<string>()
  for (const [i, key] of sourceKeys.entries()) {
    const p = parsed[i]
    const id = p ? `${p.base}\u0000${p.ordinal}` : ''
    const group = p ? groups.get(id) : undefined
    if (!p || !group) {
      slots.push({ key, sourceKey: key })
      continue
    }
    if (emitted.has(id)) continue
    emitted.add(id)
    const forms = [...pluralForms(lng, group.ordinal)]
    if (group.forms.has('zero') && !forms.includes('zero')) forms.unshift('zero') // i18next uses _zero for count 0 in every language
    for (const form of forms) {
      const fromForm: PluralCategory = group.forms.has(form) ? form : 'other'
      slots.push({
        key: pluralKey(p.base, form, group.ordinal, sep),
        sourceKey: pluralKey(p.base, fromForm, group.ordinal, sep),
        plural: { base: p.base, form, ordinal: group.ordinal, fromForm },
      })
    }
  }
  return slots
}
