import { existsSync, mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { findConfigFile } from '@l10n-sync/core'
import { UsageError } from '../errors.ts'
import type { CommandContext } from './context.ts'

export async function runInit(ctx: CommandContext): Promise<number> {
  const { flags, o, cwd } = ctx
  const existing = findConfigFile(cwd)
  if (existing?.startsWith(cwd)) throw new UsageError(`${existing} already exists; edit it instead.`)
  const source = (flags.source as string | undefined) ?? 'en'
  const targets = (flags.targets as string[] | undefined) ?? ['ja', 'fr']
  const endpoint = (flags.endpoint as string | undefined) ?? 'emulator'
  const config = `import { defineConfig } from '@l10n-sync/core'

export default defineConfig({
  source: ${JSON.stringify(source)},
  targets: ${JSON.stringify(targets)},
  files: 'locales/{{lng}}/{{ns}}.json',
  gengo: {
    // 'emulator' runs a local Gengo stand-in; use 'production' with GENGO_PUBLIC_KEY / GENGO_PRIVATE_KEY set.
    endpoint: ${JSON.stringify(endpoint)},
    tier: 'standard',
    maxCredits: 50,
    // Write translations once Gengo's translator is done, without waiting for your approval on Gengo.
    acceptReviewable: true,
  },
})
`
  writeFileSync(join(cwd, 'l10n.config.ts'), config)
  o.log(`created l10n.config.ts`)
  const sourceFile = join(cwd, 'locales', source, 'common.json')
  if (!existsSync(sourceFile)) {
    mkdirSync(join(cwd, 'locales', source), { recursive: true })
    writeFileSync(
      sourceFile,
      `${JSON.stringify({ welcome: 'Welcome, {{name}}!', items_one: '{{count}} item', items_other: '{{count}} items' }, null, 2)}\n`,
    )
    o.log(`created locales/${source}/common.json`)
  }
  o.out('Next: `l10n sync --wait` to order translations, then `l10n status`.')
  return 0
}
