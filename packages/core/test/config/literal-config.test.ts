import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { literalConfig } from '../../src/load-config.ts'

// A config that is only data is read as data (no jiti); it must mean exactly what running it gives.

const dir = mkdtempSync(join(tmpdir(), 'l10n-literal-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))
let n = 0

/** What jiti (the loader for everything else) makes of the source. */
async function run(source: string): Promise<unknown> {
  const file = join(dir, `c${n++}.ts`)
  writeFileSync(file, source)
  const { createJiti } = createRequire(import.meta.url)('jiti') as typeof import('jiti')
  const jiti = createJiti(import.meta.url, {
    moduleCache: false,
    fsCache: false,
    virtualModules: { '@l10n-sync/core': { defineConfig: (c: unknown) => c } },
  })
  return jiti.import(file, { default: true })
}

const data = [
  // What `l10n init` writes.
  `import { defineConfig } from '@l10n-sync/core'

export default defineConfig({
  source: 'en',
  targets: ['ja', 'fr', 'zh-Hans'],
  files: 'locales/{{lng}}/{{ns}}.json',
  gengo: {
    // 'emulator' runs a local Gengo stand-in; use 'production' with GENGO_PUBLIC_KEY / GENGO_PRIVATE_KEY set.
    endpoint: 'emulator',
    tier: 'standard',
    maxCredits: 50,
    /* block comment */ acceptReviewable: true,
  },
})
`,
  // What the bench writes: JSON inside defineConfig.
  `import { defineConfig } from "@l10n-sync/core";\n\nexport default defineConfig({\n  "source": "en",\n  "targets": ["ja"],\n  "gengo": { "endpoint": "http://127.0.0.1:9/v2/", "maxCredits": 1.5e3, "x": -0.25, "n": null, "f": false }\n});\n`,
  `export default { source: 'en', targets: ['ja'], languageMap: { 'zh-Hans': 'zh' }, s: 'it\\'s \\u00e9\\x41\\n\\t"q"', e: [], o: {}, d: { a: 1, a: 2 }, }\n`,
]

const code = [
  `import { defineConfig } from '@l10n-sync/core'\nexport default defineConfig({ source: 'en', targets: process.env.T ? ['ja'] : ['fr'] })\n`,
  `import { defineConfig } from '@l10n-sync/core'\nconst targets = ['ja']\nexport default defineConfig({ source: 'en', targets })\n`,
  `import type { L10nConfig } from '@l10n-sync/core'\nexport default { source: 'en', targets: ['ja'] } satisfies L10nConfig\n`,
  `export default defineConfig({ source: 'en', targets: ['ja'] })\n`, // defineConfig not imported: running it throws
  `export default { source: 'en', targets: ['ja'], maxCredits: 1_000 }\n`,
  `export default { source: \`en\`, targets: ['ja'] }\n`,
  `export default { __proto__: { source: 'en' }, targets: ['ja'] }\n`,
  `export default { source: 'en', targets: ['ja'] }\nconsole.log('side effect')\n`,
  `export default { source: 'en\\0', targets: ['ja'] }\n`,
]

describe('literalConfig', () => {
  it.each(data.map((s, i) => [i, s]))('reads data config %i as running it gives', async (_, source) => {
    const value = literalConfig(source as string)
    expect(value).toBeDefined()
    expect(value).toEqual(await run(source as string))
  })

  it.each(code.map((s, i) => [i, s]))('leaves config %i, which is code, to be run', (_, source) => {
    expect(literalConfig(source as string)).toBeUndefined()
  })
})
