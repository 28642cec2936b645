import { readFileSync } from 'node:fs'
import { relative, resolve, sep } from 'node:path'
import type { ResolvedL10nConfig } from '../config/config.ts'
import { resolveNamespaces } from '../config/scope-names.ts'
import { L10nError } from '../errors.ts'
import { parseJson } from './json.ts'
import { DEFAULT_NS, discoverNamespaces, localePath, patternRegExp } from './resources.ts'
import { keptText } from './stamp.ts'

export interface LocaleFileRef {
  lng: string
  ns: string
  /** 'source' for the source language, 'target' for a target, 'context' for a translator-context file. */
  role: 'source' | 'target' | 'context'
}

/** What a file is to l10n-sync, if anything: a source, target or context file, and its language and namespace. */
export function classifyFile(config: ResolvedL10nConfig, file: string): LocaleFileRef | undefined {
  const path = resolve(file).split(sep).join('/')
  if (config.context) {
    const m = patternRegExp(config, config.context).exec(path)
    if (m?.groups?.lng === config.source) return { lng: config.source, ns: m.groups.ns ?? DEFAULT_NS, role: 'context' }
  }
  const m = patternRegExp(config, config.files).exec(path)
  if (!m?.groups?.lng) return undefined
  const lng = m.groups.lng
  const ns = m.groups.ns ?? DEFAULT_NS
  if (lng === config.source) return { lng, ns, role: 'source' }
  if (config.targets.includes(lng)) return { lng, ns, role: 'target' }
  return undefined
}

function readText(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined
    throw new L10nError('L10N_PARSE', `Could not read ${file}: ${(error as Error).message}`, { file })
  }
}

/**
 * One locale file as i18next takes it (the backend's chunk for a language and namespace); undefined when it does not
 * exist yet (a target not written so far).
 */
export function runtimeFile(config: ResolvedL10nConfig, lng: string, ns: string): Record<string, unknown> | undefined {
  const file = localePath(config, config.files, lng, ns)
  const text = readText(file)
  return text === undefined ? undefined : (parseJson(text, relative(config.root, file)) as Record<string, unknown>)
}

export interface RuntimeResources {
  /** `{ [lng]: { [ns]: object } }`, source first; a file that does not exist is left out. */
  resources: Record<string, Record<string, unknown>>
  /** Every source and target file, existing or not. */
  files: string[]
  namespaces: string[]
}

export interface RuntimeTextOptions {
  /** Makes the text (the Vite plugin's virtual module) from the resources. */
  render: (r: RuntimeResources) => string
  /**
   * Keeps the text while no source or target file changes (their stats, see stamp.ts): a record in this JSON file
   * and the text in a file beside it, so a no-op build reads one file (or hands its path on) instead of parsing
   * every locale file. @default not kept
   */
  cacheFile?: string
  /** How the kept text's file name ends. @default '.js' */
  ext?: string
  /** Changes whenever `render` would make a different text from the same resources (its format's version). @default '' */
  key?: string
  /** Only these namespaces of the source (checked against them; the Vite plugin's `namespaces`). @default all */
  namespaces?: readonly string[]
  /** A made text is kept only when `keep` is called (see keptText). @default false */
  defer?: boolean
}

export interface RuntimeText {
  /** The rendered text (read from its kept file when nothing changed). */
  text(): string
  /** The kept file holding exactly that text; undefined when not kept (no `cacheFile`, or it could not be written). */
  file?: string
  /** With `defer`, when the text was made: keeps it, returning its file (undefined when it could not be kept). */
  keep?: () => string | undefined
  files: string[]
  namespaces: string[]
}

/** i18next resources for the app, as the files hold them: `{ [lng]: { [ns]: object } }`, source first. */
export async function runtimeResources(config: ResolvedL10nConfig): Promise<RuntimeResources>
/** `render(runtimeResources(config))`, kept beside `cacheFile` while the locale files are unchanged. */
export async function runtimeResources(config: ResolvedL10nConfig, options: RuntimeTextOptions): Promise<RuntimeText>
export async function runtimeResources(config: ResolvedL10nConfig, options?: RuntimeTextOptions): Promise<RuntimeResources | RuntimeText> {
  const all = await discoverNamespaces(config)
  const namespaces = options?.namespaces ? resolveNamespaces(all, options.namespaces, 'l10n({ namespaces })') : all
  const langs = [config.source, ...config.targets]
  const files = langs.flatMap((lng) => namespaces.map((ns) => localePath(config, config.files, lng, ns)))
  const read = (): RuntimeResources => {
    const resources: Record<string, Record<string, unknown>> = {}
    let i = 0
    for (const lng of langs) {
      const perNs: Record<string, unknown> = {}
      for (const ns of namespaces) {
        const file = files[i++] as string
        const text = readText(file) // synchronously: one read per small file beats the thread pool's four steps
        if (text !== undefined) perNs[ns] = parseJson(text, relative(config.root, file))
      }
      resources[lng] = perNs
    }
    return { resources, files, namespaces }
  }
  if (!options) return read()
  const make = () => options.render(read())
  const key = { root: config.root, source: config.source, targets: config.targets, files: config.files, key: options.key ?? '', namespaces }
  if (options.cacheFile) return { ...keptText(options.cacheFile, options.ext ?? '.js', key, files, make, options.defer), files, namespaces }
  const text = make()
  return { text: () => text, files, namespaces }
}
