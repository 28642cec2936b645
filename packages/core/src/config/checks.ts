import { isAbsolute, relative, resolve, sep } from 'node:path'
import { L10nError } from '../errors.ts'

/** ` in <file>` for a message, or nothing for inline options. */
export function where(file: string | undefined): string {
  return file ? ` in ${file}` : ''
}

/** An `L10N_CONFIG` error naming the option, the file and the bad value, with a hint. */
export function configError(option: string, value: unknown, hint: string, file?: string): L10nError {
  const shown = value === undefined ? 'missing' : JSON.stringify(value)
  return new L10nError('L10N_CONFIG', `Invalid option \`${option}\`${where(file)}: ${shown}. ${hint}`, { option, file })
}

/** Whether a path (placeholders filled in) stays inside the project root. */
function insideRoot(root: string, path: string): boolean {
  if (isAbsolute(path)) return false
  const rel = relative(root, resolve(root, path.split('{{lng}}').join('xx').split('{{ns}}').join('ns')))
  return rel !== '' && rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel)
}

/** Throws unless the path option is relative and stays inside the project root. */
export function assertInsideRoot(root: string, option: string, value: string, file?: string): void {
  if (!insideRoot(root, value)) {
    throw configError(
      option,
      value,
      `It points outside the project (${root}); l10n-sync reads and writes only inside it. Use a path relative to the config, without ../.`,
      file,
    )
  }
}
