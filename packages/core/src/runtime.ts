import { readFileSync } from 'node:fs'
import { relative, resolve, sep } from 'node:path'
import type { ResolvedL10nConfig } from './config.ts'
import { L10nError } from './errors.ts'
import { parseJson } from './json.ts'
import { DEFAULT_NS, discoverNamespaces, localePath, patternRegExp } from './resources.ts'

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

/** i18next resources for the app, as the files hold them: `{ [lng]: { [ns]: object } }`, source first. */
export async function runtimeResources(
  config: ResolvedL10nConfig,
): Promise<{ resources: Record<string, Record<string, unknown>>; files: string[]; namespaces: string[] }> {
  const namespaces = await discoverNamespaces(config)
  const resources: Record<string, Record<string, unknown>> = {}
  const files: string[] = []
  for (const lng of [config.source, ...config.targets]) {
    const perNs: Record<string, unknown> = {}
    for (const ns of namespaces) {
      const file = localePath(config, config.files, lng, ns)
      files.push(file)
      const text = readText(file) // synchronously: one read per small file beats the thread pool's four steps
      if (text !== undefined) perNs[ns] = parseJson(text, relative(config.root, file))
    }
    resources[lng] = perNs
  }
  return { resources, files, namespaces }
}
