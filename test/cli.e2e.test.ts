import { spawn } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { ANSI, L10N_BIN, runL10n, runL10nInProcess, runL10nTty } from './utils/cli.ts'
import { createProject, TEST_KEYS, type TestProject } from './utils/project.ts'
import { tempDir } from './utils/tmp.ts'

const EN = { hello: 'Hello {{name}}', bye: 'Goodbye', items_one: '{{count}} item', items_other: '{{count}} items' }
const cleanups: (() => unknown)[] = []
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c()
})

async function project(config = {}, emu = {}, files: Record<string, unknown> = { 'locales/en/common.json': EN }): Promise<TestProject> {
  const p = await createProject(files, { targets: ['ja', 'ru'], ...config }, emu)
  cleanups.push(p.cleanup)
  return p
}

const LANGUAGE_FIELDS = ['total', 'translated', 'missing', 'stale', 'pending', 'written', 'invalid']

describe('l10n sync', () => {
  it('--json prints exactly one JSON object with the documented schema; a second run orders nothing', async () => {
    const p = await project()
    const r = await runL10nInProcess(['sync', '--wait', '30', '--poll', '0.05', '--json'], { cwd: p.dir })
    expect(r.code).toBe(0)
    const out = JSON.parse(r.stdout)
    expect(out).toMatchObject({
      command: 'sync',
      complete: true,
      ordered: { jobs: 9, credits: expect.any(Number), currency: 'USD' },
      reused: 0,
      requests: expect.any(Number),
    })
    for (const lng of ['ja', 'ru']) for (const f of LANGUAGE_FIELDS) expect(typeof out.languages[lng][f]).toBe('number')
    expect(out.languages.ru).toMatchObject({ total: 6, translated: 6, written: 6, missing: 0, pending: 0, invalid: 0 })
    expect(r.stderr).toMatch(/posted batch/)
    const again = await runL10nInProcess(['sync', '--json'], { cwd: p.dir })
    expect(JSON.parse(again.stdout)).toMatchObject({ ordered: { jobs: 0, credits: 0 }, requests: 0, files: [] })
  })

  it('prints a compact human summary per language, with credits ordered versus reused free', async () => {
    const p = await project()
    const r = await runL10nInProcess(['sync', '--wait=30', '--poll=0.05'], { cwd: p.dir })
    expect(r.code).toBe(0)
    expect(r.stdout).toMatch(/lang\s+total\s+translated\s+missing\s+stale\s+pending\s+written\s+invalid/)
    expect(r.stdout).toMatch(/ru\s+6\s+6\s+0\s+0\s+0\s+6\s+0/)
    expect(r.stdout).toMatch(/ordered 9 job\(s\) for 0\.\d\d USD · 0 reused free \(lazy loading\)/)
    expect(r.stderr).toMatch(/wrote locales\/ru\/common\.json/)
    expect(r.stdout).not.toMatch(ANSI)
  })

  it('--dry-run prints the quote per language and orders nothing; --lang and --ns narrow it', async () => {
    const p = await project({}, {}, { 'locales/en/common.json': EN, 'locales/en/shop.json': { buy: 'Buy now' } })
    const dry = await runL10nInProcess(['sync', '--dry-run'], { cwd: p.dir })
    expect(dry.code).toBe(0)
    expect(dry.stdout).toMatch(/Would order 11 job\(s\), \d+ unit\(s\), for \d+\.\d\d USD \(Gengo quote\):/)
    expect(dry.stdout).toMatch(/ja\s+4 key\(s\)\s+4 job\(s\)/)
    const narrow = await runL10nInProcess(['sync', '--dry-run', '--lang', 'ru', '--ns', 'shop', '--json'], { cwd: p.dir })
    const out = JSON.parse(narrow.stdout)
    expect(out.quote).toMatchObject({ jobs: 1, languages: { ru: { jobs: 1 } } })
    expect(Object.keys(out.languages)).toEqual(['ru'])
    expect((await p.ledger()).jobs_created).toBe(0)
    expect(p.exists('l10n.lock.json')).toBe(false)
  })

  it('--wait exits 1 when time runs out and lists what is still pending', async () => {
    const p = await project({}, { speed: 'realistic' })
    const r = await runL10nInProcess(['sync', '--wait', '0.3', '--poll', '0.1'], { cwd: p.dir })
    expect(r.code).toBe(1)
    expect(r.stderr).toMatch(/Time ran out with 9 key\(s\) still pending:/)
    expect(r.stderr).toMatch(/ru common:items_few/)
  })

  it('pruning lists the keys it deletes', async () => {
    const p = await project(
      { targets: ['ja'] },
      {},
      { 'locales/en/common.json': { a: 'A' }, 'locales/ja/common.json': { a: 'あ', old: '古い' } },
    )
    const r = await runL10nInProcess(['sync'], { cwd: p.dir })
    expect(r.stderr).toMatch(/pruned ja common:old \(no longer in the source\)/)
    expect(p.readJson('locales/ja/common.json')).toEqual({ a: 'あ' })
  })

  it('takes every option from l10n.config.* too; flags win', async () => {
    const p = await project({ cli: { sync: { dryRun: true, lang: ['ja'] }, status: { check: true } } })
    const r = await runL10nInProcess(['sync', '--json'], { cwd: p.dir })
    expect(JSON.parse(r.stdout)).toMatchObject({ dryRun: true, quote: { jobs: 3 } })
    const flagWins = await runL10nInProcess(['sync', '--json', '--lang', 'ru'], { cwd: p.dir })
    expect(JSON.parse(flagWins.stdout).quote.jobs).toBe(6)
    expect((await runL10nInProcess(['status'], { cwd: p.dir })).code).toBe(1)
    p.write('l10n.config.mjs', p.read('l10n.config.mjs').replace('"check": true', '"chekc": true'))
    const bad = await runL10nInProcess(['status'], { cwd: p.dir })
    expect(bad.code).toBe(2)
    expect(bad.stderr).toMatch(/Unknown option `cli\.status\.chekc` in .*l10n\.config\.mjs/)
  })

  it('when GITHUB_ACTIONS=true, invalid translations and pending work become annotations', async () => {
    const p = await project({ targets: ['ja'] }, {})
    await p.admin('POST', 'faults', { kind: 'placeholder', mode: 'alter' })
    await runL10nInProcess(['sync'], { cwd: p.dir })
    const r = await runL10nInProcess(['sync'], { cwd: p.dir, env: { GITHUB_ACTIONS: 'true' } })
    expect(r.stdout).toMatch(
      /^::warning file=locales\/ja\/common\.json,title=Invalid translation not written::ja common:hello: the translation lost \{\{name\}\} and added \{\{name_x\}\}/m,
    )
    const s = await runL10nInProcess(['status', '--check'], { cwd: p.dir, env: { GITHUB_ACTIONS: 'true' } })
    expect(s.code).toBe(1)
    expect(s.stdout).toMatch(/^::warning file=locales\/ja\/common\.json,title=Translations not done::1 invalid/m)
  })

  // Spawned: SIGINT reaches the real bin's handler, which aborts the run's signal.
  it('Ctrl-C during --wait stops after the current step and leaves files and lock consistent', async () => {
    const p = await project({}, { speed: 'realistic' })
    const child = spawn(process.execPath, [L10N_BIN, 'sync', '--wait', '600', '--poll', '0.2'], {
      cwd: p.dir,
      env: { ...process.env, NO_COLOR: '1' },
    })
    let stderr = ''
    child.stderr.on('data', (d) => {
      stderr += d
    })
    for (let i = 0; i < 300 && !/waiting:/.test(stderr); i++) await new Promise((r) => setTimeout(r, 100))
    expect(stderr).toMatch(/waiting:/)
    child.kill('SIGINT')
    const code = await new Promise((r) => child.once('close', r))
    expect(code).toBe(1)
    expect(stderr).toMatch(/Interrupted: files and lock are consistent/)
    const lock = JSON.parse(readFileSync(join(p.dir, 'l10n.lock.json'), 'utf8'))
    expect(Object.keys(lock.targets.ru.common).sort()).toEqual(['bye', 'hello', 'items_few', 'items_many', 'items_one', 'items_other'])
    expect(Object.values(lock.targets.ru.common).every((e) => (e as { s: string }).s === 'pending')).toBe(true)
    // The next run picks up where it stopped: nothing is ordered again.
    await p.admin('POST', 'finish')
    const again = await runL10nInProcess(['sync', '--json'], { cwd: p.dir })
    expect(JSON.parse(again.stdout)).toMatchObject({ complete: true, ordered: { jobs: 0 } })
    expect((await p.ledger()).jobs_created).toBe(9)
  })
})

describe('l10n status, quote, diff', () => {
  it('status needs no network; --check exits 1 while anything is not done, 0 after', async () => {
    const p = await project()
    const before = await runL10nInProcess(['status', '--check', '--json'], { cwd: p.dir })
    expect(before.code).toBe(1)
    const out = JSON.parse(before.stdout)
    expect(out).toMatchObject({
      command: 'status',
      complete: false,
      languages: { ja: { total: 3, missing: 3 }, ru: { total: 6, missing: 6 } },
    })
    expect(out.keys).toContainEqual({ lng: 'ru', ns: 'common', key: 'items_few', state: 'missing' })
    expect((await p.ledger()).requests).toBe(0)
    await runL10nInProcess(['sync', '--wait', '30', '--poll', '0.05'], { cwd: p.dir })
    const after = await runL10nInProcess(['status', '--check'], { cwd: p.dir })
    expect(after.code).toBe(0)
    expect(after.stdout).toMatch(/Every key is translated\./)
    const lang = await runL10nInProcess(['status', '--json', '--lang', 'ja'], { cwd: p.dir })
    expect(Object.keys(JSON.parse(lang.stdout).languages)).toEqual(['ja'])
  })

  it('quote prints what a sync would order and cost', async () => {
    const p = await project()
    const r = await runL10nInProcess(['quote'], { cwd: p.dir })
    expect(r.code).toBe(0)
    expect(r.stdout).toMatch(/A sync would order 9 job\(s\), \d+ unit\(s\), for \d+\.\d\d USD:/)
    const j = JSON.parse((await runL10nInProcess(['quote', '--json'], { cwd: p.dir })).stdout)
    expect(j).toMatchObject({ command: 'quote', jobs: 9, overBudget: false, languages: { ja: { jobs: 3 }, ru: { jobs: 6 } } })
    expect((await p.ledger()).jobs_created).toBe(0)
  })

  it('diff shows source changes since the last sync', async () => {
    const p = await project({ targets: ['ja'] })
    await runL10nInProcess(['sync'], { cwd: p.dir })
    p.write('locales/en/common.json', { ...EN, bye: 'See you', extra: 'New' })
    const r = await runL10nInProcess(['diff'], { cwd: p.dir })
    expect(r.code).toBe(0)
    expect(r.stdout).toMatch(/common \(locales\/en\/common\.json\)/)
    expect(r.stdout).toMatch(/-\s+bye: "Goodbye"/)
    expect(r.stdout).toMatch(/\+\s+bye: "See you"/)
    const j = JSON.parse((await runL10nInProcess(['diff', '--json'], { cwd: p.dir })).stdout)
    expect(j.namespaces.common).toEqual({ added: ['extra'], removed: [], changed: [{ key: 'bye', from: 'Goodbye', to: 'See you' }] })
  })
})

describe('exit codes and errors', () => {
  it('usage errors exit 2: unknown flag, unknown command, a bad value', async () => {
    const { dir, cleanup } = tempDir()
    cleanups.push(cleanup)
    const flag = await runL10nInProcess(['sync', '--frobnicate'], { cwd: dir })
    expect(flag.code).toBe(2)
    expect(flag.stderr).toMatch(/Unknown option `--frobnicate`/)
    const cmd = await runL10nInProcess(['translate'], { cwd: dir })
    expect(cmd.code).toBe(2)
    expect(cmd.stderr).toMatch(/Unknown command `translate`/)
    expect((await runL10nInProcess([], { cwd: dir })).code).toBe(2)
    // A negative number names its flag, not "Unknown option `-1`".
    for (const args of [
      ['sync', '--poll', '-1'],
      ['sync', '--wait', '-5'],
    ]) {
      const neg = await runL10nInProcess(args, { cwd: dir })
      expect(neg.code).toBe(2)
      expect(neg.stderr).toContain(`${args[1]} needs a number ≥ 0 (got ${args[2]})`)
    }
  })

  it('config errors exit 2 and name the file: missing, bad option, unknown language, syntax error', async () => {
    const { dir, cleanup } = tempDir()
    cleanups.push(cleanup)
    const missing = await runL10nInProcess(['status'], { cwd: dir })
    expect(missing.code).toBe(2)
    expect(missing.stderr).toMatch(/No l10n\.config\.ts .* found in/)
    const p = await project()
    const explicit = await runL10nInProcess(['status', '--config', 'other.config.ts'], { cwd: p.dir })
    expect(explicit.code).toBe(2)
    expect(explicit.stderr).toMatch(/Config file not found: .*other\.config\.ts/)
    p.write('l10n.config.mjs', 'export default { source: "en", targets: ["ja"], gengo: { tier: "gold" } }')
    const bad = await runL10nInProcess(['status', '--json'], { cwd: p.dir })
    expect(bad.code).toBe(2)
    expect(bad.stderr).toMatch(/Invalid option `gengo\.tier` in .*l10n\.config\.mjs: "gold"/)
    expect(JSON.parse(bad.stdout)).toMatchObject({ error: { code: 'L10N_CONFIG', exitCode: 2 } })
    p.write('l10n.config.mjs', `export default { source: "en", targets: ["ja", "tlh"], gengo: { endpoint: "${p.emulator.url}" } }`)
    const lang = await runL10nInProcess(['sync'], { cwd: p.dir })
    expect(lang.code).toBe(2)
    expect(lang.stderr).toMatch(/Gengo does not offer en → tlh/)
    p.write('l10n.config.mjs', 'export default { source: "en", targets: [ }')
    const syntax = await runL10nInProcess(['status'], { cwd: p.dir })
    expect(syntax.code).toBe(2)
    expect(syntax.stderr).toMatch(/Could not load the config .*l10n\.config\.mjs/)
  })

  // Spawned: the real bin's exit code after a command fails (process.exitCode from runCli's result).
  it('a failed run exits 1: the budget refusal', async () => {
    const p = await project({ gengo: { maxCredits: 0.01 } })
    const r = await runL10n(['sync'], { cwd: p.dir })
    expect(r.code).toBe(1)
    expect(r.stderr).toMatch(/over gengo\.maxCredits \(0\.01\).*Nothing was ordered/)
  })

  it('--cwd, --config, --help and --version', async () => {
    const p = await project()
    const { dir, cleanup } = tempDir()
    cleanups.push(cleanup)
    p.write('alt.config.mjs', p.read('l10n.config.mjs').replace('"targets": [\n    "ja",\n    "ru"\n  ]', '"targets": ["ja"]'))
    const viaCwd = await runL10nInProcess(['status', '--json', '--cwd', p.dir], { cwd: dir })
    expect(Object.keys(JSON.parse(viaCwd.stdout).languages)).toEqual(['ja', 'ru'])
    const viaConfig = await runL10nInProcess(['status', '--json', '--config', 'alt.config.mjs'], { cwd: p.dir })
    expect(viaConfig.code).toBe(0)
    expect(Object.keys(JSON.parse(viaConfig.stdout).languages)).toEqual(['ja'])
    const help = await runL10nInProcess(['--help'], { cwd: dir })
    expect(help.code).toBe(0)
    for (const cmd of ['sync', 'status', 'quote', 'diff', 'emulator', 'init']) expect(help.stdout).toContain(cmd)
    const syncHelp = await runL10nInProcess(['sync', '--help'], { cwd: dir })
    expect(syncHelp.stdout).toMatch(/--wait \[seconds\]/)
    expect(syncHelp.stdout).toMatch(/--dry-run/)
    // Spawned: the real bin starts (tsx, no core loaded for --version) and prints to its stdout.
    const version = await runL10n(['--version'], { cwd: dir })
    expect(version.stdout).toMatch(/l10n\/\d+\.\d+\.\d+/)
  })

  it('the private key appears in no output, at any verbosity', async () => {
    const p = await project()
    const r = await runL10nInProcess(['sync', '--verbose', '--wait', '30', '--poll', '0.05'], { cwd: p.dir })
    expect(r.stderr).toMatch(/POST translate\/jobs → 200/)
    const wrong = await runL10nInProcess(['sync', '--verbose'], { cwd: p.dir, env: { GENGO_PRIVATE_KEY: 'a-wrong-private-key' } })
    p.write('locales/en/common.json', { ...EN, more: 'More' })
    const wrong2 = await runL10nInProcess(['sync', '--verbose', '--json'], {
      cwd: p.dir,
      env: { GENGO_PRIVATE_KEY: 'a-wrong-private-key' },
    })
    expect(wrong2.code).toBe(1)
    expect(wrong2.stderr).toMatch(/Gengo error 1000/)
    for (const out of [r, wrong, wrong2]) {
      const all = out.stdout + out.stderr
      expect(all).not.toContain(TEST_KEYS.privateKey)
      expect(all).not.toContain('a-wrong-private-key')
      expect(all).not.toMatch(/api_sig=[0-9a-f]/)
    }
    // Nor in anything written to disk: the lock, the locale files, the config.
    const written = [
      p.read('l10n.lock.json'),
      p.read('locales/ja/common.json'),
      p.read('locales/ru/common.json'),
      p.read('l10n.config.mjs'),
    ].join('\n')
    expect(written).toContain('"version": 1')
    expect(written).not.toContain(TEST_KEYS.privateKey)
    expect(written).not.toContain('a-wrong-private-key')
  })
})

describe('terminal output', () => {
  // Spawned under `script`: a real pseudo-terminal (the bar and colours follow stdout/stderr being TTYs).
  it('on a TTY: colour and a progress bar; NO_COLOR turns colour off; off a TTY: plain lines', async () => {
    const p = await project({}, { speed: 'fast' })
    const tty = await runL10nTty(['sync', '--wait', '30', '--poll', '0.3'], { cwd: p.dir })
    expect(tty.code).toBe(0)
    expect(tty.stdout).toMatch(ANSI)
    expect(tty.stdout).toMatch(/posting .*[█░]+.* 2\/2/)
    expect(tty.stdout).toMatch(/waiting .*[█░]+.*translated · ETA/)
    const noColor = await runL10nTty(['status'], { cwd: p.dir, env: { NO_COLOR: '1' } })
    expect(noColor.stdout).toMatch(/lang\s+total/)
    expect(noColor.stdout).not.toMatch(ANSI)
    const plain = await runL10nInProcess(['status'], { cwd: p.dir })
    expect(plain.stdout).not.toMatch(ANSI)
  })
})

describe('l10n emulator and the newcomer flow', () => {
  it('l10n emulator --port --speed --state --rate-limit --quirks serves Gengo', async () => {
    const { dir, cleanup } = tempDir()
    cleanups.push(cleanup)
    // In-process: it serves until its signal aborts (what Ctrl-C does in the bin).
    const controller = new AbortController()
    let running: Promise<unknown> = Promise.resolve()
    const url = await new Promise<string>((resolve) => {
      running = runL10nInProcess(
        ['emulator', '--port', '0', '--speed', 'instant', '--state', join(dir, 's.json'), '--rate-limit', '3', '--quirks', 'legacy'],
        { cwd: dir, signal: controller.signal, onStdout: (chunk) => resolve(chunk.match(/listening on (\S+)/)?.[1] ?? '') },
      )
    })
    cleanups.push(async () => {
      controller.abort()
      await running
    })
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v2\/$/)
    const statuses = []
    for (let i = 0; i < 4; i++) statuses.push((await fetch(`${url}translate/service/languages`)).status)
    expect(statuses).toEqual([200, 200, 200, 429])
    const bad = await runL10nInProcess(['emulator', '--speed', 'warp'], { cwd: dir })
    expect(bad.code).toBe(2)
  })

  it('init, sync, status: a newcomer’s first minutes', async () => {
    const { dir, cleanup } = tempDir()
    cleanups.push(cleanup)
    // Without --yes (and no TTY to ask on): the diff, and nothing written.
    const preview = await runL10nInProcess(['init', '--targets', 'ja,de'], { cwd: dir })
    expect(preview.code).toBe(0)
    expect(preview.stdout).toMatch(/^\+\+\+ b\/l10n\.config\.ts$/m)
    expect(preview.stdout).toMatch(/^\+\.l10n\/$/m)
    expect(preview.stderr).toMatch(/Nothing written\. Run `l10n init --yes`/)
    expect(existsSync(join(dir, 'l10n.config.ts'))).toBe(false)
    const init = await runL10nInProcess(['init', '--targets', 'ja,de', '--yes'], { cwd: dir })
    expect(init.code).toBe(0)
    expect(readFileSync(join(dir, 'l10n.config.ts'), 'utf8')).toMatch(/endpoint: 'emulator'/)
    expect(readFileSync(join(dir, '.gitignore'), 'utf8')).toMatch(/^\.l10n\/$/m)
    const sync = await runL10nInProcess(['sync', '--wait', '60', '--poll', '0.5'], { cwd: dir })
    expect(sync.code).toBe(0)
    expect(JSON.parse(readFileSync(join(dir, 'locales/de/common.json'), 'utf8'))).toEqual({
      welcome: '[de] Wélcómé, {{name}}!',
      items_one: '[de] {{count}} ítém',
      items_other: '[de] {{count}} ítéms',
    })
    const status = await runL10nInProcess(['status', '--check'], { cwd: dir })
    expect(status.code).toBe(0)
    // Again: it only adds what is missing, and nothing is.
    const again = await runL10nInProcess(['init', '--yes'], { cwd: dir })
    expect(again.code).toBe(0)
    expect(again.stdout).toMatch(/Nothing to do: l10n-sync is set up here\./)
  })
})
