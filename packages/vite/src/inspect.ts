/**
 * In-context inspection, dev only: with `?l10n=inspect` in the app's URL,
 * hovering a translated string shows its key, namespace, language and status;
 * `&key=ns:key` outlines that key where it appears. It hooks i18next's
 * translation as a post-processor (so `t` bound before it was installed is
 * seen too) and records which key produced each rendered text. Installed by
 * `acceptTranslations` under `import.meta.env.DEV`, so production bundles
 * carry none of it.
 */

/** The part of an i18next instance the inspector needs. */
export interface InspectableI18n {
  use(module: object): unknown
  options: { postProcess?: string | string[] | false; postProcessPassResolved?: boolean; nsSeparator?: string | false }
  language?: string
  changeLanguage?(lng?: string): unknown
  on?(event: string, cb: (...args: unknown[]) => void): unknown
}

interface Ref {
  key: string
  ns: string
  lng: string
  fallback: boolean
}

const NAME = 'l10nSyncInspect'
const TIP_ID = 'l10n-inspect-tip'
const FOCUS = 'l10n-inspect-focus'
const HOVER = 'l10n-inspect-hover'

const plain = (text: string) =>
  text
    .replace(/<[^>]*>/g, '')
    .replace(/\s+/g, ' ')
    .trim()

export function installInspect(i18n: InspectableI18n, hot?: { on(event: string, cb: (data: unknown) => void): void }): void {
  const params = new URLSearchParams(location.search)
  if (params.get('l10n') !== 'inspect') return
  const focus = params.get('key') ?? undefined
  const byText = new Map<string, Ref>()
  let states: Record<string, string> = {}
  let source = ''

  i18n.use({
    type: 'postProcessor',
    name: NAME,
    process(value: unknown, key: string | string[], options: { i18nResolved?: Record<string, string> }) {
      if (typeof value !== 'string') return value
      const r = options.i18nResolved ?? {}
      const raw = String(r.exactUsedKey ?? r.usedKey ?? (Array.isArray(key) ? key[0] : key))
      const sep = i18n.options.nsSeparator === false ? undefined : (i18n.options.nsSeparator ?? ':')
      const [ns, k] =
        sep && !r.usedNS && raw.includes(sep) ? [raw.split(sep)[0] as string, raw.slice(raw.indexOf(sep) + 1)] : [r.usedNS ?? '', raw]
      const lng = r.usedLng ?? i18n.language ?? ''
      byText.set(plain(value), { key: k, ns, lng, fallback: lng !== i18n.language })
      schedule()
      return value
    },
  })
  const pp = i18n.options.postProcess
  i18n.options.postProcess = [...(Array.isArray(pp) ? pp : pp ? [pp] : []), NAME]
  i18n.options.postProcessPassResolved = true

  const style = document.createElement('style')
  style.textContent = `.${HOVER}{outline:2px dashed #2f6fde!important;outline-offset:2px}.${FOCUS}{outline:3px solid #e8590c!important;outline-offset:2px;background:rgba(232,89,12,.08)}#${TIP_ID}{position:fixed;z-index:2147483647;pointer-events:none;background:#1d2330;color:#fff;font:12px/1.4 ui-monospace,monospace;padding:6px 8px;border-radius:5px;max-width:420px;white-space:pre;display:none}`
  document.head.append(style)
  const tip = document.createElement('div')
  tip.id = TIP_ID
  document.body.append(tip)

  function statusOf(ref: Ref): string {
    if (ref.fallback) return `${states[`${ref.ns}:${ref.key}`] ?? 'missing'} (showing the ${ref.lng} fallback)`
    if (ref.lng === source) return 'source language'
    return states[`${ref.ns}:${ref.key}`] ?? 'translated'
  }

  function refFor(el: Element | null): { el: Element; ref: Ref } | undefined {
    for (let e = el, depth = 0; e && e !== document.body && depth < 4; e = e.parentElement, depth++) {
      const ref = byText.get(plain(e.textContent ?? ''))
      if (ref) return { el: e, ref }
    }
    return undefined
  }

  let hovered: { el: Element; ref: Ref } | undefined
  function showTip(): void {
    if (!hovered) {
      tip.style.display = 'none'
      return
    }
    const { el, ref } = hovered
    tip.dataset.key = `${ref.ns}:${ref.key}`
    tip.textContent = `key        ${ref.key}\nnamespace  ${ref.ns}\nlanguage   ${i18n.language ?? ref.lng}\nstatus     ${statusOf(ref)}`
    const box = el.getBoundingClientRect()
    tip.style.left = `${Math.max(4, box.left)}px`
    tip.style.top = `${box.bottom + 6 > innerHeight - 80 ? box.top - 80 : box.bottom + 6}px`
    tip.style.display = 'block'
  }
  document.addEventListener('mouseover', (event) => {
    hovered?.el.classList.remove(HOVER)
    hovered = refFor(event.target as Element)
    hovered?.el.classList.add(HOVER)
    showTip()
  })

  let queued = false
  function schedule(): void {
    if (queued || !focus) return
    queued = true
    requestAnimationFrame(() => {
      queued = false
      markFocus()
    })
  }
  let scrolled = false
  function markFocus(): void {
    for (const e of document.querySelectorAll(`.${FOCUS}`)) e.classList.remove(FOCUS)
    const texts = new Set(
      [...byText].filter(([, r]) => `${r.ns}:${r.key}` === focus || `${r.ns}:${r.key}`.startsWith(`${focus}_`)).map(([t]) => t),
    )
    if (texts.size === 0) return
    for (const e of document.body.querySelectorAll('*')) {
      if (e === tip || !texts.has(plain(e.textContent ?? ''))) continue
      if (e.parentElement && texts.has(plain(e.parentElement.textContent ?? '')) && e.parentElement.classList.contains(FOCUS)) continue
      e.classList.add(FOCUS)
      if (!scrolled) {
        scrolled = true
        e.scrollIntoView({ block: 'center' })
      }
    }
  }

  async function loadStates(): Promise<void> {
    try {
      const res = await fetch(`/__l10n-sync/api/keys?lng=${encodeURIComponent(i18n.language ?? '')}`)
      if (!res.ok) return
      const data = (await res.json()) as { states: Record<string, string>; source: string }
      states = data.states
      source = data.source
      showTip()
    } catch {
      // No dev page (another server): statuses read 'translated'.
    }
  }
  void loadStates()
  i18n.on?.('languageChanged', () => void loadStates())
  hot?.on('l10n-sync:update', () => void loadStates().then(schedule))
  hot?.on('l10n-sync:dashboard', () => void loadStates())
  new MutationObserver(schedule).observe(document.body, { childList: true, subtree: true, characterData: true })
  // Re-render what was translated before the inspector was installed.
  void i18n.changeLanguage?.(i18n.language)
}
