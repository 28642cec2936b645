import { defaultNamespace, type ResolvedL10nConfig, refreshDeclaration, runtimeResources } from '@l10n-sync/core'

export const VIRTUAL_ID = 'virtual:l10n-sync/resources'
export const RESOLVED_VIRTUAL_ID = `\0${VIRTUAL_ID}`

/**
 * A JS string literal that is also safe inside an HTML `<script>` (a build may inline the bundle):
 * `<` (so `</script>` and `<!--` cannot end or change the script), U+2028 and U+2029 escaped.
 */
export function scriptSafeLiteral(value: unknown): string {
  // One pass, and none at all for the usual text without them (three passes took 150 ms at 10k keys × 20 languages).
  const literal = JSON.stringify(JSON.stringify(value))
  return UNSAFE.test(literal) ? literal.replace(UNSAFE_ALL, (c) => ESCAPES[c] as string) : literal
}

const UNSAFE = /[<\u2028\u2029]/
const UNSAFE_ALL = /[<\u2028\u2029]/g
const ESCAPES: Record<string, string> = { '<': '\\u003c', '\u2028': '\\u2028', '\u2029': '\\u2029' }

export interface VirtualModule {
  code(): string
  /** A file holding exactly `code()`, when it was kept. */
  file?: string
  /** The locale files it was made from (existing or not). */
  files: string[]
}

/** Version of the module's text below: a cached text of another version is made again. */
const FORMAT = '3'

/**
 * The virtual module: locale JSON only. Nothing of the config, keys or client goes in. With `cacheFile`, the text is
 * kept beside it while no locale file changes (core's stat stamp): a no-op build parses no locale file, and `file`
 * names a file that holds exactly the module's code.
 */
export async function virtualModule(
  config: ResolvedL10nConfig,
  cacheFile?: string,
  namespaces?: readonly string[],
): Promise<VirtualModule> {
  const { text, file, files } = await runtimeResources(config, {
    cacheFile,
    key: FORMAT,
    namespaces,
    render: (r) => {
      // Keeps `l10n types`' declaration current while the source files change (only where it was written once; it
      // holds every namespace, so not from an app that takes some: l10n({ namespaces })).
      if (!namespaces) refreshDeclaration(config, r.resources[config.source] ?? {}, r.namespaces)
      const { resources } = r
      const names = r.namespaces
      return [
        // Pure: an app that imports only `source` or `namespaces` from here bundles none of the data.
        `const resources = /* @__PURE__ */ JSON.parse(${scriptSafeLiteral(resources)})`,
        `export const source = ${JSON.stringify(config.source)}`,
        `export const languages = ${JSON.stringify(config.targets)}`,
        `export const namespaces = ${JSON.stringify(names)}`,
        `export const defaultNS = ${JSON.stringify(defaultNamespace(config, names))}`,
        'export default resources',
        '',
      ].join('\n')
    },
  })
  return { code: text, file, files }
}
