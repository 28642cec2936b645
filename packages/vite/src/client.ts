/// <reference types="vite/client" />
import { type InspectableI18n, installInspect } from './inspect.ts'

/**
 * Browser side: applies the plugin's live translation updates to an i18next
 * instance, without a reload. In dev, `?l10n=inspect` in the URL adds the in-context inspector. Pass `import.meta.hot` from your app:
 *
 *   import { acceptTranslations } from '@l10n-sync/vite/client'
 *   acceptTranslations(i18next, import.meta.hot)
 */
export interface L10nUpdate {
  lng: string
  ns: string
  resources: Record<string, unknown>
}

/** The part of an i18next instance this needs. */
export interface I18nLike {
  addResourceBundle(lng: string, ns: string, resources: unknown, deep?: boolean, overwrite?: boolean): unknown
  removeResourceBundle(lng: string, ns: string): unknown
  hasResourceBundle?(lng: string, ns: string): boolean
  /** i18next's services: a backend (`virtual:l10n-sync/backend`) sits in its `backendConnector`. */
  services?: { backendConnector?: { backend?: unknown } }
  /** i18next's options; `react` is react-i18next's part of them. */
  options?: { react?: { bindI18nStore?: string | false } }
}

/** The part of `import.meta.hot` this needs. */
export interface HotLike {
  on(event: string, cb: (data: L10nUpdate) => void): void
  send?(event: string, data?: unknown): void
}

export const UPDATE_EVENT = 'l10n-sync:update'
/** Sent once the page listens: the server answers with every locale file written since the page began to load. */
export const CATCH_UP_EVENT = 'l10n-sync:catch-up'

/**
 * react-i18next re-renders on store events only when `react.bindI18nStore` names them, and its default ('') names none:
 * a live update would reach the store and no component. So add 'added' (the event `addResourceBundle` emits) to it. It
 * is read when a component mounts, so call this before the first render; `bindI18nStore: false` set by the app is kept.
 */
function bindReactToStore(i18n: I18nLike): void {
  const options = i18n.options
  if (!options || options.react?.bindI18nStore === false) return
  const events = (options.react?.bindI18nStore ?? '').split(' ').filter(Boolean)
  if (events.includes('added')) return
  const bindI18nStore = [...events, 'added'].join(' ')
  if (options.react) options.react.bindI18nStore = bindI18nStore
  else options.react = { bindI18nStore }
}

export function acceptTranslations(i18n: I18nLike, hot: HotLike | undefined, onUpdate?: (update: L10nUpdate) => void): void {
  // `?l10n=inspect`: hover a string to see its key and status. Dev only: a production build drops this branch and the inspector.
  if (import.meta.env.DEV && typeof location !== 'undefined') installInspect(i18n as unknown as InspectableI18n, hot as never)
  if (!hot) return
  bindReactToStore(i18n)
  hot.on(UPDATE_EVENT, (update) => {
    // With a backend, a language × namespace the page has not loaded stays unloaded: i18next asks for it when needed,
    // and the server's module is already the new one. A loaded one is replaced like the resources' store.
    if (i18n.services?.backendConnector?.backend && i18n.hasResourceBundle && !i18n.hasResourceBundle(update.lng, update.ns)) return
    // Replace the bundle, so deleted keys go too; i18next then emits 'added' on its store.
    i18n.removeResourceBundle(update.lng, update.ns)
    i18n.addResourceBundle(update.lng, update.ns, update.resources, true, true)
    onUpdate?.(update)
  })
  // A file the sync wrote after the module was served and before this listener existed (a slow first load) sent its
  // update to nobody: ask for what changed since this page started loading. A repeat of what the module has is harmless.
  if (typeof performance !== 'undefined') hot.send?.(CATCH_UP_EVENT, { since: performance.timeOrigin, now: Date.now() })
}
