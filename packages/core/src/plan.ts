import type { ResolvedL10nConfig } from './config.ts'
import { shortHash } from './hash.ts'
import { getEntry, type Lock, type LockEntry } from './lock.ts'
import { type PluralCategory, type PluralKey, parsePluralKey, pluralForms, pluralFormsKey, pluralKey } from './plurals.ts'
import type { Resources } from './resources.ts'

export type UnitState = 'up-to-date' | 'missing' | 'stale' | 'pending' | 'interim' | 'invalid' | 'obsolete' | 'adopted'

/** One target key in one language: what to translate from, and where it stands. */
export interface Unit {
  lng: string
  ns: string
  /** Key in the target file. */
  key: string
  /** Source key whose text is translated ('' for obsolete keys). */
  sourceKey: string
  /** Source text to translate. */
  text: string
  hash: string
  /** The text this target was translated from, per the lock (for diffs and stale entries). */
  baseline?: string
  plural?: { base: string; form: PluralCategory; ordinal: boolean; fromForm: PluralCategory }
  context?: string
  state: UnitState
  /** Current value in the target file. */
  value?: string
  entry?: LockEntry
}

export interface Plan {
  namespaces: string[]
  langs: string[]
  /** Every unit that needs attention or has a lock entry; plain up-to-date units are only counted (a no-op sync stays cheap). */
  units: Unit[]
  /** Per language: up-to-date units with no lock entry, not listed in `units`. */
  upToDate: Record<string, number>
}

interface Slot {
  key: string
  sourceKey: string
  plural?: Unit['plural']
}

interface PreparedSlot {
  slot: Slot
  text: string
  empty: boolean
  baseline?: string
  context?: string
  /** Translated from this very text (baseline === text): a present value with no lock entry is up to date. */
  same: boolean
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

function stateOf(
  value: string | undefined,
  text: string,
  hashOf: (text: string) => string,
  baseline: string | undefined,
  entry: LockEntry | undefined,
): UnitState {
  if (entry) {
    if (entry.s === 'stale') {
      if (value === undefined) return 'missing'
      return entry.h === hashOf(text) ? 'up-to-date' : 'stale'
    }
    if (entry.h === hashOf(text)) return entry.s
    return value === undefined ? 'missing' : 'stale'
  }
  if (value === undefined) return 'missing'
  if (baseline === undefined) return 'adopted'
  return baseline === text ? 'up-to-date' : 'stale'
}

/**
 * Pure: per key × target language, exactly one state. Every configured target
 * language is planned (the lock's baselines move for all of them); `langs`
 * only limits what a run orders.
 */
export function plan(config: ResolvedL10nConfig, resources: Resources, lock: Lock): Plan {
  const sep = config.i18next.pluralSeparator
  const units: Unit[] = []
  const upToDate: Record<string, number> = {}
  // Hashes are per source text, shared by every language: compute each once.
  const hashes = new Map<string, string>()
  const hashOf = (text: string) => {
    let h = hashes.get(text)
    if (h === undefined) hashes.set(text, (h = shortHash(text)))
    return h
  }
  const namespaces = [...resources.source.keys()]
  const langs = [...resources.targets.keys()]
  for (const ns of namespaces) {
    const source = resources.source.get(ns)
    if (!source) continue
    const context_ = resources.context.get(ns)
    const sourceKeys = source.entries.map((e) => e.key)
    const parsed = sourceKeys.map((k) => parsePluralKey(k, sep))
    const lockStrings = lock.strings[ns]
    // Languages with the same plural forms share one slot list, with everything that does not depend on the language.
    const slotCache = new Map<string, PreparedSlot[]>()
    // A slot key means the same in every language: prepare each once per namespace.
    const preparedByKey = new Map<string, PreparedSlot>()
    for (const lng of langs) {
      const target = resources.targets.get(lng)?.get(ns)
      const values = target?.values ?? new Map<string, string>()
      const formsKey = pluralFormsKey(lng)
      let prepared = slotCache.get(formsKey)
      if (!prepared) {
        prepared = slotsFor(sourceKeys, lng, sep, parsed).map((slot) => {
          const known = preparedByKey.get(slot.key)
          if (known) return known
          const text = source.values.get(slot.sourceKey) ?? ''
          const baseline =
            lockStrings?.[slot.sourceKey] ??
            (slot.plural ? lockStrings?.[pluralKey(slot.plural.base, 'other', slot.plural.ordinal, sep)] : undefined)
          const context =
            context_?.get(slot.sourceKey) ?? (slot.plural ? context_?.get(slot.plural.base) : undefined) ?? context_?.get(slot.key)
          const p: PreparedSlot = { slot, text, empty: !/\S/.test(text), baseline, context, same: baseline === text }
          preparedByKey.set(slot.key, p)
          return p
        })
        slotCache.set(formsKey, prepared)
      }
      const entries = lock.targets[lng]?.[ns]
      let found = 0
      for (const { slot, text, empty, baseline, context, same } of prepared) {
        const value = values.get(slot.key)
        if (value !== undefined) found++
        if (empty) continue // nothing to translate
        const entry = entries?.[slot.key]
        if (same && !entry && value) {
          // The common case (a non-empty value, no lock entry, translated from this text), decided without stateOf.
          upToDate[lng] = (upToDate[lng] ?? 0) + 1
          continue
        }
        const state = stateOf(value, text, hashOf, baseline, entry)
        if (state === 'up-to-date' && !entry) {
          upToDate[lng] = (upToDate[lng] ?? 0) + 1
          continue
        }
        units.push({
          lng,
          ns,
          key: slot.key,
          sourceKey: slot.sourceKey,
          text,
          hash: hashOf(text),
          baseline,
          plural: slot.plural,
          context,
          state,
          value,
          entry,
        })
      }
      if (found === values.size) continue // every value belongs to a slot: nothing obsolete
      const planned = new Set(prepared.map((p) => p.slot.key))
      for (const [key, value] of values) {
        if (planned.has(key)) continue
        units.push({ lng, ns, key, sourceKey: '', text: '', hash: '', state: 'obsolete', value, entry: getEntry(lock, lng, ns, key) })
      }
    }
  }
  return { namespaces, langs, units, upToDate }
}

export interface LanguageCounts {
  total: number
  translated: number
  missing: number
  stale: number
  pending: number
  interim: number
  invalid: number
  obsolete: number
  adopted: number
}

export function emptyCounts(): LanguageCounts {
  return { total: 0, translated: 0, missing: 0, stale: 0, pending: 0, interim: 0, invalid: 0, obsolete: 0, adopted: 0 }
}

/** Per-language counts. `translated` counts up-to-date and adopted values; interim text is not done. */
export function countUnits(plan: Pick<Plan, 'units' | 'upToDate'>, langs: string[]): Record<string, LanguageCounts> {
  const out: Record<string, LanguageCounts> = {}
  for (const lng of langs) {
    const n = plan.upToDate[lng] ?? 0
    out[lng] = { ...emptyCounts(), total: n, translated: n }
  }
  for (const u of plan.units) {
    const c = out[u.lng]
    if (!c) continue
    if (u.state === 'obsolete') {
      c.obsolete++
      continue
    }
    c.total++
    if (u.state === 'up-to-date' || u.state === 'adopted') c.translated++
    if (u.state === 'adopted') c.adopted++
    if (u.state === 'missing') c.missing++
    if (u.state === 'stale') c.stale++
    if (u.state === 'pending') c.pending++
    if (u.state === 'interim') c.interim++
    if (u.state === 'invalid') c.invalid++
  }
  return out
}

/** States that keep a key from being done (a release gate, `status --check`, `strict`). */
export const NOT_DONE_STATES: ReadonlySet<UnitState> = new Set(['missing', 'stale', 'pending', 'interim', 'invalid'])

export interface NotDoneKey {
  lng: string
  ns: string
  key: string
  state: UnitState
  jobId?: string
}

/** Every key in `langs` that is not done. */
export function notDoneKeys(plan: Pick<Plan, 'units'>, langs: readonly string[]): NotDoneKey[] {
  return plan.units
    .filter((u) => langs.includes(u.lng) && NOT_DONE_STATES.has(u.state))
    .map((u) => ({ lng: u.lng, ns: u.ns, key: u.key, state: u.state, ...(u.entry?.job && { jobId: u.entry.job }) }))
}
