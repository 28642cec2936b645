import { l10n } from '@l10n-sync/vite'
import { build, createLogger } from 'vite'
import { describe, expect, it } from 'vitest'
import { runL10nInProcess } from './utils/cli.ts'
import { projectPerTest, type TestProject } from './utils/project.ts'

// Issue 8, point 5: a scope mistake never passes a gate. An unknown --lang or --ns is a usage
// error (exit 2) for every command, naming the flag, what is known and the near miss; nothing
// is ordered or written. The plugin's `langs` option gets the same check.

const newProject = projectPerTest()

async function setup(): Promise<TestProject> {
  const project = await newProject(
    {
      'locales/en/common.json': { hello: 'Hello', empty: 'Something' },
      'locales/en/admin.json': { title: 'Admin' },
      'locales/ja/common.json': { hello: 'こんにちは', empty: '' },
    },
    { targets: ['ja', 'fr'] },
  )
  return project
}

describe('scope typos are usage errors', () => {
  it('exits 2 for an unknown --lang or --ns in every command, ordering and writing nothing', async () => {
    const p = await setup()
    const cases: [string[], RegExp][] = [
      [['status', '--check', '--lang', 'JA'], /Unknown language 'JA' \(did you mean 'ja'\?\) in `lang`; the config's targets are ja, fr/],
      [['status', '--lang', 'fr,de'], /Unknown language 'de' in `lang`/],
      [['sync', '--lang', 'jp'], /Unknown language 'jp' in `lang`/],
      [['sync', '--lang', '../x'], /Unknown language '\.\.\/x' in `lang`/],
      [['sync', '--dry-run', '--lang', 'ja-JP'], /Unknown language 'ja-JP'/],
      [['quote', '--lang', 'JA,FR'], /Unknown languages 'JA' \(did you mean 'ja'\?\), 'FR' \(did you mean 'fr'\?\)/],
      [
        ['status', '--ns', 'Common'],
        /Unknown namespace 'Common' \(did you mean 'common'\?\) in `ns`; the source has the namespaces admin, common/,
      ],
      [['sync', '--ns', 'nope'], /Unknown namespace 'nope'/],
      [['diff', '--ns', 'nope'], /Unknown namespace 'nope'/],
    ]
    for (const [args, message] of cases) {
      const r = await runL10nInProcess(args, { cwd: p.dir })
      expect({ args, code: r.code }).toEqual({ args, code: 2 })
      expect(r.stderr).toMatch(message)
    }
    // With --json, the error's code is L10N_CONFIG, as the README says.
    const asJson = await runL10nInProcess(['sync', '--lang', 'jp', '--json'], { cwd: p.dir })
    expect(asJson.code).toBe(2)
    expect(JSON.parse(asJson.stdout).error).toMatchObject({ code: 'L10N_CONFIG', exitCode: 2 })
    expect((await p.ledger()).requests).toBe(0)
    expect(p.exists('l10n.lock.json')).toBe(false)
    expect(p.exists('locales/fr/common.json')).toBe(false)
    // A correct scope works, and a "" value counts as missing there.
    const ok = await runL10nInProcess(['status', '--check', '--lang', 'ja', '--json'], { cwd: p.dir })
    expect(ok.code).toBe(1)
    expect(JSON.parse(ok.stdout).languages.ja).toMatchObject({ total: 3, translated: 1, missing: 2 })
  })

  it('the Vite plugin refuses an unknown language in `langs` at start-up', async () => {
    const p = await setup()
    p.write('index.html', '<!doctype html><script type="module" src="/main.js"></script>')
    p.write('main.js', "import r from 'virtual:l10n-sync/resources'\nconsole.log(r)\n")
    const logger = createLogger('silent')
    const error = await build({
      root: p.dir,
      logLevel: 'silent',
      customLogger: logger,
      configFile: false,
      plugins: [l10n({ langs: ['ja', 'JP'] })],
    }).catch((e: unknown) => e)
    expect(String((error as Error)?.message)).toMatch(/Unknown language 'JP' in `l10n\(\{ langs \}\)`; the config's targets are ja, fr/)
    expect((await p.ledger()).requests).toBe(0)
  })

  it('a strict build counts a "" value as missing, and names it', async () => {
    const p = await setup()
    p.write('index.html', '<!doctype html><script type="module" src="/main.js"></script>')
    p.write('main.js', "import r from 'virtual:l10n-sync/resources'\nconsole.log(r)\n")
    const error = await build({
      root: p.dir,
      logLevel: 'silent',
      customLogger: createLogger('silent'),
      configFile: false,
      plugins: [l10n({ sync: false, strict: true, langs: ['ja'] })],
    }).catch((e: unknown) => e)
    expect(String((error as Error)?.message)).toMatch(/strict: 2 key\(s\) are not translated yet \(ja: 2\)/)
    expect(String((error as Error)?.message)).toMatch(/ja\s+common:empty \(missing\)/)
  })
})
