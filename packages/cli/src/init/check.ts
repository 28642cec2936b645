import { isAbsolute } from 'node:path'
import { DEFAULT_LANGUAGE_MAP, GENGO_LANGUAGES, toGengoLanguage } from '@l10n-sync/core'
import { UsageError } from '../errors.ts'
import type { InitOptions } from './changes.ts'

/**
 * `l10n init`'s flags, checked before anything is planned or written (a usage error, exit 2): each language an i18next
 * code in its canonical case (`ja`, `pt-BR`, `zh-Hans`; `JA` names `ja`) that Gengo offers, the source not a target,
 * the endpoint one the config accepts, the files pattern one the config accepts.
 */
export function checkInitOptions(o: InitOptions): void {
  const language = (flag: string, lng: string) => {
    let canonical: string | undefined
    try {
      canonical = Intl.getCanonicalLocales(lng)[0]
    } catch {}
    if (!canonical) throw new UsageError(`${flag}: '${lng}' is not a language code. Use i18next codes such as ja, pt-BR or zh-Hans.`)
    if (canonical !== lng) throw new UsageError(`${flag}: '${lng}' is written '${canonical}' (i18next codes are case-sensitive).`)
    if (!GENGO_LANGUAGES.has(toGengoLanguage(lng, DEFAULT_LANGUAGE_MAP)))
      throw new UsageError(
        `${flag}: Gengo does not offer '${lng}'. Use a language Gengo translates (ja, fr, de, zh-Hans, pt-BR …), or map it with languageMap in the config afterwards.`,
      )
  }
  language('--source', o.source)
  if (o.targets.length === 0) throw new UsageError('--targets needs at least one language, e.g. --targets ja,fr.')
  for (const t of o.targets) {
    language('--targets', t)
    if (t === o.source) throw new UsageError(`--targets: '${t}' is the source language; a target must differ from --source.`)
  }
  if (new Set(o.targets).size !== o.targets.length) throw new UsageError(`--targets lists a language twice (${o.targets.join(',')}).`)
  if (!['production', 'sandbox', 'emulator'].includes(o.endpoint) && !httpUrl(o.endpoint))
    throw new UsageError(
      `--endpoint: '${o.endpoint}' is not production, sandbox, emulator or an http(s) URL such as http://127.0.0.1:8787.`,
    )
  if (o.files !== undefined && (!o.files.includes('{{lng}}') || !o.files.endsWith('.json') || isAbsolute(o.files)))
    throw new UsageError(
      `--files: '${o.files}' must be a relative pattern with {{lng}} (and optionally {{ns}}) ending in .json, e.g. locales/{{lng}}/{{ns}}.json.`,
    )
}

function httpUrl(s: string): boolean {
  try {
    const url = new URL(s)
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== ''
  } catch {
    return false
  }
}
