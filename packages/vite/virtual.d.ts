/** Types for the plugin's virtual module. Add `"types": ["@l10n-sync/vite/virtual"]` or a triple-slash reference. */
declare module 'virtual:l10n-sync/resources' {
  /** i18next resources as the locale files hold them at build time (live-updated in dev): `{ [lng]: { [ns]: object } }`. */
  const resources: Record<string, Record<string, Record<string, unknown>>>
  export default resources
  /** The source language. */
  export const source: string
  /** Target languages, in config order. */
  export const languages: string[]
  /** Namespaces found in the source language. */
  export const namespaces: string[]
}
