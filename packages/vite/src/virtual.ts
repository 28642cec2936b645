import { type ResolvedL10nConfig, runtimeResources } from '@l10n-sync/core'

export const VIRTUAL_ID = 'virtual:l10n-sync/resources'
export const RESOLVED_VIRTUAL_ID = `\0${VIRTUAL_ID}`

/**
 * A JS string literal that is also safe inside an HTML `<script>` (a build may inline the bundle):
 * `<` (so `</script>` and `<!--` cannot end or change the script), U+2028 and U+2029 escaped.
 */
export function scriptSafeLiteral(value: unknown): string {
  return JSON.stringify(JSON.stringify(value))
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029')
}

/** The virtual module: locale JSON only. Nothing of the config, keys or client goes in. */
export async function virtualModule(config: ResolvedL10nConfig): Promise<{ code: string; files: string[] }> {
  const { resources, files, namespaces } = await runtimeResources(config)
  const code = [
    `const resources = JSON.parse(${scriptSafeLiteral(resources)})`,
    `export const source = ${JSON.stringify(config.source)}`,
    `export const languages = ${JSON.stringify(config.targets)}`,
    `export const namespaces = ${JSON.stringify(namespaces)}`,
    'export default resources',
    '',
  ].join('\n')
  return { code, files }
}
