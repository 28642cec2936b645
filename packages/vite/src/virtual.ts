import { type ResolvedL10nConfig, runtimeResources } from '@l10n-sync/core'

export const VIRTUAL_ID = 'virtual:l10n-sync/resources'
export const RESOLVED_VIRTUAL_ID = `\0${VIRTUAL_ID}`

/** The virtual module: locale JSON only. Nothing of the config, keys or client goes in. */
export async function virtualModule(config: ResolvedL10nConfig): Promise<{ code: string; files: string[] }> {
  const { resources, files, namespaces } = await runtimeResources(config)
  const code = [
    `const resources = JSON.parse(${JSON.stringify(JSON.stringify(resources))})`,
    `export const source = ${JSON.stringify(config.source)}`,
    `export const languages = ${JSON.stringify(config.targets)}`,
    `export const namespaces = ${JSON.stringify(namespaces)}`,
    'export default resources',
    '',
  ].join('\n')
  return { code, files }
}
