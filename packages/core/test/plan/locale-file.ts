import { DEFAULT_FORMAT } from '../../src/files/json.ts'
import type { LocaleFile } from '../../src/files/resources.ts'

/** A parsed locale file of namespace `common` at /p/<lng>.json, flat keys, as the plan's tests build their resources. */
export function localeFile(lng: string, values: Record<string, string>): LocaleFile {
  const entries = Object.entries(values).map(([key, value]) => ({ key, value, path: [key] }))
  return {
    lng,
    ns: 'common',
    file: `/p/${lng}.json`,
    name: `${lng}.json`,
    text: '{}',
    entries,
    values: new Map(Object.entries(values)),
    format: DEFAULT_FORMAT,
  }
}
