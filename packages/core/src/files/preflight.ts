import { constants } from 'node:fs'
import { basename, dirname, isAbsolute, join, relative, sep } from 'node:path'
import type { ResolvedL10nConfig } from '../config/config.ts'
import { L10nError } from '../errors.ts'
import { type FileSystem, nodeFileSystem } from '../io.ts'
import { otherConflict } from './flatten.ts'
import { localePath, type Resources } from './resources.ts'

/** Whether `path` is `root` or inside it (both absolute, already resolved). */
function isInside(root: string, path: string): boolean {
  const rel = relative(root, path)
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel))
}

/**
 * Checks one path that a sync may write (atomically: a temp file beside it, then a rename):
 * it resolves inside the project (symlinks followed), is not a directory, sits under a
 * directory (not a file), and that directory and the file are writable. Synchronous calls: a project of 200 target
 * files made 1200 thread-pool round trips one after the other (70 ms of a first run at 10k × 20, the CPU idle).
 */
function checkWritable(config: ResolvedL10nConfig, file: string, what: string, realRoot?: string, fs: FileSystem = nodeFileSystem): void {
  const { accessSync: access, lstatSync: lstat, statSync: stat } = fs
  const realpath = (path: string) => fs.realpathSync.native(path)
  const name = relative(config.root, file)
  const fail = (message: string, cause?: unknown) => new L10nError('L10N_FS', `${name} (${what}) ${message}`, { file: name, cause })
  realRoot ??= realpath(config.root)
  if (!isInside(config.root, file)) throw fail('is outside the project; l10n-sync writes nowhere else. Fix `files` or `lockfile`.')
  // The nearest part of the path that exists; everything under it will be created.
  let existing = file
  for (;;) {
    try {
      lstat(existing)
      break
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code
      if (code === 'ENOTDIR')
        throw fail(
          `cannot be created: ${relative(config.root, dirname(existing))} is a file, where a directory should be. Move it away.`,
          error,
        )
      if (code !== 'ENOENT') throw fail(`cannot be checked: ${(error as Error).message}.`, error)
      const up = dirname(existing)
      if (up === existing) break
      existing = up
    }
  }
  let real: string
  try {
    real = realpath(existing)
  } catch (error) {
    throw fail(`resolves through a broken symlink (${relative(config.root, existing)}). Remove the link.`, error)
  }
  if (!isInside(realRoot, real)) {
    throw fail(
      `resolves through a symlink to ${real}, outside the project; l10n-sync writes nowhere else. Replace the link with a real ${existing === file ? 'file' : 'directory'}.`,
    )
  }
  const st = stat(real)
  if (existing === file) {
    if (st.isDirectory()) throw fail('is a directory, where a file should be. Remove or rename the directory.')
    try {
      access(real, constants.W_OK)
    } catch (error) {
      throw fail('is not writable. Fix its permissions (chmod u+w).', error)
    }
    existing = dirname(file)
    real = realpath(existing)
  } else if (!st.isDirectory()) {
    throw fail(`cannot be created: ${relative(config.root, existing)} is a file, where a directory should be. Move it away.`)
  }
  try {
    access(real, constants.W_OK)
  } catch (error) {
    throw fail(
      `cannot be written: the directory ${relative(config.root, existing) || '.'} is not writable. Fix its permissions (chmod u+w).`,
      error,
    )
  }
}

/** Non-string leaves of the target files that a translation would overwrite or cut off: refused before anything is ordered. */
function checkOthers(config: ResolvedL10nConfig, resources: Resources, langs: string[]): void {
  const ks = config.i18next.keySeparator
  for (const lng of langs) {
    for (const [ns, target] of resources.targets.get(lng) ?? []) {
      if (!target.hasOthers) continue
      const source = resources.source.get(ns)
      if (!source) continue
      const keys = new Set(source.entries.map((e) => e.key))
      const prefixes = new Set<string>()
      if (ks !== false) {
        for (const k of keys) {
          const parts = k.split(ks)
          for (let i = 1; i < parts.length; i++) prefixes.add(parts.slice(0, i).join(ks))
        }
      }
      for (const leaf of target.others ?? []) {
        const parts = ks === false ? [leaf.key] : leaf.key.split(ks)
        const under = parts.some((_, i) => i > 0 && keys.has(parts.slice(0, i).join(ks as string)))
        if (prefixes.has(leaf.key) || under || (keys.has(leaf.key) && leaf.value !== null)) throw otherConflict(target.name, leaf)
      }
    }
  }
}

/** The in-flight journal's file (`lock/journal.ts`), beside the lock in `.l10n/`. */
export function inflightPath(config: ResolvedL10nConfig): string {
  return join(dirname(config.lockfile), '.l10n', `${basename(config.lockfile)}.inflight.json`)
}

/**
 * Everything local that can fail, checked before the first quote or POST (invariant 10):
 * every target file of the run, the lock and the in-flight journal are writable, inside the
 * project, and not blocked by a directory or a file; no target holds data a translation would overwrite.
 */
export async function preflight(
  config: ResolvedL10nConfig,
  resources: Resources,
  langs: string[],
  fs: FileSystem = nodeFileSystem,
): Promise<void> {
  checkOthers(config, resources, langs)
  const realRoot = fs.realpathSync.native(config.root)
  checkWritable(config, config.lockfile, 'the lock file', realRoot, fs)
  // The journal is written with the order intent, before the POST: a `.l10n/` that cannot take it must stop the run here.
  checkWritable(config, inflightPath(config), 'the in-flight journal', realRoot, fs)
  for (const lng of langs) {
    for (const ns of resources.source.keys())
      checkWritable(config, localePath(config, config.files, lng, ns), `the ${lng} ${ns} file`, realRoot, fs)
  }
}
