// The backend: a page downloads its language and the fallback, one chunk per namespace, and no other language.
import l10nBackend, { defaultNS, languages, namespaces, source } from 'virtual:l10n-sync/backend'
import { acceptTranslations } from '@l10n-sync/vite/client'
import i18next from 'i18next'
import { renderTags } from './tags.ts'

const params = new URLSearchParams(location.search)
const all = [source, ...languages]
const initial = all.includes(params.get('lng') ?? '') ? (params.get('lng') as string) : source

await i18next.use(l10nBackend).init({
  lng: initial,
  fallbackLng: source,
  ns: namespaces,
  defaultNS,
  interpolation: { escapeValue: true },
})

let clicks = 0
const $ = (id: string) => document.getElementById(id) as HTMLElement
const t = i18next.t.bind(i18next)

function render(): void {
  document.documentElement.lang = i18next.language
  document.documentElement.dir = i18next.dir()
  for (const el of document.querySelectorAll<HTMLElement>('[data-i18n]')) el.textContent = t(el.dataset.i18n as string)
  const n = Number(($('count') as HTMLInputElement).value) || 0
  $('greeting').textContent = t('greeting', { name: 'Ada' })
  $('notes-count').textContent = t('notes', { count: n })
  $('unread').textContent = t('unread', { count: n })
  $('signed-in').innerHTML = renderTags(t('signedInAs', { email: 'ada@example.com' }))
  $('counter').textContent = t('counter', { count: clicks })
  $('sessions').textContent = t('settings:security.sessions', { count: n })
  $('danger').innerHTML = renderTags(t('settings:danger.deleteWarning'), { 0: 'em' })
  $('words').textContent = t('notes:editor.words', { count: n })
  $('quota').textContent = t('errors:quota', { count: n })
  $('upgrade').innerHTML = renderTags(t('errors:upgrade'), { 0: 'a href="#"' })
  $('terms').innerHTML = renderTags(t('terms'), { 1: 'a href="#terms"', 3: 'a href="#privacy"' })
  $('footer').innerHTML = renderTags(t('footer'), { 0: 'a href="#status"', 2: 'a href="#changelog"' })
}

const select = $('language') as HTMLSelectElement
for (const lng of all) {
  const option = document.createElement('option')
  option.value = lng
  option.textContent = new Intl.DisplayNames([lng], { type: 'language' }).of(lng) ?? lng
  select.append(option)
}
select.value = initial
select.addEventListener('change', () => void i18next.changeLanguage(select.value))
$('counter').addEventListener('click', () => {
  clicks++
  render()
})
$('count').addEventListener('input', render)
i18next.on('languageChanged', render)

// New translations land while the dev server runs: apply them without a reload (the click count survives).
acceptTranslations(i18next, import.meta.hot, render)
render()
