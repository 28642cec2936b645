import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { L10nError, loadConfig } from '@l10n-sync/core'
import { afterEach, describe, expect, it } from 'vitest'
import { tempDir } from './utils/tmp.ts'

let cleanup: (() => void) | undefined
afterEach(() => {
  cleanup?.()
  cleanup = undefined
})

function project(files: Record<string, string>): string {
  const t = tempDir('l10n-config-')
  cleanup = t.cleanup
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(join(t.dir, path, '..'), { recursive: true })
    writeFileSync(join(t.dir, path), content)
  }
  return t.dir
}

const error = (p: Promise<unknown>) =>
  p.then(
    () => undefined,
    (e: unknown) => e as L10nError,
  )

describe('loadConfig', () => {
  it('loads a TypeScript config without a build step, found upwards from cwd, with defaults filled', async () => {
    const dir = project({
      'l10n.config.ts':
        "import { defineConfig } from '@l10n-sync/core'\nconst targets: string[] = ['ja', 'fr']\nexport default defineConfig({ source: 'en', targets, gengo: { tier: 'pro' } })\n",
      'src/deep/file.txt': '',
    })
    const config = await loadConfig({ cwd: join(dir, 'src/deep') })
    expect(config).toMatchObject({
      root: dir,
      configFile: join(dir, 'l10n.config.ts'),
      targets: ['ja', 'fr'],
      files: 'locales/{{lng}}/{{ns}}.json',
      context: 'locales/{{lng}}/{{ns}}.context.json',
      lockfile: join(dir, 'l10n.lock.json'),
      prune: true,
      keepStale: true,
      gengo: { endpoint: 'production', tier: 'pro', maxCredits: 50, batchSize: 200, concurrency: 4, autoApprove: false },
      i18next: { keySeparator: '.', nsSeparator: ':', pluralSeparator: '_', interpolation: { prefix: '{{', suffix: '}}' } },
    })
  })

  it.each([
    ['l10n.config.mts', "export default { source: 'en', targets: ['de'] }"],
    ['l10n.config.js', "export default { source: 'en', targets: ['de'] }"],
    ['l10n.config.mjs', "export default { source: 'en', targets: ['de'] }"],
    ['l10n.config.json', '{ "source": "en", "targets": ["de"] }'],
  ])('loads %s', async (name, content) => {
    const dir = project({ [name]: content, 'package.json': '{"type":"module"}' })
    expect((await loadConfig({ cwd: dir })).targets).toEqual(['de'])
  })

  it.each([
    [{ source: 'en' }, 'targets', /Invalid option `targets` in .*l10n\.config\.json: missing/],
    [{ source: 'en', targets: ['ja'], gengo: { tier: 'gold' } }, 'gengo.tier', /`gengo.tier`.*"gold".*'standard' or 'pro'/],
    [{ source: 'en', targets: ['en'] }, 'targets', /source language cannot also be a target/],
    [{ source: 'en', targets: ['not a language!'] }, 'targets', /`targets`.*"not a language!"/],
    [{ source: 'en', targets: ['ja'], files: 'locales/{{ns}}.json' }, 'files', /`files`.*\{\{lng\}\}/],
    [{ source: 'en', targets: ['ja'], gengo: { maxCredits: -1 } }, 'gengo.maxCredits', /`gengo.maxCredits`/],
    [{ source: 'en', targets: ['ja'], gengo: { batchSize: 500 } }, 'gengo.batchSize', /`gengo.batchSize`.*from 1 to 200/],
    [{ source: 'en', targets: ['ja'], typo: 1 }, 'typo', /Unknown option/],
    [{ source: 'en', targets: ['ja'], gengo: { privateKey: 'sekrit' } }, 'gengo.privateKey', /keys do not belong in the config/],
  ])('names the bad option and the file: %j', async (content, option, message) => {
    const dir = project({ 'l10n.config.json': JSON.stringify(content) })
    const e = await error(loadConfig({ cwd: dir }))
    expect(e).toBeInstanceOf(L10nError)
    expect(e).toMatchObject({ code: 'L10N_CONFIG', option, file: join(dir, 'l10n.config.json') })
    expect((e as Error).message).toMatch(message)
    expect((e as Error).message).not.toContain('sekrit')
  })

  it('reports a missing config, a missing --config file and a syntax error by file', async () => {
    const empty = project({ 'x.txt': '' })
    expect(await error(loadConfig({ cwd: empty }))).toMatchObject({
      code: 'L10N_CONFIG',
      message: expect.stringMatching(/No l10n\.config\.ts/),
    })
    expect(await error(loadConfig({ cwd: empty, configFile: 'nope.ts' }))).toMatchObject({
      message: expect.stringMatching(/Config file not found: .*nope\.ts/),
    })
    const broken = project({ 'l10n.config.ts': 'export default { source: "en", targets: [ }' })
    const e = await error(loadConfig({ cwd: broken }))
    expect(e).toMatchObject({ code: 'L10N_CONFIG', file: join(broken, 'l10n.config.ts') })
    expect((e as Error).message).toMatch(/Could not load the config .*l10n\.config\.ts/)
    const json = project({ 'l10n.config.json': '{"source": "en",\n "targets": [}' })
    expect(((await error(loadConfig({ cwd: json }))) as Error).message).toMatch(/l10n\.config\.json:2:14 is not valid JSON/)
  })

  it('merges inline overrides and leaves process.env alone (a .env is read by the run, not loaded into the process)', async () => {
    const dir = project({
      'l10n.config.json': '{"source":"en","targets":["ja"]}',
      '.env': 'L10N_TEST_ONLY=dotenv\n',
    })
    const config = await loadConfig({ cwd: dir, overrides: { targets: ['fr'], gengo: { maxCredits: 5 } } })
    expect(process.env.L10N_TEST_ONLY).toBeUndefined()
    expect(config.targets).toEqual(['fr'])
    expect(config.gengo.maxCredits).toBe(5)
  })
})
