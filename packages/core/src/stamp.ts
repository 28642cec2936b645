import { createHash } from 'node:crypto'
import { existsSync, readFileSync } from 'node:fs'
import { mkdir, stat, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import type { ResolvedL10nConfig } from './config.ts'
import { discoverNamespaces, localePath } from './resources.ts'

/**
 * A fingerprint of everything a sync reads on this machine: the resolved config, the run's
 * options, and the size, modification time and inode of the config file, the lock and every
 * source, target and context file (atomic writes change the inode). Only stats, no reads.
 */
export async function inputsStamp(config: ResolvedL10nConfig, options: unknown = {}): Promise<string> {
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
  return createHash('sha1').update(JSON.stringify({ config, options, parts })).digest('hex')
}

/** Where the last complete run's result is kept: the nearest node_modules/.cache (as Vite and Babel keep theirs); none without one. */
function cacheFile(config: ResolvedL10nConfig): string | undefined {
  for (let dir = config.root; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'node_modules'))) {
      const id = createHash('sha1').update(`${config.root}\u0000${config.lockfile}`).digest('hex').slice(0, 16)
      return join(dir, 'node_modules', '.cache', 'l10n-sync', `${id}.json`)
    }
    if (dirname(dir) === dir) return undefined
  }
}

/**
 * The result of the last run, when it was complete and nothing it read has changed since (same stamp):
 * a new run would order, fetch and write nothing, and report the same counts. Only a cache: a missing,
 * unreadable or stale file means a full run.
 */
export async function freshResult<T>(config: ResolvedL10nConfig, options: unknown): Promise<{ stamp?: string; result?: T }> {
  const file = cacheFile(config)
  if (!file) return {}
  const stamp = await inputsStamp(config, options)
  try {
    const saved = JSON.parse(readFileSync(file, 'utf8')) as { stamp?: string; result?: T }
    return saved.stamp === stamp ? { stamp, result: saved.result } : { stamp }
  } catch {
    return { stamp }
  }
}

/** Remembers a complete run's result under the stamp of what it leaves on disk. Best effort. */
export async function rememberResult(config: ResolvedL10nConfig, options: unknown, result: unknown): Promise<void> {
  const file = cacheFile(config)
  if (!file) return
  try {
    const stamp = await inputsStamp(config, options)
    await mkdir(dirname(file), { recursive: true })
    await writeFile(file, JSON.stringify({ stamp, result }))
  } catch {
    // A read-only cache directory: every run is a full one.
  }
}
