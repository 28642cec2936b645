import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { loadConfig } from '../../src/load-config.ts'

let dir: string | undefined
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true })
  dir = undefined
})

function project(config?: unknown): string {
  dir = mkdtempSync(join(tmpdir(), 'l10n-load-config-'))
  if (config !== undefined) writeFileSync(join(dir, 'l10n.config.json'), JSON.stringify(config))
  return dir
}

describe('loadConfig overrides', () => {
  it('replace arrays (targets, nested lists) rather than joining them, and merge objects key by key', async () => {
    const cwd = project({
      source: 'en',
      targets: ['ja', 'de'],
      prune: false,
      languageMap: { 'zh-Hans': 'zh' },
      i18next: { keySeparator: false, transKeepBasicHtmlNodesFor: ['br', 'b'] },
      gengo: { tier: 'pro', maxCredits: 10 },
    })
    const config = await loadConfig({
      cwd,
      overrides: {
        targets: ['fr'],
        languageMap: { 'pt-BR': 'pt-br' },
        i18next: { transKeepBasicHtmlNodesFor: ['em'] },
        gengo: { maxCredits: 5 },
      },
    })
    expect(config.targets).toEqual(['fr'])
    expect(config.languageMap).toEqual({ 'zh-Hans': 'zh', 'pt-BR': 'pt-br' })
    expect(config.i18next.keySeparator).toBe(false)
    expect(config.i18next.interpolation.keepBasicHtmlNodesFor).toEqual(['em'])
    expect(config.gengo).toMatchObject({ tier: 'pro', maxCredits: 5 })
  })

  it("leave the file's value where they hold undefined or null (defu: not given)", async () => {
    const cwd = project({ source: 'en', targets: ['ja'], prune: false, gengo: { tier: 'pro' } })
    const config = await loadConfig({ cwd, overrides: { prune: undefined, targets: null, gengo: { tier: undefined } } })
    expect(config).toMatchObject({ prune: false, targets: ['ja'], gengo: { tier: 'pro' } })
  })

  it('stand alone without a config file, rooted at cwd', async () => {
    const cwd = project()
    const config = await loadConfig({ cwd, overrides: { source: 'en', targets: ['ja'] } })
    expect(config).toMatchObject({ root: cwd, configFile: undefined, targets: ['ja'], lockfile: join(cwd, 'l10n.lock.json') })
  })

  it('are still validated, naming the option', async () => {
    const cwd = project({ source: 'en', targets: ['ja'] })
    await expect(loadConfig({ cwd, overrides: { gengo: { batchSize: 500 } } })).rejects.toMatchObject({
      code: 'L10N_CONFIG',
      option: 'gengo.batchSize',
    })
  })
})

describe('a .mjs or .js config outside any install of @l10n-sync/core (pnpm, Yarn PnP: issue 23 §4)', () => {
  // The temp dir is outside the workspace: `import … from '@l10n-sync/core'` does not resolve from there, as in an app
  // that installed only the CLI and the plugin under pnpm's strict node_modules.
  const write = (name: string, text: string) => {
    const cwd = project()
    writeFileSync(join(cwd, name), text)
    return cwd
  }

  it('loads a data-only one without importing anything', async () => {
    const cwd = write(
      'l10n.config.mjs',
      "import { defineConfig } from '@l10n-sync/core'\nexport default defineConfig({ source: 'en', targets: ['ja'] })\n",
    )
    expect((await loadConfig({ cwd })).targets).toEqual(['ja'])
  })

  it('runs one with code in it, handing it the config API (defineConfig, CONFIG_DEFAULTS)', async () => {
    for (const name of ['l10n.config.mjs', 'l10n.config.js']) {
      const cwd = write(
        name,
        "import { defineConfig, CONFIG_DEFAULTS } from '@l10n-sync/core'\nconst langs = ['ja', 'fr'].filter((l) => l !== 'fr')\nexport default defineConfig({ source: 'en', targets: langs, maxLength: CONFIG_DEFAULTS.maxLength - 1 })\n",
      )
      const config = await loadConfig({ cwd })
      expect(config.targets, name).toEqual(['ja'])
      expect(config.maxLength, name).toBe(9_999)
    }
  })

  it('still names any other package that is missing', async () => {
    const cwd = write('l10n.config.mjs', "import x from 'no-such-package-l10n'\nexport default { source: 'en', targets: [x] }\n")
    await expect(loadConfig({ cwd })).rejects.toMatchObject({
      code: 'L10N_CONFIG',
      message: expect.stringMatching(/^\[l10n\] Could not load the config .*l10n\.config\.mjs: .*'no-such-package-l10n'/),
    })
  })
})
