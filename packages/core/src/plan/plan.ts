import type { ResolvedL10nConfig } from '../config/config.ts'
import { type Path, stringAt } from '../files/flatten.ts'
import { shortHash } from '../files/hash.ts'
import type { Resources } from '../files/resources.ts'
import { getEntry, type Lock, type LockEntry } from '../lock/lock.ts'
import {
  type PluralCategory,
  type PluralKey,
  parsePluralKey,
  pluralForms,
  pluralFormsKey,
  pluralKey,
  type Slot,
  slotsFor,
} from './plurals.ts'

export { slotsFor }

import { addProven, type ProvenNamespace, SAME_AS_SOURCE } from './proven.ts'
import { type CheckedText, checkValue, sameAsSource } from './value-checks.ts'

export type UnitState = 'up-to-date' | 'missing' | 'stale' | 'pending' | 'interim' | 'invalid' | 'obsolete' | 'adopted' | 'broken'

/**
 * Something wrong with a value already in a target file: `broken` (a lost or invented
 * placeholder, a broken Trans tag, a plural form the language does not have) or
 * `same-as-source` (identical to the source text: reported, still counted as translated).
 */
export interface ValueProblem {
  lng: string
  ns: string
  key: string
  kind: 'broken' | 'same-as-source'
  problem: string
}

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
  /** The most characters (code points) the translation may have, from the context file's `maxChars`. */
  maxChars?: number
  state: UnitState
  /** Current value in the target file; undefined when absent, `""`, whitespace or not a string (untranslated). */
  value?: string
  entry?: LockEntry
  /** For `broken`: what is wrong with the value. */
  problem?: string
  /**
   * For an obsolete key that is a plural form of a source group the language does not have
   * (`ja` `items_one`): the form and the forms the language needs. i18next never reads it; it is
   * broken, kept by a plain sync (a person may have written it) and removed only under `--repair`.
   */
  unusedForm?: { form: PluralCategory; needs: PluralCategory[] }
  /** Why the unit must be ordered with Gengo's `force` (its last job was cancelled, rejected or deleted, which lazy loading would hand back). */
  force?: string
}

export interface Plan {
  namespaces: string[]
  langs: string[]
  /** Every unit that needs attention or has a lock entry; plain up-to-date units are only counted (a no-op sync stays cheap). */
  units: Unit[]
  /** Per language: up-to-date units with no lock entry, not listed in `units` (a proven namespace's count included). */
  upToDate: Record<string, number>
  /** The same per namespace (ns → lng → count), for the sums of a clean namespace (lock/sums.ts). */
  upToDateByNs: Record<string, Record<string, number>>
  /** Values in target files that are broken or identical to the source, in plan order. */
  problems: ValueProblem[]
}

interface PreparedSlot extends CheckedText {
  slot: Slot
  /** Where the key sits in a target laid out like the source (plural forms beside their group's): for `stringAt`. */
  path?: Path
  empty: boolean
  baseline?: string
  context?: string
  /** Translated from this very text (baseline === text): a present value with no lock entry is up to date. */
  same: boolean
}

const EMPTY: ReadonlyMap<string, string> = new Map()

/** The path of a slot's key in a target laid out like the source: the source key's, a plural form beside its group's. */
function targetPath(sourcePath: Path | undefined, slot: Slot, sep: string): Path | undefined {
  if (!sourcePath || !slot.plural || slot.key === slot.sourceKey) return sourcePath
  const last = parsePluralKey(String(sourcePath[sourcePath.length - 1]), sep)
  return last && [...sourcePath.slice(0, -1), pluralKey(last.base, slot.plural.form, slot.plural.ordinal, sep)]
}

/** `/\S/.test(s)`, answered from the first character in the usual case (a printable ASCII one). */
function hasText(s: string): boolean {
  const c = s.charCodeAt(0)
  return (c > 32 && c < 127) || /\S/.test(s)
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
 * What plans of the same sources, context files and lock share (a run plans one language at a time): each slot
 * prepared, each source text hashed once. Only for plans of those very inputs; a new plan, a new memo.
 */
export interface PlanMemo {
  hashes: Map<string, string>
  namespaces: Map<
    string,
    {
      sourceKeys: string[]
      parsed: (PluralKey | undefined)[]
      slotCache: Map<string, PreparedSlot[]>
      preparedByKey: Map<string, PreparedSlot>
      paths: Map<string, Path>
    }
  >
}

export const newPlanMemo = (): PlanMemo => ({ hashes: new Map(), namespaces: new Map() })

/**
 * Pure: per key × target language, exactly one state. Every configured target
 * language is planned (the lock's baselines move for all of them); `langs`
 * only limits what a run orders. `values` (lng → ns → key → value) stands in for the target
 * files' values where given: a run plans again what it has just written.
 */
export function plan(
  config: ResolvedL10nConfig,
  resources: Resources,
  lock: Lock,
  values?: ReadonlyMap<string, ReadonlyMap<string, ReadonlyMap<string, string>>>,
  proven?: ReadonlyMap<string, ProvenNamespace>,
  memo: PlanMemo = newPlanMemo(),
): Plan {
  const sep = config.i18next.pluralSeparator
  const o = config.i18next.interpolation
  const units: Unit[] = []
  const upToDate: Record<string, number> = {}
  const upToDateByNs: Record<string, Record<string, number>> = {}
  const problems: ValueProblem[] = []
  // Hashes are per source text, shared by every language: compute each once.
  const hashes = memo.hashes
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
    const limits = context_?.limits
    const lockStrings = lock.strings[ns]
    // Languages with the same plural forms share one slot list, with everything that does not depend on the language;
    // a slot key means the same in every language: each is prepared once per namespace (and per memo).
    let shared = memo.namespaces.get(ns)
    if (!shared) {
      const sourceKeys = source.entries.map((e) => e.key)
      const paths = new Map(source.entries.map((e) => [e.key, e.path]))
      shared = { sourceKeys, parsed: sourceKeys.map((k) => parsePluralKey(k, sep)), slotCache: new Map(), preparedByKey: new Map(), paths }
      memo.namespaces.set(ns, shared)
    }
    const { sourceKeys, parsed, slotCache, preparedByKey, paths } = shared
    for (const lng of langs) {
      const target = resources.targets.get(lng)?.get(ns)
      const given = values?.get(lng)?.get(ns)
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
          p.path = targetPath(paths.get(slot.sourceKey), slot, sep)
          if (limits)
            p.maxChars = limits.get(slot.sourceKey) ?? (slot.plural ? limits.get(slot.plural.base) : undefined) ?? limits.get(slot.key)
          preparedByKey.set(slot.key, p)
          return p
        })
        slotCache.set(formsKey, prepared)
      }
      const entries = lock.targets[lng]?.[ns]
      // A target read for this plan: each key looked up along its path; the key → value map only when that misses a leaf.
      let raws: (string | undefined)[] | undefined
      if (!given && target?.tree !== undefined) {
        const tree = target.tree
        raws = prepared.map((p) => (p.path ? stringAt(tree, p.path) : undefined))
        if (raws.reduce((n, r) => (r === undefined ? n : n + 1), 0) !== target.leaves) raws = undefined
      }
      const current: ReadonlyMap<string, string> = raws ? EMPTY : (given ?? target?.values ?? EMPTY)
      let found = 0
      let fresh = 0
      for (let i = 0; i < prepared.length; i++) {
        const p = prepared[i] as PreparedSlot
        const { slot, text, empty, baseline, context, same } = p
        const raw = raws ? raws[i] : current.get(slot.key)
        if (raw !== undefined) found++
        if (empty) continue // nothing to translate
        // "" (what i18next-parser writes for a key nobody translated yet) and whitespace are untranslated.
        const value = raw !== undefined && hasText(raw) ? raw : undefined
        const entry = entries?.[slot.key]
        // The common case (a value, no lock entry, translated from this very text) is decided without stateOf.
        let state: UnitState = same && !entry && value !== undefined ? 'up-to-date' : stateOf(value, text, hashOf, baseline, entry)
        let problem: string | undefined
        if ((state === 'up-to-date' || state === 'adopted') && value !== undefined) {
          problem = checkValue(p, value, o)
          if (problem) {
            state = 'broken'
            problems.push({ lng, ns, key: slot.key, kind: 'broken', problem })
          } else if (sameAsSource(p, value, o)) {
            problems.push({ lng, ns, key: slot.key, kind: 'same-as-source', problem: SAME_AS_SOURCE })
          }
        }
        if (state === 'up-to-date' && !entry) {
          fresh++
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
          ...(p.maxChars !== undefined && { maxChars: p.maxChars }),
          state,
          value,
          entry,
          ...(problem && { problem }),
        })
      }
      if (fresh > 0) upToDate[lng] = (upToDate[lng] ?? 0) + fresh
      ;(upToDateByNs[ns] ??= {})[lng] = fresh
      if (raws || found === current.size) continue // every value belongs to a slot: nothing obsolete
      const planned = new Set(prepared.map((p) => p.slot.key))
      const groups = new Set(prepared.flatMap((p) => (p.slot.plural ? [`${p.slot.plural.base}\u0000${p.slot.plural.ordinal}`] : [])))
      for (const [key, value] of current) {
        if (planned.has(key)) continue
        const pk = parsePluralKey(key, sep)
        const unused = pk && groups.has(`${pk.base}\u0000${pk.ordinal}`)
        const needs = unused ? [...pluralForms(lng, pk.ordinal)] : []
        const entry = getEntry(lock, lng, ns, key)
        units.push({ lng, ns, key, sourceKey: '', text: '', hash: '', state: 'obsolete', value, entry })
        if (unused) (units[units.length - 1] as Unit).unusedForm = { form: pk.form, needs }
        if (unused) {
          const problem = `plural form "${pk.form}" is not one ${lng} uses (it needs ${needs.join(', ')}); i18next never reads it. It is kept; sync --repair removes it`
          problems.push({ lng, ns, key, kind: 'broken', problem })
        }
      }
    }
  }
  addProven(proven, resources, langs, upToDate, problems)
  return { namespaces, langs, units, upToDate, upToDateByNs, problems }
}
