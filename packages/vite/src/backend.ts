import {
  defaultNamespace,
  discoverNamespaces,
  L10nError,
  localePath,
  type ResolvedL10nConfig,
  refreshDeclaration,
  resolveNamespaces,
  runtimeFile,
} from '@l10n-sync/core'
import { scriptSafeLiteral } from './virtual.ts'

/** The i18next backend: `source`, `languages`, `namespaces`, `defaultNS` and a loader per language × namespace. */
export const BACKEND_ID = 'virtual:l10n-sync/backend'
export const RESOLVED_BACKEND_ID = `\0${BACKEND_ID}`
/** One language × namespace, its own chunk: `virtual:l10n-sync/resources/<lng>/<ns>`. */
export const FILE_ID_PREFIX = 'virtual:l10n-sync/resources/'

export function fileId(lng: string, ns: string): string {
  return `${FILE_ID_PREFIX}${encodeURIComponent(lng)}/${encodeURIComponent(ns)}`
}

/** The language and namespace of a per-file id (resolved or not). */
export function parseFileId(id: string): { lng: string; ns: string } | undefined {
  const bare = id.startsWith('\0') ? id.slice(1) : id
  if (!bare.startsWith(FILE_ID_PREFIX)) return undefined
  const parts = bare.slice(FILE_ID_PREFIX.length).split('/')
  if (parts.length !== 2) return undefined
  try {
    return { lng: decodeURIComponent(parts[0] as string), ns: decodeURIComponent(parts[1] as string) }
  } catch {
    return undefined
  }
}

/**
 * The namespaces the app takes: every namespace of the source, or the plugin's `namespaces` (checked against them).
 * `all` is every namespace of the source.
 */
export interface AppNamespaces {
  namespaces: string[]
  all: string[]
}

export async function appNamespaces(config: ResolvedL10nConfig, only: readonly string[] | undefined): Promise<AppNamespaces> {
  const all = await discoverNamespaces(config)
  return { all, namespaces: resolveNamespaces(all, only, 'l10n({ namespaces })') }
}

export interface BackendModule {
  code: string
  /** The source files it was made from (their namespaces decide its loaders and the declaration). */
  files: string[]
}

/**
 * The backend module: no locale data, only the language and namespace names and one dynamic import per language ×
 * namespace, so a bundler makes each its own chunk and a page downloads what i18next asks for (its language, its
 * fallbacks). A language or namespace that is not the project's answers `{}` without a request (i18next asks for
 * `zh` on the way from `zh-Hans` to the fallback).
 */
export async function backendModule(
  config: ResolvedL10nConfig,
  only: readonly string[] | undefined,
  found: Promise<AppNamespaces> = appNamespaces(config, only),
): Promise<BackendModule> {
  const { namespaces, all } = await found
  // Keeps `l10n types`' declaration current from the source files (where it was written once), as the resources module does.
  if (!only) {
    const source: Record<string, unknown> = {}
    for (const ns of all) {
      const r = runtimeFile(config, config.source, ns)
      if (r) source[ns] = r
    }
    refreshDeclaration(config, source, all)
  }
  const langs = [config.source, ...config.targets]
  const loaders = langs.flatMap((lng) =>
    namespaces.map((ns) => `  [${JSON.stringify(`${lng}\u0000${ns}`)}, () => import(${JSON.stringify(fileId(lng, ns))})],`),
  )
  const code = [
    `export const source = ${JSON.stringify(config.source)}`,
    `export const languages = ${JSON.stringify(config.targets)}`,
    `export const namespaces = ${JSON.stringify(namespaces)}`,
    `export const defaultNS = ${JSON.stringify(defaultNamespace(config, namespaces))}`,
    'const chunks = new Map([',
    ...loaders,
    '])',
    '/** An i18next backend: `i18next.use(l10nBackend).init({ lng, fallbackLng: source, ns: namespaces, defaultNS })`. */',
    'export default {',
    "  type: 'backend',",
    '  init() {},',
    '  read(lng, ns, callback) {',
    "    const load = chunks.get(lng + '\\u0000' + ns)",
    '    if (!load) return void callback(null, {})',
    '    load().then((m) => callback(null, m.default), (error) => callback(error, false))',
    '  },',
    '}',
    '',
  ].join('\n')
  return { code, files: all.map((ns) => localePath(config, config.files, config.source, ns)) }
}

/** One language × namespace's chunk: the file as it is on disk (`{}` while a target file does not exist yet). */
export async function fileModule(
  config: ResolvedL10nConfig,
  only: readonly string[] | undefined,
  lng: string,
  ns: string,
  found: Promise<AppNamespaces> = appNamespaces(config, only),
): Promise<{ code: string; file: string }> {
  const { namespaces } = await found
  if (lng !== config.source && !config.targets.includes(lng))
    throw new L10nError(
      'L10N_CONFIG',
      `${fileId(lng, ns)}: '${lng}' is neither the source nor a target (${[config.source, ...config.targets].join(', ')}). Import 'virtual:l10n-sync/backend' and let i18next ask for a language.`,
      { option: 'targets' },
    )
  if (!namespaces.includes(ns))
    throw new L10nError(
      'L10N_CONFIG',
      `${fileId(lng, ns)}: the app has no namespace '${ns}' (it has ${namespaces.join(', ') || 'none'}). Add ${localePath(config, config.files, config.source, ns)}${only ? ' or list it in l10n({ namespaces })' : ''}.`,
      { option: 'namespaces' },
    )
  const data = runtimeFile(config, lng, ns) ?? {}
  return {
    code: `export default /* @__PURE__ */ JSON.parse(${scriptSafeLiteral(data)})\n`,
    file: localePath(config, config.files, lng, ns),
  }
}

/** Whether `id` is a resolved backend or per-file id. */
export const isBackendId = (id: string): boolean => id === RESOLVED_BACKEND_ID || (id.startsWith('\0') && parseFileId(id) !== undefined)

/**
 * The backend's modules: the code of a resolved backend or per-file id, and the files to watch; undefined for other ids.
 * `names` gives the app's namespaces (a build finds them once, for every module).
 */
export async function loadBackend(
  id: string,
  config: ResolvedL10nConfig,
  only: readonly string[] | undefined,
  names: () => Promise<AppNamespaces> = () => appNamespaces(config, only),
): Promise<{ code: string; files: string[] } | undefined> {
  if (id === RESOLVED_BACKEND_ID) return backendModule(config, only, names())
  const ref = id.startsWith('\0') ? parseFileId(id) : undefined
  if (!ref) return undefined
  const m = await fileModule(config, only, ref.lng, ref.ns, names())
  return { code: m.code, files: [m.file] }
}
