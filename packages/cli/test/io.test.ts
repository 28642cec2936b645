import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { Writable } from 'node:stream'
import { fileURLToPath } from 'node:url'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { runCli } from '../src/cli.ts'
import type { CliIO, OutStream } from '../src/io.ts'
import { createOutput } from '../src/output.ts'

function sink(isTTY = false): { stream: OutStream; text: () => string } {
  let text = ''
  const stream = Object.assign(
    new Writable({
      write(chunk: Buffer, _encoding, done) {
        text += chunk.toString('utf8')
        done()
      },
    }),
    { isTTY },
  )
  return { stream, text: () => text }
}

function io(env: CliIO['env'] = {}, tty = false) {
  const stdout = sink(tty)
  const stderr = sink(tty)
  return { io: { stdout: stdout.stream, stderr: stderr.stream, env, cwd: '/nonexistent-l10n-cwd' }, stdout, stderr }
}

afterEach(() => {
  vi.restoreAllMocks()
})

describe('runCli(argv, io): everything through the injected io', () => {
  it('--help, --version and the no-command help go to the injected stdout, not the process', async () => {
    const spies = [vi.spyOn(process.stdout, 'write'), vi.spyOn(process.stderr, 'write'), vi.spyOn(console, 'info')]
    const help = io()
    expect(await runCli(['--help'], help.io)).toBe(0)
    for (const cmd of ['sync', 'status', 'quote', 'diff', 'review', 'emulator', 'init']) expect(help.stdout.text()).toContain(`  ${cmd} `)
    expect(help.stdout.text()).toMatch(/--cwd <dir>/)
    const syncHelp = io()
    expect(await runCli(['sync', '--help'], syncHelp.io)).toBe(0)
    expect(syncHelp.stdout.text()).toMatch(/^ {2}\$ l10n sync$/m)
    expect(syncHelp.stdout.text()).toMatch(/--wait \[seconds\]/)
    expect(syncHelp.stdout.text()).not.toMatch(/--version/)
    const version = io()
    expect(await runCli(['--version'], version.io)).toBe(0)
    expect(version.stdout.text()).toMatch(/^l10n\/\d+\.\d+\.\d+ /)
    const none = io()
    expect(await runCli([], none.io)).toBe(2)
    expect(none.stdout.text()).toMatch(/Commands:/)
    for (const spy of spies) expect(spy).not.toHaveBeenCalled()
  })

  it('errors go to the injected stderr; --cwd resolves against the injected cwd', async () => {
    const bad = io()
    expect(await runCli(['translate'], bad.io)).toBe(2)
    expect(bad.stderr.text()).toMatch(/Unknown command `translate`/)
    expect(bad.stdout.text()).toBe('')
    const missing = io()
    expect(await runCli(['status', '--json', '--cwd', 'sub'], missing.io)).toBe(2)
    expect(missing.stderr.text()).toMatch(/found in \/nonexistent-l10n-cwd\/sub/)
    expect(JSON.parse(missing.stdout.text())).toMatchObject({ error: { code: 'L10N_CONFIG', exitCode: 2 } })
  })

  it('no module but bin.ts reaches for the process’s streams, env, cwd or exit code', () => {
    const src = fileURLToPath(new URL('../src/', import.meta.url))
    const files = readdirSync(src, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts') && f !== 'bin.ts')
    const offenders = files.filter((f) =>
      /process\.(stdout|stderr|stdin|env|cwd|exitCode|chdir)\b/.test(readFileSync(join(src, f), 'utf8')),
    )
    expect(files.length).toBeGreaterThan(10)
    expect(offenders).toEqual([])
  })
})

describe('createOutput: colours, TTY and annotations from the injected streams and env', () => {
  it('colours on a TTY unless NO_COLOR or TERM=dumb; FORCE_COLOR off a TTY', () => {
    expect(createOutput(false, io({}, true).io).c.isColorSupported).toBe(true)
    expect(createOutput(false, io({}, true).io).isTTY).toBe(true)
    expect(createOutput(false, io({ NO_COLOR: '1' }, true).io).c.isColorSupported).toBe(false)
    expect(createOutput(false, io({ TERM: 'dumb' }, true).io).c.isColorSupported).toBe(false)
    expect(createOutput(false, io({}).io).c.isColorSupported).toBe(false)
    expect(createOutput(false, io({}).io).isTTY).toBe(false)
    expect(createOutput(false, io({ FORCE_COLOR: '1' }).io).ce.isColorSupported).toBe(true)
  })

  it('GITHUB_ACTIONS=true in the injected env turns annotations on: stdout, or stderr with --json', () => {
    const off = io()
    createOutput(false, off.io).annotate('warning', 'x', 'a.json')
    expect(off.stdout.text()).toBe('')
    const on = io({ GITHUB_ACTIONS: 'true' })
    createOutput(false, on.io).annotate('warning', '1 missing', 'locales/ja/a.json', 'Not done')
    expect(on.stdout.text()).toBe('::warning file=locales/ja/a.json,title=Not done::1 missing\n')
    const json = io({ GITHUB_ACTIONS: 'true' })
    createOutput(true, json.io).annotate('error', 'y')
    expect(json.stdout.text()).toBe('')
    expect(json.stderr.text()).toBe('::error::y\n')
  })
})
