import type { ResolvedL10nConfig } from '../config/config.ts'
import type { FlatEntry, OtherLeaf, Path } from '../files/flatten.ts'
import { compact, otherConflict, setPath } from '../files/flatten.ts'
import { stringifyTree, type Tree, type TreeObject } from '../files/json.ts'
import type { Resources } from '../files/resources.ts'
import { slotsFor } from './plan.ts'
import { type PluralCategory, parsePluralKey, pluralKey } from './plurals.ts'

export interface FileChange {
  lng: string
  ns: string
  file: string
  name: string
  /** New content, or undefined to leave the file alone (it would be empty and does not exist). */
  content?: string
  /** The file's text, to compare with (only for a file with new content). */
  before?: string
  values: Map<string, string>
}

export interface ApplyInput {
  /** lng → ns → key → value. */
  writes: Map<string, Map<string, Map<string, string>>>
  /** lng → ns → keys to delete (pruned obsolete keys, stale values with keepStale false). */
  deletes: Map<string, Map<string, Set<string>>>
}

/** Where a target key sits in the tree: the source's path, plural forms beside their group. */
function targetPath(config: ResolvedL10nConfig, byKey: Map<string, FlatEntry>, key: string, sourceKey: string): Path {
  const sep = config.i18next.keySeparator
  const entry = byKey.get(sourceKey)
  if (!entry) return sep === false ? [key] : key.split(sep)
  if (key === sourceKey) return entry.path
  const last = entry.path[entry.path.length - 1]
  const p = typeof last === 'string' ? parsePluralKey(last, config.i18next.pluralSeparator) : undefined
  const tp = parsePluralKey(key, config.i18next.pluralSeparator)
  if (!p || !tp) return sep === false ? [key] : key.split(sep)
  return [...entry.path.slice(0, -1), pluralKey(p.base, tp.form, tp.ordinal, config.i18next.pluralSeparator)]
}

/** Puts a non-string leaf back at its path; each object on the way keeps its place after the nearest earlier sibling still there. */
function putBack(tree: TreeObject, leaf: OtherLeaf, file: string): void {
  let node: Tree = tree
  for (let i = 0; i < leaf.path.length; i++) {
    const seg = leaf.path[i] as string | number
    const leafLevel = i === leaf.path.length - 1
    if (Array.isArray(node)) {
      if (leafLevel) node.splice(seg as number, 0, leaf.value)
      else node = (node[seg as number] ??= typeof leaf.path[i + 1] === 'number' ? [] : new Map()) as Tree
    } else if (node instanceof Map) {
      const child = node.get(String(seg))
      if (leafLevel && child !== undefined) throw otherConflict(file, leaf)
      if (child === undefined) {
        const value: Tree = leafLevel ? leaf.value : typeof leaf.path[i + 1] === 'number' ? [] : new Map()
        insertAfter(node, String(seg), value, leaf.at[i])
        node = value
      } else node = child
    }
    if (!leafLevel && !(node instanceof Map) && !Array.isArray(node)) throw otherConflict(file, leaf)
  }
}

function insertAfter(map: TreeObject, key: string, value: Tree, at: OtherLeaf['at'][number] | undefined): void {
  let prev: string | undefined
  for (let j = (at?.index ?? 0) - 1; j >= 0 && prev === undefined; j--) if (map.has(at?.keys[j] as string)) prev = at?.keys[j]
  const entries = [...map]
  entries.splice(prev === undefined ? 0 : entries.findIndex(([k]) => k === prev) + 1, 0, [key, value])
  map.clear()
  for (const [k, v] of entries) map.set(k, v)
}

const FORMS: readonly PluralCategory[] = ['zero', 'one', 'two', 'few', 'many', 'other']
const groupOf = (p: { base: string; ordinal: boolean }) => `${p.base}\u0000${p.ordinal}`

/** Target keys that are plural forms of a source group the language does not have, per group (in the target's order). */
function unusedForms(
  config: ResolvedL10nConfig,
  slots: ReturnType<typeof slotsFor>,
  values: Map<string, string>,
): Map<string, [string, PluralCategory][]> {
  const out = new Map<string, [string, PluralCategory][]>()
  const keys = new Set(slots.map((s) => s.key))
  const groups = new Set(slots.flatMap((s) => (s.plural ? [groupOf(s.plural)] : [])))
  for (const key of values.keys()) {
    const pk = keys.has(key) ? undefined : parsePluralKey(key, config.i18next.pluralSeparator)
    if (!pk || !groups.has(groupOf(pk))) continue
    out.set(groupOf(pk), [...(out.get(groupOf(pk)) ?? []), [key, pk.form]])
  }
  return out
}

/**
 * Pure: the new content of every target file. Keys follow the source's order
 * and nesting, plural forms sit where the source's group is, and the source
 * file's indentation and final newline are kept.
 */
export function renderTargets(config: ResolvedL10nConfig, resources: Resources, input: ApplyInput): FileChange[] {
  const changes: FileChange[] = []
  for (const [lng, perNs] of resources.targets) {
    for (const [ns, target] of perNs) {
      const source = resources.source.get(ns)
      if (!source) continue
      const writes = input.writes.get(lng)?.get(ns)
      const deletes = input.deletes.get(lng)?.get(ns)
      if (!writes?.size && !deletes?.size) {
        // Untouched: leave the file exactly as it is (no reformatting of files we do not change).
        changes.push({ lng, ns, file: target.file, name: target.name, content: undefined, values: target.values })
        continue
      }
      const values = new Map(target.values)
      for (const [k, v] of writes ?? []) values.set(k, v)
      for (const k of deletes ?? []) values.delete(k)
      const byKey = new Map(source.entries.map((e) => [e.key, e]))
      const tree: TreeObject = new Map()
      const placed = new Set<string>()
      const slots = slotsFor(
        source.entries.map((e) => e.key),
        lng,
        config.i18next.pluralSeparator,
      )
      const unused = unusedForms(config, slots, values)
      for (const slot of slots) {
        // A kept plural form the language does not have (ja `items_one`) sits in its group, in CLDR order.
        for (const [key, form] of slot.plural ? (unused.get(groupOf(slot.plural)) ?? []) : []) {
          if (placed.has(key) || FORMS.indexOf(form) > FORMS.indexOf(slot.plural?.form ?? 'other')) continue
          setPath(tree, targetPath(config, byKey, key, slot.sourceKey), values.get(key) as string)
          placed.add(key)
        }
        const value = values.get(slot.key)
        if (value === undefined) continue
        setPath(tree, targetPath(config, byKey, slot.key, slot.sourceKey), value)
        placed.add(slot.key)
      }
      // Keys the source no longer has (kept when prune is false) go after, where the target had them.
      for (const e of target.entries) {
        if (placed.has(e.key) || !values.has(e.key)) continue
        setPath(tree, e.path, values.get(e.key) as string)
        placed.add(e.key)
      }
      compact(tree)
      // What is not ours (numbers, booleans, null) stays where it was; a string written there now wins (null is untranslated).
      for (const o of target.others ?? []) if (!values.has(o.key)) putBack(tree, o, target.name)
      const content = target.text === undefined && tree.size === 0 ? undefined : stringifyTree(tree, source.format)
      changes.push({ lng, ns, file: target.file, name: target.name, content, before: target.text, values })
    }
  }
  return changes
}
