import { createHash } from 'node:crypto'
import { stat } from 'node:fs/promises'
import type { ResolvedL10nConfig } from './config.ts'
import { discoverNamespaces, localePath } from './resources.ts'

/**
 * A fingerprint of everything a sync reads on this machine: the resolved config, and the size
 * and modification time of the config file, the lock and every source, target and context
 * file. Only stats, no reads. Equal stamps before and after a complete sync mean a new sync
 * would order, fetch and write nothing (a build can skip it); any edit changes the stamp.
 */
export async function inputsStamp(config: ResolvedL10nConfig): Promise<string> {
  const namespaces = await discoverNamespaces(config)
  const files = [config.configFile, config.lockfile]
  for (const ns of namespaces) {
    for (const lng of [config.source, ...config.targets]) files.push(localePath(config, config.files, lng, ns))
    if (config.context) files.push(localePath(config, config.context, config.source, ns))
  }
  const parts = await Promise.all(
    files.map(async (file) => {
      if (!file) return '-'
      const s = await stat(file).catch(() => undefined)
      return s ? `${file}\u0000${s.size}\u0000${s.mtimeMs}\u0000${s.ino}` : `${file}\u0000missing`
    }),
  )
  return createHash('sha1').update(JSON.stringify({ config, parts })).digest('hex')
}
