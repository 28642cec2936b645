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
  /**
   * The namespace `t('key')` reads without a prefix: `i18next.defaultNS` of the config, else 'translation' or 'common'
   * when present, else the first namespace. Pass it to `i18next.init`: without it i18next takes `ns[0]`.
   */
  export const defaultNS: string
}
