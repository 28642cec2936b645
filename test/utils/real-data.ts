import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { ROOT } from './pack.ts'

/**
 * Real, published i18next locale files, fetched from npm at test time into a cache
 * (`node_modules/.cache/l10n-real-data`), so the repo holds none of their bytes and every
 * run uses exactly the published data (npm checks each tarball's integrity).
 */
export const REAL_DATA_CACHE = join(ROOT, 'node_modules', '.cache', 'l10n-real-data')

/** The unpacked `package/` folder of `name@version`, downloaded once. */
export function realPackage(name: string, version: string): string {
  const dir = join(REAL_DATA_CACHE, `${name.replace('/', '+')}@${version}`)
  const done = join(dir, '.complete')
  if (existsSync(done)) return join(dir, 'package')
  const tmp = `${dir}.tmp-${process.pid}`
  rmSync(tmp, { recursive: true, force: true })
  mkdirSync(tmp, { recursive: true })
  execFileSync('npm', ['pack', `${name}@${version}`, '--pack-destination', tmp, '--silent'], { stdio: 'pipe', timeout: 120_000 })
  const tgz = readdirSync(tmp).find((f) => f.endsWith('.tgz'))
  if (!tgz) throw new Error(`npm pack ${name}@${version} produced no tarball`)
  execFileSync('tar', ['xzf', join(tmp, tgz), '-C', tmp], { stdio: 'pipe' })
  rmSync(join(tmp, tgz))
  writeFileSync(join(tmp, '.complete'), `${name}@${version}\n`)
  rmSync(dir, { recursive: true, force: true })
  renameSync(tmp, dir)
  return join(dir, 'package')
}

/** A locale file from a package, as published (JSON text). */
export function readJsonFile(file: string): unknown {
  return JSON.parse(readFileSync(file, 'utf8'))
}

/** A locale bundled as an ES module (`export default {…}`), as rollup's JSON plugin emits it. */
export async function importJsonModule(file: string): Promise<unknown> {
  // Copy to .mjs so Node loads it as ESM without a package.json "type".
  const mjs = `${file}.l10n-test.mjs`
  if (!existsSync(mjs)) writeFileSync(mjs, readFileSync(file))
  return ((await import(pathToFileURL(mjs).href)) as { default: unknown }).default
}
