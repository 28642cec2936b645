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
