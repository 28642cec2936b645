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

declare module 'virtual:l10n-sync/backend' {
  /**
   * An i18next backend that loads each language × namespace as its own chunk, when i18next asks for it:
   * `i18next.use(l10nBackend).init({ lng, fallbackLng: source, ns: namespaces, defaultNS })`.
   */
  const backend: {
    type: 'backend'
    init(): void
    read(lng: string, ns: string, callback: (error: unknown, data: Record<string, unknown> | false) => void): void
  }
  export default backend
  /** The source language. */
  export const source: string
  /** Target languages, in config order. */
  export const languages: string[]
  /** Namespaces of the app: those found in the source language, or the plugin's `namespaces`. */
  export const namespaces: string[]
  /** The namespace `t('key')` reads without a prefix (as in 'virtual:l10n-sync/resources'). */
  export const defaultNS: string
}
