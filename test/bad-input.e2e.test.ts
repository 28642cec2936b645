import { chmodSync, lstatSync, mkdirSync, readdirSync, readFileSync, readlinkSync, statSync, symlinkSync, writeFileSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { type RunningEmulator, startEmulator } from '@l10n-sync/gengo-emulator'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runL10n, runL10nInProcess } from './utils/cli.ts'
import { ROOT } from './utils/pack.ts'
import { configSource, TEST_KEYS } from './utils/project.ts'
import { tempDir } from './utils/tmp.ts'

/**
 * Bad input, table-driven, through the real `l10n` command (in-process) against one emulator
 * over HTTP. Each kind must: exit 2 for usage/config/lock errors and 1 otherwise; say on stderr
 * which file, key or option is at fault and what to do; order nothing (the emulator's ledger);
 * and leave every byte of the project as it was (no file written, truncated or created).
 */

const EN = { title: 'Hello, {{name}}!', nav: { home: 'Home', settings: 'Settings' } }
const JA = { title: 'こんにちは、{{name}}！', nav: { home: 'ホーム', settings: '設定' } }
const json = (v: unknown) => `${JSON.stringify(v, null, 2)}\n`

interface Case {
  name: string
  /** Files of the project (strings or Buffers as they are, anything else as JSON); EN source by default. */
  files?: Record<string, unknown>
  /** Config overrides (merged into the default), or the raw text of `l10n.config.mjs`. */
  config?: Record<string, unknown> | string
  /** Other changes to the tree: symlinks, directories, permissions. */
  setup?: (dir: string, outside: string) => void
  args?: string[]
  env?: Record<string, string | undefined>
  exit: 1 | 2
  /** Must match stderr: the file, key or option, and what to do. */
  message: RegExp
  /** Emulator faults for this run (hostile or broken answers), cleared after it. */
  faults?: Record<string, unknown>[]
  /** No source file (the default is EN in locales/en/common.json). */
  noSource?: boolean
  /** Gengo requests are allowed (a refusal that needs Gengo's answer, e.g. an unsupported language), but still no quote or order. */
  requests?: boolean
}

const LOCK = (targets: unknown) => json({ version: 1, source: 'en', strings: { common: { title: EN.title } }, targets })

const CASES: Case[] = [
  // --- source files: syntax
  {
    name: 'malformed JSON (line and column)',
    files: { 'locales/en/common.json': '{\n  "title": "Hello",\n  "nav": \n}\n' },
    exit: 1,
    message: /locales\/en\/common\.json:4:1 is not valid JSON.*Fix the file/,
  },
  {
    name: 'trailing comma',
    files: { 'locales/en/common.json': '{\n  "title": "Hello",\n}\n' },
    exit: 1,
    message: /locales\/en\/common\.json:3:1 is not valid JSON.*Fix the file/,
  },
  { name: 'empty file', files: { 'locales/en/common.json': '' }, exit: 1, message: /locales\/en\/common\.json:1:1 is not valid JSON/ },
  {
    name: 'a BOM before malformed JSON',
    files: { 'locales/en/common.json': '\uFEFF{"title": }' },
    exit: 1,
    message: /locales\/en\/common\.json:1:\d+ is not valid JSON/,
  },
  {
    name: 'a comment in JSON',
    files: { 'locales/en/common.json': '{ // hi\n "a": "b" }' },
    exit: 1,
    message: /common\.json:1:3 is not valid JSON/,
  },
  {
    name: 'a top-level array',
    files: { 'locales/en/common.json': '["Hello"]' },
    exit: 1,
    message: /locales\/en\/common\.json must hold a JSON object of keys, not an array/,
  },
  {
    name: 'a top-level string',
    files: { 'locales/en/common.json': '"Hello"' },
    exit: 1,
    message: /locales\/en\/common\.json must hold a JSON object of keys, not string/,
  },
  {
    name: 'duplicate keys',
    files: { 'locales/en/common.json': '{\n  "title": "Hello",\n  "title": "Hi"\n}\n' },
    exit: 1,
    message: /locales\/en\/common\.json:3:3: key "title" is defined twice in the same object.*Remove or rename one/,
  },
  {
    name: 'duplicate nested keys',
    files: { 'locales/en/common.json': '{"nav": {"home": "Home", "home": "Start"}}' },
    exit: 1,
    message: /locales\/en\/common\.json:1:\d+: key "nav\.home" is defined twice/,
  },
  {
    name: 'a flat key colliding with a nested path',
    files: { 'locales/en/common.json': { 'a.b': 'flat', a: { b: 'nested' } } },
    exit: 1,
    message: /locales\/en\/common\.json: key "a\.b" is defined twice.*they collide\. Rename one/,
  },
  {
    name: 'nesting 100,000 deep',
    files: { 'locales/en/common.json': `${'{"a":'.repeat(100_000)}"x"${'}'.repeat(100_000)}` },
    exit: 1,
    message: /locales\/en\/common\.json:1:\d+ nests deeper than 100 levels.*Flatten the structure/,
  },
  {
    name: 'nested objects under keySeparator false',
    files: { 'locales/en/common.json': EN },
    config: { i18next: { keySeparator: false } },
    exit: 1,
    message: /locales\/en\/common\.json: key "nav" holds an object, but i18next\.keySeparator is false/,
  },
  // --- source files: values
  {
    name: 'a number value',
    files: { 'locales/en/common.json': { title: 'Hi', count: 5 } },
    exit: 1,
    message: /locales\/en\/common\.json: key "count" is a number \(5\), but only strings can be translated\. Make it a string \("5"\)/,
  },
  {
    name: 'a boolean value',
    files: { 'locales/en/common.json': { title: 'Hi', flags: { beta: true } } },
    exit: 1,
    message: /key "flags\.beta" is a boolean \(true\).*Make it a string/,
  },
  {
    name: 'a null value',
    files: { 'locales/en/common.json': { title: 'Hi', later: null } },
    exit: 1,
    message: /locales\/en\/common\.json: key "later" is null, but only strings can be translated/,
  },
  {
    name: 'invalid UTF-8',
    files: { 'locales/en/common.json': Buffer.concat([Buffer.from('{\n  "title": "caf'), Buffer.from([0xe9]), Buffer.from('"\n}\n')]) },
    exit: 1,
    message: /locales\/en\/common\.json:2:\d+: key "title" is not valid UTF-8\. Save the file as UTF-8/,
  },
  {
    name: 'a lone surrogate escape',
    files: { 'locales/en/common.json': '{"title": "bad \\ud800 half"}' },
    exit: 1,
    message: /locales\/en\/common\.json: key "title" holds a lone UTF-16 surrogate.*Fix or remove the escape/,
  },
  {
    name: 'a NUL character',
    files: { 'locales/en/common.json': '{"nav": {"home": "Ho\\u0000me"}}' },
    exit: 1,
    message: /locales\/en\/common\.json: key "nav\.home" holds the control character U\+0000.*Remove it/,
  },
  {
    name: 'an escape control character',
    files: { 'locales/en/common.json': '{"title": "\\u001b[31mred"}' },
    exit: 1,
    message: /key "title" holds the control character U\+001B/,
  },
  {
    name: 'a value over maxLength',
    files: { 'locales/en/common.json': { title: 'Hi', long: 'x'.repeat(10_001) } },
    exit: 1,
    message: /locales\/en\/common\.json: key "long" is 10001 characters long, over maxLength 10000\. Split it, or raise `maxLength`/,
  },
  {
    name: 'a value over a small maxLength',
    files: { 'locales/en/common.json': EN },
    config: { maxLength: 5 },
    exit: 1,
    message: /key "title" is 16 characters long, over maxLength 5/,
  },
  {
    name: '[[[ in source text',
    files: { 'locales/en/common.json': { title: 'Keep [[[this]]] as is' } },
    exit: 1,
    message: /locales\/en\/common\.json: key "title" contains "\[\[\[" or "\]\]\]".*Remove them/,
  },
  {
    name: ']]] alone in source text',
    files: { 'locales/en/common.json': { title: 'odd ]]] end' } },
    exit: 1,
    message: /key "title" contains "\[\[\[" or "\]\]\]"/,
  },
  // --- source files: where they are
  {
    name: 'a source path that is a directory',
    files: { 'locales/en/common.json/x.txt': 'not a file' },
    exit: 1,
    message: /locales\/en\/common\.json is a directory, where a source file should be\. Remove or rename the directory/,
  },
  {
    name: 'a missing source',
    files: { 'locales/ja/common.json': JA },
    noSource: true,
    exit: 1,
    message: /No source files found for 'en' with the pattern locales\/\{\{lng\}\}\/\{\{ns\}\}\.json.*Check `files` and `source`/,
  },
  // --- target files
  {
    name: 'malformed target JSON',
    files: { 'locales/ja/common.json': '{"title": "x",,}' },
    exit: 1,
    message: /locales\/ja\/common\.json:1:15 is not valid JSON/,
  },
  {
    name: 'duplicate keys in a target',
    files: { 'locales/ja/common.json': '{"title": "a", "title": "b"}' },
    exit: 1,
    message: /locales\/ja\/common\.json:1:16: key "title" is defined twice/,
  },
  {
    name: 'a target that is a directory',
    files: { 'locales/ja/common.json/keep': '' },
    exit: 1,
    message: /locales\/ja\/common\.json is a directory, where a locale file should be/,
  },
  {
    name: 'a file where the target directory should be',
    files: { 'locales/ja': 'I am a file' },
    exit: 1,
    message:
      /locales\/ja\/common\.json \(the ja common file\) cannot be created: locales\/ja is a file, where a directory should be\. Move it away/,
  },
  {
    name: 'a number in a target where the source nests',
    files: { 'locales/ja/common.json': { title: 'やあ', nav: 5 } },
    exit: 1,
    message: /locales\/ja\/common\.json: key "nav" holds 5 where the source needs a string or an object.*Move or remove it/,
  },
  {
    name: 'a boolean in a target where the source has a string',
    files: { 'locales/ja/common.json': { title: true } },
    exit: 1,
    message: /locales\/ja\/common\.json: key "title" holds true where the source needs/,
  },
  {
    name: 'a target file symlinked out of the project',
    setup: (dir, outside) => {
      writeFileSync(join(outside, 'victim.json'), '{}\n')
      mkdirSync(join(dir, 'locales/ja'), { recursive: true })
      symlinkSync(join(outside, 'victim.json'), join(dir, 'locales/ja/common.json'))
    },
    exit: 1,
    message:
      /locales\/ja\/common\.json \(the ja common file\) resolves through a symlink to .*victim\.json, outside the project.*Replace the link/,
  },
  {
    name: 'a target directory symlinked out of the project',
    setup: (dir, outside) => {
      symlinkSync(outside, join(dir, 'locales/ja'))
    },
    exit: 1,
    message: /locales\/ja\/common\.json \(the ja common file\) resolves through a symlink to .*, outside the project/,
  },
  {
    name: 'a lock symlinked out of the project',
    setup: (dir, outside) => {
      writeFileSync(join(outside, 'lock.json'), '')
      symlinkSync(join(outside, 'lock.json'), join(dir, 'l10n.lock.json'))
    },
    exit: 1,
    message: /l10n\.lock\.json \(the lock file\) resolves through a symlink to .*lock\.json, outside the project/,
  },
  // --- the lock
  {
    name: 'a lock of a newer version',
    files: { 'l10n.lock.json': json({ version: 2, source: 'en', strings: {}, targets: {} }) },
    exit: 2,
    message: /l10n\.lock\.json has lock version 2, but this l10n-sync reads version 1.*Upgrade l10n-sync; the lock was left as it is/,
  },
  {
    name: 'a job id "1,2" in the lock',
    files: { 'l10n.lock.json': LOCK({ ja: { common: { title: { h: 'abc', s: 'pending', job: '1,2' } } } }) },
    exit: 2,
    message: /l10n\.lock\.json: the entry for ja common:title .* has job "1,2", which is not a Gengo job id.*Delete that entry/,
  },
  {
    name: 'an order id "../../x" in the lock',
    files: { 'l10n.lock.json': LOCK({ ja: { common: { 'nav.home': { h: 'abc', s: 'pending', order: '../../x' } } } }) },
    exit: 2,
    message: /l10n\.lock\.json: the entry for ja common:nav\.home .* has order "\.\.\/\.\.\/x", which is not a Gengo order id.*sync again/,
  },
  {
    name: 'a lockfile that is a directory',
    files: { 'l10n.lock.json/keep': '' },
    exit: 2,
    message: /l10n\.lock\.json is a directory, where the lock file should be\. Remove or rename it/,
  },
  // --- the config
  {
    name: 'a config with a syntax error',
    config: 'export default { source: "en", targets: ["ja"],, }\n',
    exit: 2,
    message: /Could not load the config .*l10n\.config\.mjs/,
  },
  {
    name: 'a JSON config with a syntax error',
    config: '',
    files: { 'l10n.config.json': '{ "source": "en", "targets": ["ja"] ' },
    args: ['sync', '--config', 'l10n.config.json'],
    exit: 2,
    message: /l10n\.config\.json:1:\d+ is not valid JSON/,
  },
  { name: 'an unknown option', config: { sourcee: 'en' }, exit: 2, message: /Invalid option `sourcee`.*Unknown option; known options are/ },
  {
    name: 'targets as a string',
    config: { targets: 'ja' },
    exit: 2,
    message: /Invalid option `targets` in .*: "ja"\. Give at least one target/,
  },
  {
    name: 'maxLength as a string',
    config: { maxLength: '100' },
    exit: 2,
    message: /Invalid option `maxLength`.*"100"\. Use a whole number/,
  },
  { name: 'prune as a string', config: { prune: 'yes' }, exit: 2, message: /Invalid option `prune`.*Use true or false/ },
  {
    name: 'a negative maxCredits',
    config: { gengo: { maxCredits: -5 } },
    exit: 2,
    message: /Invalid option `gengo\.maxCredits`.*-5\. Use a number of credits ≥ 0/,
  },
  {
    name: 'an unknown tier',
    config: { gengo: { tier: 'ultra' } },
    exit: 2,
    message: /Invalid option `gengo\.tier`.*"ultra"\. Use 'standard' or 'pro'/,
  },
  {
    name: 'endpoint "http://"',
    config: { gengo: { endpoint: 'http://' } },
    exit: 2,
    message: /Invalid option `gengo\.endpoint`.*"http:\/\/".*with a host/,
  },
  {
    name: 'endpoint "ftp://…"',
    config: { gengo: { endpoint: 'ftp://gengo.example/' } },
    exit: 2,
    message: /Invalid option `gengo\.endpoint`/,
  },
  {
    name: 'source = target',
    config: { targets: ['en'] },
    exit: 2,
    message: /Invalid option `targets`.*"en"\. The source language cannot also be a target/,
  },
  {
    name: 'an invalid language code',
    config: { targets: ['ja', 'not a language'] },
    exit: 2,
    message: /Invalid option `targets`.*"not a language"/,
  },
  {
    name: 'a language listed twice',
    config: { targets: ['ja', 'ja'] },
    exit: 2,
    message: /Invalid option `targets`.*A language is listed twice/,
  },
  {
    name: 'a language Gengo does not offer',
    config: { targets: ['tlh'] },
    exit: 2,
    requests: true,
    message: /Gengo does not offer en → tlh.*Check `targets`, or map them with `languageMap`/,
  },
  {
    name: 'a files pattern outside the project (../)',
    config: { files: '../elsewhere/{{lng}}/{{ns}}.json' },
    exit: 2,
    message: /Invalid option `files`.*points outside the project/,
  },
  {
    name: 'an absolute files pattern',
    config: { files: '/tmp/{{lng}}/{{ns}}.json' },
    exit: 2,
    message: /Invalid option `files`.*points outside the project/,
  },
  {
    name: 'a files pattern without {{lng}}',
    config: { files: 'locales/{{ns}}.json' },
    exit: 2,
    message: /Invalid option `files`.*Use a pattern with \{\{lng\}\}/,
  },
  {
    name: 'a lockfile outside the project',
    config: { lockfile: '../l10n.lock.json' },
    exit: 2,
    message: /Invalid option `lockfile`.*points outside the project/,
  },
  {
    name: 'an emulator state file outside the project',
    config: { gengo: { emulator: { stateFile: '/tmp/state.json' } } },
    exit: 2,
    message: /Invalid option `gengo\.emulator\.stateFile`.*points outside the project/,
  },
  {
    name: 'Gengo keys in the config',
    config: { gengo: { privateKey: 'x' } },
    exit: 2,
    message: /Gengo keys do not belong in the config.*GENGO_PRIVATE_KEY/,
  },
  {
    name: 'missing Gengo keys',
    env: { GENGO_PUBLIC_KEY: undefined, GENGO_PRIVATE_KEY: undefined },
    exit: 2,
    message: /Gengo keys are missing: GENGO_PUBLIC_KEY and GENGO_PRIVATE_KEY\. Set GENGO_PUBLIC_KEY and GENGO_PRIVATE_KEY/,
  },
  {
    name: 'wrong Gengo keys',
    env: { GENGO_PRIVATE_KEY: 'not-the-key' },
    exit: 1,
    requests: true,
    message: /Gengo error 1000 .*authentication/i,
  },
  {
    name: 'an unknown option under cli.sync',
    config: { cli: { sync: { bogus: 1 } } },
    exit: 2,
    message: /Unknown option `cli\.sync\.bogus`/,
  },
  {
    name: 'a wrong type under cli.sync',
    config: { cli: { sync: { wait: 'soon' } } },
    exit: 2,
    message: /cli\.sync\.wait in .* needs a number of seconds/,
  },
  // --- hostile or broken answers before anything is ordered
  {
    name: 'a Gengo error without a code',
    faults: [{ kind: 'error', code: null, msg: 'something broke', route: 'POST translate/service/quote' }],
    exit: 1,
    requests: true,
    message: /Gengo error without a code \(HTTP 200\) on POST translate\/service\/quote: something broke/,
  },
  {
    name: "a proxy's HTML error page",
    faults: [{ kind: 'html', status: 502, route: 'GET translate/service/language_pairs' }],
    exit: 1,
    requests: true,
    message: /Gengo answered GET translate\/service\/language_pairs with HTTP 502 and a non-JSON body/,
  },
  {
    name: 'a truncated JSON answer to the quote',
    faults: [{ kind: 'malformed', route: 'POST translate/service/quote' }],
    exit: 1,
    requests: true,
    message: /POST translate\/service\/quote with a body that is not JSON/,
  },
  {
    name: 'not enough credits',
    faults: [{ kind: 'error', code: 2700, msg: 'not enough credits', route: 'GET account/balance' }],
    exit: 1,
    requests: true,
    message: /Gengo error 2700 on GET account\/balance: not enough credits/,
  },
  // --- other commands read the same files
  {
    name: 'status with a lock of a newer version',
    files: { 'l10n.lock.json': json({ version: 3, source: 'en', strings: {}, targets: {} }) },
    args: ['status'],
    exit: 2,
    message: /l10n\.lock\.json has lock version 3, but this l10n-sync reads version 1/,
  },
  {
    name: 'quote with duplicate keys',
    files: { 'locales/en/common.json': '{"title": "a",\n "title": "b"}' },
    args: ['quote'],
    exit: 1,
    message: /locales\/en\/common\.json:2:2: key "title" is defined twice/,
  },
  // --- the command line
  {
    name: 'an unknown namespace',
    args: ['sync', '--ns', 'nope'],
    exit: 2,
    message: /Unknown namespace 'nope' in `ns`; the source has the namespaces common\. Pick from those/,
  },
  {
    name: 'a --lang outside the project',
    args: ['sync', '--lang', '../../x'],
    exit: 2,
    message: /Unknown language '\.\.\/\.\.\/x' in `lang`; the config's targets are ja/,
  },
  { name: '--wait with a word', args: ['sync', '--wait=abc'], exit: 2, message: /--wait needs a number of seconds ≥ 0 \(got "abc"\)/ },
  { name: 'an unknown command', args: ['snyc'], exit: 2, message: /Unknown command `snyc`\. Commands: sync/ },
  {
    name: 'a missing --config file',
    args: ['sync', '--config', 'nope.mjs'],
    exit: 2,
    message: /Config file not found: .*nope\.mjs\. Check --config/,
  },
]

let emulator: RunningEmulator
let outside: { dir: string; cleanup: () => void }
const cleanups: (() => void)[] = []

beforeAll(async () => {
  emulator = await startEmulator({ ...TEST_KEYS, speed: 'instant', rateLimit: 0 })
  outside = tempDir('l10n-outside-')
})
afterAll(async () => {
  await emulator.close()
  for (const c of cleanups) c()
  outside.cleanup()
})

/** Every path under dir with its bytes (files), link target (symlinks) or a mark (directories). */
function tree(dir: string): Record<string, string> {
  const out: Record<string, string> = {}
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const f = join(d, name)
      const st = lstatSync(f)
      const rel = relative(dir, f)
      if (st.isSymbolicLink()) out[rel] = `-> ${readlinkSync(f)}`
      else if (st.isDirectory()) {
        out[rel] = 'dir'
        walk(f)
      } else out[rel] = readFileSync(f).toString('base64')
    }
  }
  walk(dir)
  return out
}

async function admin(method: string, path: string, body?: unknown): Promise<any> {
  return (
    await fetch(`${emulator.origin}/_emulator/${path}`, { method, body: body === undefined ? undefined : JSON.stringify(body) })
  ).json()
}

function ledger(): Promise<Record<string, any>> {
  return admin('GET', 'ledger')
}

function project(c: Case): string {
  const { dir, cleanup } = tempDir('l10n-bad-')
  cleanups.push(cleanup)
  const write = (path: string, content: unknown) => {
    const file = join(dir, path)
    mkdirSync(dirname(file), { recursive: true })
    writeFileSync(file, typeof content === 'string' || Buffer.isBuffer(content) ? content : json(content))
  }
  const files = c.files ?? {}
  if (!c.noSource && !Object.keys(files).some((f) => f.startsWith('locales/en/'))) write('locales/en/common.json', EN)
  for (const [path, content] of Object.entries(files)) write(path, content)
  if (typeof c.config === 'string') {
    if (c.config !== '') write('l10n.config.mjs', c.config)
  } else {
    const { gengo, ...rest } = (c.config ?? {}) as { gengo?: Record<string, unknown> }
    write('l10n.config.mjs', configSource({ ...rest, gengo: { retries: 0, ...gengo } } as never, emulator.url))
  }
  c.setup?.(dir, outside.dir)
  return dir
}

describe(`bad input: ${CASES.length} kinds, each refused by name, nothing ordered, nothing written`, () => {
  it.each(CASES)('$name', async (c) => {
    const dir = project(c)
    const before = tree(dir)
    if (c.faults) await admin('POST', 'faults', { faults: c.faults })
    const l0 = await ledger()
    const r = await runL10nInProcess(c.args ?? ['sync'], { cwd: dir, env: { ...TEST_KEYS_ENV, ...c.env } })
    const l1 = await ledger()
    if (c.faults) await admin('DELETE', 'faults')
    expect(r.stderr).toMatch(c.message)
    expect(r.stderr).toMatch(/\[l10n\]/)
    expect(r.stderr).not.toMatch(/\n\s+at .*\(.*:\d+:\d+\)/) // no stack trace
    expect(r.code).toBe(c.exit)
    expect(l1.jobs_created).toBe(l0.jobs_created)
    expect(l1.credits_charged).toBe(l0.credits_charged)
    expect(l1.by_route['POST translate/jobs'] ?? 0).toBe(l0.by_route['POST translate/jobs'] ?? 0)
    // Local problems are found before the first request; a refusal that needs Gengo's answer may ask, but orders nothing.
    if (!c.requests) expect(l1.requests).toBe(l0.requests)
    expect(tree(dir)).toEqual(before)
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  })

  it('an unwritable target directory is refused before the first request (run as an unprivileged user)', async () => {
    const dir = project({ name: 'unwritable', exit: 1, message: /./, files: { 'locales/ja/common.json': JA } })
    // Root writes anyway: as root, run the real bin as nobody, in a project it may write except locales/ja.
    const asRoot = process.getuid?.() === 0
    if (asRoot) for (const d of [dir, join(dir, 'locales'), join(dir, 'locales/en')]) chmodSync(d, 0o777)
    chmodSync(join(dir, 'locales/ja'), 0o555)
    const before = tree(dir)
    const l0 = await ledger()
    // The unprivileged user must reach the checkout's bin: a clone in a private dir (mktemp -d is 0700)
    // gets o+x on its ancestors for this test, restored afterwards.
    const opened = asRoot ? openAncestors(ROOT) : []
    let r: Awaited<ReturnType<typeof runL10n>>
    try {
      r = asRoot
        ? await runL10n(['sync'], { cwd: dir, env: TEST_KEYS_ENV, uid: 65534 })
        : await runL10nInProcess(['sync'], { cwd: dir, env: TEST_KEYS_ENV })
    } finally {
      for (const [d, mode] of opened) chmodSync(d, mode)
    }
    const l1 = await ledger()
    expect(r.stderr).toMatch(
      /locales\/ja\/common\.json \(the ja common file\) is not writable\. Fix its permissions|cannot be written: the directory locales\/ja is not writable/,
    )
    expect(r.code).toBe(1)
    expect(l1.requests).toBe(l0.requests)
    expect(tree(dir)).toEqual(before)
    chmodSync(join(dir, 'locales/ja'), 0o755)
  })
})

/** Adds o+x to every ancestor of `dir` that lacks it; returns what to restore. */
function openAncestors(dir: string): [string, number][] {
  const changed: [string, number][] = []
  for (let d = resolve(dir); ; d = dirname(d)) {
    const mode = statSync(d).mode & 0o7777
    if ((mode & 0o001) === 0) {
      chmodSync(d, mode | 0o001)
      changed.push([d, mode])
    }
    if (dirname(d) === d) return changed
  }
}

const TEST_KEYS_ENV = { GENGO_PUBLIC_KEY: TEST_KEYS.publicKey, GENGO_PRIVATE_KEY: TEST_KEYS.privateKey }
