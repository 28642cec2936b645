import type { ResolvedL10nConfig } from './config.ts'
import { readLock } from './lock.ts'
import { readResources } from './resources.ts'

export interface SourceDiff {
  /** Per namespace: keys added, removed and changed since the last sync. */
  namespaces: Record<string, { added: string[]; removed: string[]; changed: { key: string; from: string; to: string }[] }>
  /** json-diff's text rendering, one block per namespace with changes. */
  text: string
  changed: boolean
}

/** Source strings changed since the last sync (the lock's baseline), via json-diff. No network. */
export async function diffSource(
  config: ResolvedL10nConfig,
  options: { namespaces?: string[]; color?: boolean } = {},
): Promise<SourceDiff> {
  const [resources, { lock }, { default: jsonDiff }] = await Promise.all([
    readResources(config, { namespaces: options.namespaces }),
    readLock(config),
    import('json-diff'), // only `l10n diff` needs it: not loaded at every start-up
  ])
  const out: SourceDiff = { namespaces: {}, text: '', changed: false }
  const blocks: string[] = []
  for (const [ns, file] of resources.source) {
    const before: Record<string, string> = { ...(lock.strings[ns] ?? {}) }
    const after: Record<string, string> = Object.fromEntries(file.entries.map((e) => [e.key, e.value]))
    const added = Object.keys(after).filter((k) => !(k in before))
    const removed = Object.keys(before).filter((k) => !(k in after))
    const changed = Object.keys(after)
      .filter((k) => k in before && before[k] !== after[k])
      .map((key) => ({ key, from: before[key] as string, to: after[key] as string }))
    out.namespaces[ns] = { added, removed, changed }
    const text = jsonDiff.diffString(before, after, { color: options.color ?? false })
    if (text) blocks.push(`${ns} (${file.name})\n${text.trimEnd()}`)
  }
  out.text = blocks.join('\n\n')
  out.changed = blocks.length > 0
  return out
}
