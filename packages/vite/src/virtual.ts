import { defaultNamespace, type ResolvedL10nConfig, refreshDeclaration, runtimeResources } from '@l10n-sync/core'

export const VIRTUAL_ID = 'virtual:l10n-sync/resources'
export const RESOLVED_VIRTUAL_ID = `\0${VIRTUAL_ID}`

/**
 * `value` as JSON in a single-quoted JS string literal, for `JSON.parse('…')`: JSON's own `"` need no escape, so the
 * literal is the JSON text (bundlers and browsers scan it fast, and JSON.parse beats an object literal). Also safe
 * inside an HTML `<script>` (a build may inline the bundle): `<` (so `</script>` and `<!--` cannot end or change the
 * script), U+2028 and U+2029 escaped, with `\` and `'`.
 */
export function scriptSafeLiteral(value: unknown): string {
  let text = JSON.stringify(value)
  // A native search and replace per character, none for text without it: a regex over the text took 35–55 ms at 10k
  // keys × 20 languages to find nothing; `'` or `<` in every value costs about 40 ms each.
  for (const [c, escaped] of ESCAPES) if (text.includes(c)) text = text.replaceAll(c, escaped)
  return `'${text}'`
}

/** The backslash first: the escapes add their own. */
const ESCAPES: [string, string][] = [
  ['\\', '\\\\'],
  ["'", "\\'"],
  ['<', '\\u003c'],
  ['\u2028', '\\u2028'],
  ['\u2029', '\\u2029'],
]

export interface VirtualModule {
  code(): string
  /** A file holding exactly `code()`, when it was kept. */
  file?: string
  /** With `defer`, when the code was made: keeps it in its file (see core's keptText). */
  keep?: () => string | undefined
  /** The locale files it was made from (existing or not). */
  files: string[]
}

/** Version of the module's text below: a cached text of another version is made again. */
const FORMAT = '4'

/**
 * The virtual module: locale JSON only. Nothing of the config, keys or client goes in. With `cacheFile`, the text is
 * kept beside it while no locale file changes (core's stat stamp): a no-op build parses no locale file, and `file`
 * names a file that holds exactly the module's code.
 */
export async function virtualModule(
  config: ResolvedL10nConfig,
  cacheFile?: string,
  namespaces?: readonly string[],
  defer = false,
): Promise<VirtualModule> {
  const { text, file, files, keep } = await runtimeResources(config, {
    cacheFile,
    key: FORMAT,
    namespaces,
    defer,
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
  return { code: text, file, files, keep }
}
