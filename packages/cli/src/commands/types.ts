import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, relative, resolve } from 'node:path'
import { declarationFile, i18nextDeclaration } from '@l10n-sync/core'
import { EXIT } from '../errors.ts'
import { type CommandContext, configOf } from './context.ts'

/**
 * `l10n types`: i18next's CustomTypeOptions from the source language's files, in a .d.ts the app's tsconfig includes
 * (under src/ by default), so `tsc` rejects a misspelt key or a missing `{ name }`. `--check` writes nothing and fails
 * (exit 1) when the file is missing or differs, for CI.
 */
export async function runTypes(ctx: CommandContext<'types'>): Promise<number> {
  const { o, flags } = ctx
  const config = configOf(ctx)
  const file = resolve(config.root, flags.out ?? declarationFile(config))
  const shown = relative(ctx.cwd, file) || file
  const text = await i18nextDeclaration(config)
  let current: string | undefined
  try {
    current = readFileSync(file, 'utf8')
  } catch {}
  if (flags.check) {
    if (current === text) {
      o.out(`${shown} is up to date.`)
      return EXIT.done
    }
    o.log(`${shown} is ${current === undefined ? 'missing' : 'out of date'} with the ${config.source} locale files: run \`l10n types\`.`)
    return EXIT.incomplete
  }
  if (current === text) {
    o.out(`${shown} is up to date.`)
    return EXIT.done
  }
  mkdirSync(dirname(file), { recursive: true })
  writeFileSync(file, text)
  o.out(`wrote ${shown}`)
  return EXIT.done
}
