import { existsSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { createDefu } from 'defu'
import * as configApi from './config/config.ts'
import { type ResolvedL10nConfig, resolveConfig } from './config/config.ts'
import { L10nError } from './errors.ts'
import { parseJson } from './files/json.ts'

export const CONFIG_NAMES = ['l10n.config.ts', 'l10n.config.mts', 'l10n.config.js', 'l10n.config.mjs', 'l10n.config.json'] as const

export interface LoadConfigOptions {
  /** Where to start looking (upwards). @default process.cwd() */
  cwd?: string
  /** An explicit config file, relative to cwd. @default found upwards from cwd */
  configFile?: string
  /**
   * Inline options merged over the file's (the Vite plugin's inline options): objects merge key by key,
   * anything else (arrays such as `targets` included) replaces the file's value; `undefined` or `null`
   * leaves the file's value. @default undefined
   */
  overrides?: Record<string, unknown>
}

/** Finds `l10n.config.*` in cwd or the nearest parent. */
export function findConfigFile(cwd: string): string | undefined {
  let dir = resolve(cwd)
  for (;;) {
    for (const name of CONFIG_NAMES) {
      const file = join(dir, name)
      if (existsSync(file)) return file
    }
    const parent = dirname(dir)
    if (parent === dir) return undefined
    dir = parent
  }
}

/** defu, but an array in the overrides replaces the file's (`targets: ['fr']` means only fr) instead of joining it. */
const mergeOverrides = createDefu((merged: Record<PropertyKey, unknown>, key: PropertyKey, value: unknown) => {
  if (!Array.isArray(value)) return false
  merged[key] = value
  return true
})

let loads = 0

const NOT_DATA = Symbol('not data')

/**
 * The config's value when its source is only data, as `l10n init` writes it: at most
 * `import { defineConfig } from '@l10n-sync/core'`, then `export default defineConfig({ … })` (or the bare object) of
 * string, number, boolean and null literals, objects, arrays and comments. Such a file means the same read as data as
 * run, and reading it skips jiti (loading it and running the transpiled file: 30–40 ms of every start-up).
 * Undefined for anything else (an expression, a variable, an environment read, a type annotation): that config is run.
 */
export function literalConfig(source: string): unknown {
  let i = 0
  const fail = (): never => {
    throw NOT_DATA
  }
  const skip = () => {
    for (;;) {
      while (i < source.length && /\s/.test(source[i] as string)) i++
      if (source.startsWith('//', i)) i = source.includes('\n', i) ? source.indexOf('\n', i) : source.length
      else if (source.startsWith('/*', i)) i = source.indexOf('*/', i) < 0 ? fail() : source.indexOf('*/', i) + 2
      else return
    }
  }
  const eat = (re: RegExp): string | undefined => {
    skip()
    const m = re.exec(source.slice(i, i + 500))
    if (!m) return undefined
    i += m[0].length
    return m[0]
  }
  const ESC: Record<string, string> = { n: '\n', r: '\r', t: '\t', b: '\b', f: '\f', v: '\v', "'": "'", '"': '"', '\\': '\\', '/': '/' }
  const string = (quote: string): string => {
    let out = ''
    for (i++; i < source.length; i++) {
      const c = source[i] as string
      if (c === quote) {
        i++
        return out
      }
      if (c === '\n' || c === '\r') fail()
      if (c !== '\\') {
        out += c
        continue
      }
      const e = source[++i] as string
      const hex =
        e === 'u'
          ? /^[0-9a-fA-F]{4}/.exec(source.slice(i + 1, i + 5))
          : e === 'x'
            ? /^[0-9a-fA-F]{2}/.exec(source.slice(i + 1, i + 3))
            : null
      if (hex) {
        out += String.fromCharCode(Number.parseInt(hex[0], 16))
        i += hex[0].length
      } else if (e in ESC) out += ESC[e]
      else fail() // \0, octal, \u{…}, line continuations: left to jiti
    }
    return fail()
  }
  const value = (): unknown => {
    skip()
    const c = source[i]
    if (c === "'" || c === '"') return string(c)
    if (c === '{') {
      i++
      const obj: Record<string, unknown> = {}
      for (;;) {
        skip()
        if (source[i] === '}') break
        const q = source[i]
        const key = q === "'" || q === '"' ? string(q) : (eat(/^[A-Za-z_$][\w$]*/) ?? fail())
        if (key === '__proto__' || eat(/^:/) === undefined) fail() // __proto__: would set the prototype
        obj[key] = value()
        if (eat(/^,/) === undefined) {
          skip()
          if (source[i] !== '}') fail()
          break
        }
      }
      i++
      return obj
    }
    if (c === '[') {
      i++
      const arr: unknown[] = []
      for (;;) {
        skip()
        if (source[i] === ']') break
        arr.push(value())
        if (eat(/^,/) === undefined) {
          skip()
          if (source[i] !== ']') fail()
          break
        }
      }
      i++
      return arr
    }
    const word = eat(/^(?:-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?(?![\w$.])|(?:true|false|null)(?![\w$]))/) ?? fail()
    return word === 'true' ? true : word === 'false' ? false : word === 'null' ? null : Number(word)
  }
  try {
    const imported = eat(/^import\s*\{\s*defineConfig\s*\}\s*from\s*(['"])@l10n-sync\/core\1\s*;?/) !== undefined
    if (eat(/^export\s+default\b/) === undefined) return undefined
    const wrapped = eat(/^defineConfig\s*\(/) !== undefined
    if (wrapped && !imported) return undefined
    const config = value()
    if (wrapped && eat(/^,?\s*\)/) === undefined) fail()
    eat(/^;/)
    skip()
    return i === source.length ? config : undefined
  } catch (error) {
    if (error === NOT_DATA) return undefined
    throw error
  }
}

/** Node's error for an `import … from '@l10n-sync/core'` that does not resolve from the importing file. */
function cannotFindCore(error: unknown): boolean {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown }
  return code === 'ERR_MODULE_NOT_FOUND' && typeof message === 'string' && /'@l10n-sync\/core'/.test(message)
}

async function importConfig(file: string): Promise<unknown> {
  if (file.endsWith('.json')) return parseJson(readFileSync(file, 'utf8'), file, 'L10N_CONFIG')
  try {
    const data = literalConfig(readFileSync(file, 'utf8'))
    if (data !== undefined) return data
    if (/\.m?js$/.test(file)) {
      try {
        // Native import, with a fresh URL each time so an edited config is read again (as Vite does).
        const mod = await import(/* @vite-ignore */ `${pathToFileURL(file).href}?load=${++loads}`)
        return mod.default ?? mod
      } catch (error) {
        // Under pnpm or Yarn PnP an app that installed only the CLI or the plugin cannot resolve '@l10n-sync/core' from
        // its config: load it through jiti below, which hands it this module's config API, as for a .ts config.
        if (!cannotFindCore(error)) throw error
      }
    }
    // A config imports defineConfig from '@l10n-sync/core': hand it the config API of this very module (defineConfig,
    // CONFIG_DEFAULTS, resolveConfig), loaded already, wherever the config lives.
    // The transpiled config is cached on disk under a hash of its source (node_modules/.cache/jiti, else the temp dir), so
    // only an edited config is transpiled again; the module cache stays off, so an edit is always read.
    // Through require: jiti is CommonJS, and importing it from ESM first scans its 190 KB for named exports
    // (about 90 ms of CPU on a no-op run, against 35 ms this way).
    const { createJiti } = createRequire(import.meta.url)('jiti') as typeof import('jiti')
    const jiti = createJiti(import.meta.url, { moduleCache: false, fsCache: true, virtualModules: { '@l10n-sync/core': configApi } })
    return await jiti.import(file, { default: true })
  } catch (error) {
    const message = (error as Error).message?.split('\n')[0] ?? String(error)
    throw new L10nError('L10N_CONFIG', `Could not load the config ${file}: ${message}`, { file, cause: error })
  }
}

/** Finds, loads (TypeScript without a build step) and validates the config. */
export async function loadConfig(options: LoadConfigOptions = {}): Promise<ResolvedL10nConfig> {
  const cwd = resolve(options.cwd ?? process.cwd())
  let file: string | undefined
  if (options.configFile) {
    file = resolve(cwd, options.configFile)
    if (!existsSync(file)) throw new L10nError('L10N_CONFIG', `Config file not found: ${file}. Check --config.`, { file })
  } else {
    file = findConfigFile(cwd)
  }
  if (!file && !options.overrides) {
    throw new L10nError(
      'L10N_CONFIG',
      `No l10n.config.ts (or .mts/.js/.mjs/.json) found in ${cwd} or any parent. Create one with defineConfig({ source: 'en', targets: ['ja'] }).`,
    )
  }
  const root = file ? dirname(file) : cwd
  const loaded = file ? await importConfig(file) : {}
  const merged = options.overrides ? mergeOverrides(options.overrides, loaded as Record<string, unknown>) : loaded
  return resolveConfig(merged, root, file)
}
