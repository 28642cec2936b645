import type { ResolvedL10nConfig } from '../config/config.ts'
import { L10nError } from '../errors.ts'
import type { LocaleFile } from './types.ts'

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/

/** C0 control characters other than tab, line feed and carriage return, and DEL: never meant for a translator. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding them is the point
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/

/** What a source value must not hold: it is sent to translators as it is. */
export function checkSource(config: ResolvedL10nConfig, file: LocaleFile): void {
  for (const { key, value } of file.entries) {
    if (LONE_SURROGATE.test(value)) {
      throw new L10nError(
        'L10N_RESOURCE',
        `${file.name}: key "${key}" holds a lone UTF-16 surrogate (an escape such as \\ud800 without its pair), which is not text. Fix or remove the escape.`,
        { file: file.name, key },
      )
    }
    const control = CONTROL.exec(value)
    if (control) {
      const cp = (control[0].codePointAt(0) as number).toString(16).padStart(4, '0')
      throw new L10nError(
        'L10N_RESOURCE',
        `${file.name}: key "${key}" holds the control character U+${cp.toUpperCase()} at position ${control.index}. Remove it; only text is sent to translators.`,
        { file: file.name, key },
      )
    }
    if (value.length > config.maxLength) {
      throw new L10nError(
        'L10N_RESOURCE',
        `${file.name}: key "${key}" is ${value.length} characters long, over maxLength ${config.maxLength}. Split it, or raise \`maxLength\`.`,
        { file: file.name, key },
      )
    }
    if (value.includes('[[[') || value.includes(']]]')) {
      throw new L10nError(
        'L10N_RESOURCE',
        `${file.name}: key "${key}" contains "[[[" or "]]]", which Gengo reserves for text it must not translate. Remove them.`,
        {
          file: file.name,
          key,
        },
      )
    }
  }
}
