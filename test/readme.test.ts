import { readFileSync } from 'node:fs'
import { COMMANDS, GLOBAL_FLAGS } from '@l10n-sync/cli'
import { PLACEHOLDER_MODES, REQUEST_FAULTS } from '@l10n-sync/gengo-emulator'
import { l10n, STATUS_ROUTE } from '@l10n-sync/vite'
import { createServer } from 'vite'
import { afterEach, describe, expect, it } from 'vitest'
import { resolveFlags } from '../packages/cli/src/options.ts'
import { runL10n } from './utils/cli.ts'
import { spawnEmulator } from './utils/emulator-process.ts'
import { ROOT, run } from './utils/pack.ts'
import { createProject, type TestProject } from './utils/project.ts'

// The README against the code: every flag, `--json` field, emulator flag, admin route and ledger
// field it names must exist, and everything the code has must be named. The lists come from the
// code (flags.ts, the real commands' output, the emulator's --help), so a new flag or field fails
// here until the README documents it.

const README = readFileSync(new URL('../README.md', import.meta.url), 'utf8')
const EMULATOR_SOURCE = readFileSync(new URL('../packages/gengo-emulator/src/admin.ts', import.meta.url), 'utf8')

const cleanups: (() => unknown)[] = []
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c()
})

/** The text of a `## heading` section, up to the next `## `. */
function section(heading: string): string {
  const start = README.indexOf(`\n## ${heading}\n`)
  if (start < 0) throw new Error(`README has no "## ${heading}" section`)
  const end = README.indexOf('\n## ', start + 1)
  return README.slice(start, end < 0 ? undefined : end)
}

/** `a, b, c` inside backticks → ['a', 'b', 'c']. */
const list = (text: string) =>
  text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
const sorted = (xs: Iterable<string>) => [...new Set(xs)].sort()
const flagsIn = (text: string) => sorted(text.match(/--[a-z][a-z-]*/g) ?? [])

/** Rows of the `--json` fields table: first cell → the backticked list in the second. */
function jsonTable(): Map<string, string[]> {
  const rows = new Map<string, string[]>()
  for (const m of section('CLI').matchAll(/^\| (.+?) \| `([^`]+)`.*\|$/gm)) rows.set(m[1]!.replace(/`/g, ''), list(m[2]!))
  return rows
}

async function project(): Promise<TestProject> {
  const p = await createProject(
    { 'locales/en/common.json': { hello: 'Hello {{name}}', items_one: '{{count}} item', items_other: '{{count}} items' } },
    { targets: ['ja', 'ru'] },
  )
  cleanups.push(p.cleanup)
  return p
}

async function json(args: string[], cwd: string): Promise<Record<string, any>> {
  const r = await runL10n(args, { cwd })
  return JSON.parse(r.stdout)
}

describe('README: the CLI block', () => {
  const block = section('CLI').match(/```\n([\s\S]*?)```/)?.[1] ?? ''
  const lines = block.split('\n').filter((l) => l.startsWith('l10n '))

  it('has one line per command, each listing exactly the flags flags.ts declares', () => {
    expect(sorted(lines.map((l) => l.split(' ')[1]!))).toEqual(sorted(Object.keys(COMMANDS)))
    for (const line of lines) {
      const name = line.split(' ')[1] as keyof typeof COMMANDS
      const declared = COMMANDS[name].flags.map((f) => f.syntax.split(' ')[0]!)
      expect({ command: name, flags: flagsIn(line.split('#')[0]!) }).toEqual({ command: name, flags: sorted(declared) })
    }
  })

  it('says what a bare --wait waits, as the flag parser does', () => {
    const seconds = Number(section('CLI').match(/A bare `--wait` \(no value\) waits up to (\d+) s/)?.[1])
    expect(resolveFlags(COMMANDS.sync, { wait: true }).wait).toBe(seconds)
  })

  it('names the global flags every command takes', () => {
    const sentence = section('CLI').match(/All commands take ([^.]+)\./)?.[1] ?? ''
    expect(flagsIn(sentence)).toEqual(sorted([...GLOBAL_FLAGS.map((f) => f.syntax.split(' ')[0]!), '--help', '--version']))
  })
})

describe('README: the --json fields', () => {
  it('match what sync, status, quote and diff print, field for field, and per language', async () => {
    const table = jsonTable()
    const p = await project()
    const sync = await json(['sync', '--wait', '30', '--poll', '0.05', '--json'], p.dir)
    p.write('locales/en/common.json', { hello: 'Hello {{name}}', items_one: '{{count}} item', items_other: '{{count}} items', bye: 'Bye' })
    const outputs: Record<string, Record<string, any>> = {
      'sync --json': sync,
      'status --json': await json(['status', '--json'], p.dir),
      'quote --json': await json(['quote', '--json'], p.dir),
      'diff --json': await json(['diff', '--json'], p.dir),
    }
    for (const [row, output] of Object.entries(outputs))
      expect({ row, fields: sorted(Object.keys(output)) }).toEqual({ row, fields: sorted(table.get(row) ?? []) })
    expect(sorted(Object.keys(outputs['status --json']!.languages.ru))).toEqual(sorted(table.get('languages.<lng> of status') ?? []))
    expect(sorted(Object.keys(sync.languages.ru))).toEqual(sorted(table.get('languages.<lng> of sync') ?? []))
    const quoted = outputs['quote --json']!.languages
    expect(Object.keys(quoted).length).toBeGreaterThan(0)
    for (const lng of Object.keys(quoted))
      expect(sorted(Object.keys(quoted[lng]))).toEqual(sorted(table.get('languages.<lng> of quote') ?? []))
    const failed = await json(['sync', '--wait', 'soon', '--json'], p.dir)
    expect(sorted(Object.keys(failed))).toEqual(sorted(table.get('any --json that fails') ?? []))
    const inner = section('CLI').match(/\| any `--json` that fails \| `error` \(`([^`]+)`\) \|/)?.[1] ?? ''
    expect(sorted(Object.keys(failed.error))).toEqual(sorted(list(inner)))
  })
})

describe('README: the emulator', () => {
  it('its flags table lists exactly the flags `gengo-emulator --help` lists', async () => {
    const help = await run(process.execPath, [`${ROOT}packages/gengo-emulator/bin/gengo-emulator.mjs`, '--help'], ROOT, {})
    expect(help.code).toBe(0)
    const table = section('The emulator').match(/\| flag \| meaning \|\n\|---\|---\|\n((?:\|.*\n)+)/)?.[1] ?? ''
    expect(flagsIn(table.replace(/\|[^|]*\|\n/g, '|\n'))).toEqual(flagsIn(help.stdout).filter((f) => f !== '--help'))
  })

  it('its fault list names exactly the fault kinds the emulator takes, and every mode of the placeholder fault', () => {
    const list = section('The emulator').match(/The kinds:\n\n((?:(?:- | {2}).*\n)+)/)?.[1] ?? ''
    const kinds = [...list.matchAll(/^- `([a-z-]+)`/gm)].map((m) => m[1] as string)
    expect(sorted(kinds)).toEqual(sorted([...REQUEST_FAULTS, 'placeholder']))
    const placeholder = list.slice(list.indexOf('- `placeholder`')).split('\n- ')[0] as string
    const modes = placeholder.match(/\(`mode`: ([^)]*)\)/)?.[1] ?? ''
    expect(sorted([...modes.matchAll(/`([a-z]+)`/g)].map((m) => m[1] as string))).toEqual(sorted([...PLACEHOLDER_MODES]))
    expect(placeholder).toContain('`{"kind":"placeholder","mode":"inject","text":')
  })

  it('its admin routes table lists exactly the routes the emulator answers, and each GET answers', async () => {
    const table = section('The emulator').match(/\| route \| does \|\n\|---\|---\|\n((?:\|.*\n)+)/)?.[1] ?? ''
    const documented = sorted([...table.matchAll(/`(GET|POST|DELETE|PUT) ([a-z-]+)/g)].map((m) => `${m[1]} ${m[2]}`))
    const coded = sorted([...EMULATOR_SOURCE.matchAll(/case '(GET|POST|DELETE|PUT) ([a-z-]+)'/g)].map((m) => `${m[1]} ${m[2]}`))
    expect(documented).toEqual(coded)
    const emulator = await spawnEmulator(['--port', '0'])
    cleanups.push(emulator.stop)
    const origin = new URL(emulator.url).origin
    for (const route of documented.filter((r) => r.startsWith('GET '))) {
      expect({ route, status: (await fetch(`${origin}/_emulator/${route.slice(4)}`)).status }).toEqual({ route, status: 200 })
    }
    const ledger = await (await fetch(`${origin}/_emulator/ledger`)).json()
    const fields = section('The emulator').match(/\| `GET ledger` \| `\{([^}]+)\}`/)?.[1] ?? ''
    expect(sorted(Object.keys(ledger))).toEqual(sorted(list(fields)))
  })
})

describe('README: the Vite dev server route', () => {
  it('names the status route and its fields as the dev server answers them', async () => {
    const p = await project()
    p.write('index.html', '<!doctype html><div id="app"></div>')
    const server = await createServer({
      root: p.dir,
      configFile: false,
      plugins: [l10n()],
      logLevel: 'silent',
      server: { port: 0, host: '127.0.0.1' },
    })
    cleanups.push(() => server.close())
    await server.listen()
    const address = server.httpServer?.address() as { port: number }
    const body = await (await fetch(`http://127.0.0.1:${address.port}${STATUS_ROUTE}`)).json()
    const documented = section('Vite plugin').match(new RegExp(`\`GET ${STATUS_ROUTE}\` answers\\s+\`\\{([^}]+)\\}\``))?.[1] ?? ''
    expect(sorted(Object.keys(body))).toEqual(sorted(list(documented)))
  })
})
