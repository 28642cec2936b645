import type { ResolvedL10nConfig } from './config/config.ts'
import { readResources } from './files/resources.ts'
import type { CoreIO } from './io.ts'
import { readLock } from './lock/lock.ts'

type NamespaceDiff = { added: string[]; removed: string[]; changed: { key: string; from: string; to: string }[] }

export interface SourceDiff {
  /** Per namespace: keys added, removed and changed since the last sync. */
  namespaces: Record<string, NamespaceDiff>
  /** json-diff's text rendering, one block per namespace with changes. */
  text: string
  changed: boolean
}

type JsonDiff = typeof import('json-diff')

const ADDED = '__added'
const DELETED = '__deleted'

/**
 * One namespace's flat strings compared by json-diff, read back from its structured output
 * (`key__deleted`, `key__added`, `key: { __old, __new }`). The keys go in JSON-quoted, so none can
 * pass for one of those suffixes or be `__proto__`/`constructor`; `shown` is the same output with
 * the keys unquoted, for json-diff's renderer.
 */
function diffStrings(
  jsonDiff: JsonDiff,
  before: Record<string, string>,
  after: Record<string, string>,
): NamespaceDiff & { shown: Record<string, unknown> | undefined } {
  const quoted = (strings: Record<string, string>) => Object.fromEntries(Object.entries(strings).map(([k, v]) => [JSON.stringify(k), v]))
  const result: Record<string, unknown> | undefined = jsonDiff.diff(quoted(before), quoted(after))
  const out: NamespaceDiff = { added: [], removed: [], changed: [] }
  if (!result) return { ...out, shown: undefined }
  const shown: Record<string, unknown> = Object.create(null)
  for (const [entry, value] of Object.entries(result)) {
    if (entry.endsWith('"')) {
      const key = JSON.parse(entry) as string
      const { __old: from, __new: to } = value as { __old: string; __new: string }
      out.changed.push({ key, from, to })
      shown[key] = value
    } else if (entry.endsWith(ADDED)) {
      const key = JSON.parse(entry.slice(0, -ADDED.length)) as string
      out.added.push(key)
      shown[key + ADDED] = value
    } else {
      const key = JSON.parse(entry.slice(0, -DELETED.length)) as string
      out.removed.push(key)
      shown[key + DELETED] = value
    }
  }
  // json-diff lists changed keys in the old order; report them in the source's.
  const at = new Map(Object.keys(after).map((key, i) => [key, i]))
  out.changed.sort((a, b) => (at.get(a.key) ?? 0) - (at.get(b.key) ?? 0))
  return { ...out, shown }
}

/** Source strings changed since the last sync (the lock's baseline), via json-diff. No network. */
export async function diffSource(
  config: ResolvedL10nConfig,
  options: { namespaces?: string[]; color?: boolean } & Pick<CoreIO, 'fs'> = {},
): Promise<SourceDiff> {
  const [resources, { lock }, { default: jsonDiff }] = await Promise.all([
    readResources(config, { namespaces: options.namespaces, fs: options.fs }),
    readLock(config, options.fs),
    import('json-diff'), // only `l10n diff` needs it: not loaded at every start-up
  ])
  const out: SourceDiff = { namespaces: {}, text: '', changed: false }
  const blocks: string[] = []
  for (const [ns, file] of resources.source) {
    const before: Record<string, string> = { ...(lock.strings[ns] ?? {}) }
    const after: Record<string, string> = Object.fromEntries(file.entries.map((e) => [e.key, e.value]))
    const { shown, ...changes } = diffStrings(jsonDiff, before, after)
    out.namespaces[ns] = changes
    if (shown) blocks.push(`${ns} (${file.name})\n${jsonDiff.colorize(shown, { color: options.color ?? false }).trimEnd()}`)
  }
  out.text = blocks.join('\n\n')
  out.changed = blocks.length > 0
  return out
}
