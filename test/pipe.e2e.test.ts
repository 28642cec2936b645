import { spawn } from 'node:child_process'
import { closeSync, openSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { ANSI, L10N_BIN, runL10n } from './utils/cli.ts'
import { createProject, type TestProject } from './utils/project.ts'

const EN = { hello: 'Hello {{name}}', bye: 'Goodbye', items_one: '{{count}} item', items_other: '{{count}} items' }
const cleanups: (() => unknown)[] = []
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c()
})

async function project(): Promise<TestProject> {
  const p = await createProject({ 'locales/en/common.json': EN }, { targets: ['ja', 'ru', 'fr', 'de'] })
  cleanups.push(p.cleanup)
  return p
}

/**
 * Runs `l10n` with the reading end of one of its output pipes closed before it writes a byte,
 * as `l10n quote | head -0` would: every write to that stream fails with EPIPE.
 */
function runWithClosed(
  stream: 'stdout' | 'stderr',
  args: string[],
  cwd: string,
): Promise<{ code: number | null; signal: NodeJS.Signals | null; other: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [L10N_BIN, ...args], {
      cwd,
      env: { ...process.env, NO_COLOR: undefined, FORCE_COLOR: undefined },
    })
    child[stream].destroy()
    let other = ''
    child[stream === 'stdout' ? 'stderr' : 'stdout'].on('data', (d) => {
      other += d
    })
    child.on('close', (code, sig) => resolve({ code, signal: sig, other }))
  })
}

describe('a closed pipe', () => {
  it('every command that prints survives a closed stdout: no EPIPE crash, the exit code is the command’s own', async () => {
    const p = await project()
    const runs: [string[], number][] = [
      [['quote'], 0],
      [['quote', '--json'], 0],
      [['sync', '--dry-run'], 0],
      [['diff'], 0],
      [['status'], 0],
      [['status', '--check'], 1],
      [['--help'], 0],
      [['--version'], 0],
    ]
    for (const [args, code] of runs) {
      const r = await runWithClosed('stdout', args, p.dir)
      expect({ args, code: r.code, signal: r.signal }).toEqual({ args, code, signal: null })
      expect(r.other).not.toMatch(/EPIPE|Unhandled|at .*\.m?[jt]s:\d+/)
    }
    // Read-only so far: nothing ordered.
    expect((await p.ledger()).jobs_created).toBe(0)
  }, 120_000) // eight CLI processes one after another: 2–4 s each on a loaded 2-core machine

  it('a sync whose stdout is closed still orders, writes the files and the lock, and exits 0', async () => {
    const p = await project()
    const r = await runWithClosed('stdout', ['sync', '--wait', '30', '--poll', '0.05'], p.dir)
    expect(r).toMatchObject({ code: 0, signal: null })
    expect(r.other).not.toMatch(/EPIPE/)
    expect(p.readJson('locales/ru/common.json')).toHaveProperty('items_few')
    expect(p.readJson('l10n.lock.json').version).toBeGreaterThan(0)
    const again = await runL10n(['status', '--check'], { cwd: p.dir })
    expect(again.code).toBe(0)
  })

  it('survives a closed stderr too (logs and progress go there)', async () => {
    const p = await project()
    const r = await runWithClosed('stderr', ['sync', '--wait', '30', '--poll', '0.05'], p.dir)
    expect(r).toMatchObject({ code: 0, signal: null })
    expect(r.other).toMatch(/ordered \d+ job/)
    const bad = await runWithClosed('stderr', ['sync', '--wait', 'soon'], p.dir)
    expect(bad.code).toBe(2)
  })

  it('ignores SIGPIPE: a long-running command carries on and stops only when asked', async () => {
    const p = await project()
    const child = spawn(process.execPath, [L10N_BIN, 'emulator', '--port', '0'], { cwd: p.dir })
    const closed = new Promise<[number | null, NodeJS.Signals | null]>((resolve) => child.on('close', (c, s) => resolve([c, s])))
    const url = await new Promise<string>((resolve) => child.stdout.on('data', (d) => resolve(String(d).match(/http\S+/)?.[0] ?? '')))
    child.kill('SIGPIPE')
    // Still serving after the signal: the admin route answers.
    const ledger = await (await fetch(new URL('../_emulator/ledger', url))).json()
    expect(ledger).toHaveProperty('jobs_created', 0)
    expect(child.exitCode).toBe(null)
    child.kill('SIGTERM')
    expect(await closed).toEqual([0, null])
  })
})

describe('no colour off a TTY', () => {
  it('stdout and stderr to pipes carry no ANSI escapes, whatever TERM says', async () => {
    const p = await project()
    for (const args of [
      ['quote'],
      ['sync', '--wait', '30', '--poll', '0.05'],
      ['status'],
      ['diff'],
      ['sync', '--wait', 'soon'],
      ['nope'],
    ]) {
      const r = await runL10n(args, { cwd: p.dir, env: { TERM: 'xterm-256color', COLORTERM: 'truecolor' } })
      expect({ args, out: ANSI.test(r.stdout), err: ANSI.test(r.stderr) }).toEqual({ args, out: false, err: false })
    }
  })

  it('output redirected to a file has no colour either', async () => {
    const p = await project()
    const file = join(p.dir, 'status.txt')
    const fd = openSync(file, 'w')
    const code = await new Promise<number | null>((resolve) => {
      const env = { ...process.env, NO_COLOR: undefined, FORCE_COLOR: undefined, TERM: 'xterm-256color' }
      spawn(process.execPath, [L10N_BIN, 'status'], { cwd: p.dir, env, stdio: ['ignore', fd, fd] }).on('close', resolve)
    })
    closeSync(fd)
    const text = readFileSync(file, 'utf8')
    expect(code).toBe(0)
    expect(text).toMatch(/lang\s+total/)
    expect(text).not.toMatch(ANSI)
  })
})
