import { spawn } from 'node:child_process'
import { createHmac } from 'node:crypto'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { createGengoClient } from '@l10n-sync/gengo'
import { EMULATOR_FLAGS } from '@l10n-sync/gengo-emulator'
import { afterEach, describe, expect, it } from 'vitest'
import { type CliResult, exited, L10N_BIN } from './utils/cli.ts'
import { EMULATOR_BIN } from './utils/emulator-process.ts'
import { tempDir } from './utils/tmp.ts'

// `gengo-emulator` and `l10n emulator` are one command line (the emulator package's EMULATOR_FLAGS):
// the same flags, parsed the same, with the same messages. Real processes, real HTTP.

interface Command {
  name: string
  argv: readonly string[]
  stop: NodeJS.Signals
}
const COMMANDS: readonly [Command, Command] = [
  { name: 'gengo-emulator', argv: [EMULATOR_BIN], stop: 'SIGTERM' },
  { name: 'l10n emulator', argv: [L10N_BIN, 'emulator'], stop: 'SIGINT' },
]

const cleanups: (() => unknown)[] = []
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c()
})

const flagsIn = (text: string) => [...new Set(text.match(/--[a-z][a-z-]*/g) ?? [])].sort()

function start(command: Command, args: string[], env: Record<string, string | undefined> = {}, cwd?: string) {
  const child = spawn(process.execPath, [...command.argv, ...args], {
    cwd,
    env: { ...process.env, NO_COLOR: '1', GENGO_PUBLIC_KEY: undefined, GENGO_PRIVATE_KEY: undefined, ...env } as NodeJS.ProcessEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const done = exited(child)
  return { child, done }
}

/** Runs the command to its end. */
function run(command: Command, args: string[], env?: Record<string, string | undefined>): Promise<CliResult> {
  return start(command, args, env).done
}

/** Starts the emulator and resolves with its URL once it listens; `stop()` sends the command's stop signal and resolves with its exit. */
async function serve(command: Command, args: string[], env?: Record<string, string | undefined>) {
  const { child, done } = start(command, args, env)
  let stopped: Promise<CliResult> | undefined
  const stop = () => {
    if (!stopped) {
      if (child.exitCode === null && child.signalCode === null) child.kill(command.stop)
      stopped = done
    }
    return stopped
  }
  cleanups.push(stop)
  const url = await new Promise<string>((resolve, reject) => {
    let out = ''
    child.stdout?.on('data', (d) => {
      out += d
      const m = out.match(/Gengo emulator listening on (\S+)\n/)
      if (m) resolve(m[1] as string)
    })
    done.then((r) => reject(new Error(`${command.name} exited with ${r.code}: ${r.stderr}`)))
  })
  return { url, stop }
}

function signed(url: string, path: string, keys: { publicKey: string; privateKey: string }): string {
  const ts = String(Math.floor(Date.now() / 1000))
  const sig = createHmac('sha1', keys.privateKey).update(ts).digest('hex')
  return `${url}${path}?api_key=${keys.publicKey}&ts=${ts}&api_sig=${sig}`
}

describe('gengo-emulator and l10n emulator: one command line', () => {
  it('--help lists the same flags in both: every flag the emulator declares', async () => {
    const [bin, cli] = await Promise.all(COMMANDS.map((c) => run(c, ['--help'])))
    expect(bin).toMatchObject({ code: 0, stderr: '' })
    expect(cli?.code).toBe(0)
    const declared = EMULATOR_FLAGS.map((f) => `--${f.name}`).sort()
    expect(flagsIn(bin!.stdout)).toEqual(declared)
    expect(flagsIn(cli!.stdout)).toEqual(declared)
    expect(cli!.stdout.replace('l10n emulator', 'gengo-emulator')).toBe(bin!.stdout)
    expect(bin!.stdout).toContain('instant | fast | realistic | review')
  })

  it.each(COMMANDS)('$name: --keys, --balance, --speed review, --quirks legacy, --state, --rate-limit 0 take effect', async (command) => {
    const { dir, cleanup } = tempDir()
    cleanups.push(cleanup)
    const state = join(dir, 'nested', 's.json')
    const keys = { publicKey: 'pub', privateKey: 'priv' }
    const args = ['--port', '0', '--host', '127.0.0.1', '--keys', 'pub:priv', '--balance', '42', '--speed', 'review']
    const { url, stop } = await serve(command, [...args, '--quirks', 'legacy', '--state', state, '--rate-limit', '0'], {
      GENGO_PUBLIC_KEY: 'env-pub',
      GENGO_PRIVATE_KEY: 'env-priv',
    })
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v2\/$/)
    // --keys wins over the environment; --balance; --quirks legacy sends money as a string.
    const balance = await (await fetch(signed(url, 'account/balance', keys))).json()
    expect(balance).toEqual({ opstat: 'ok', response: { credits: '42.00', currency: 'USD' } })
    const envKeys = await (await fetch(signed(url, 'account/balance', { publicKey: 'env-pub', privateKey: 'env-priv' }))).json()
    expect(envKeys.err.code).toBe('1000')
    // --speed review: an auto-approved job still waits at reviewable.
    const client = createGengoClient({ ...keys, endpoint: url, retries: 0 })
    await client.postJobs({ a: { bodySrc: 'Review me', lcSrc: 'en', lcTgt: 'ja', tier: 'standard', autoApprove: true } })
    const origin = new URL(url).origin
    await fetch(`${origin}/_emulator/finish`, { method: 'POST' })
    const { jobs } = await (await fetch(`${origin}/_emulator/jobs`)).json()
    expect(jobs.map((j: { status: string }) => j.status)).toEqual(['reviewable'])
    // --rate-limit 0: no limit.
    const statuses = await Promise.all(Array.from({ length: 160 }, () => fetch(`${url}translate/service/languages`).then((r) => r.status)))
    expect(statuses.every((s) => s === 200)).toBe(true)
    const end = await stop()
    expect(end.code).toBe(0)
    expect(end.stderr).toMatch(/admin routes under http:\/\/127\.0\.0\.1:\d+\/_emulator\//)
    // --state: the jobs outlive the process.
    expect(existsSync(state)).toBe(true)
    expect(Object.keys(JSON.parse(readFileSync(state, 'utf8')).jobs)).toHaveLength(1)
  })

  it.each(COMMANDS)('$name: --worst-case and --rate-limit N; demo keys when the environment’s are empty', async (command) => {
    const { url, stop } = await serve(command, ['--port', '0', '--worst-case', '--rate-limit', '3'], {
      GENGO_PUBLIC_KEY: '',
      GENGO_PRIVATE_KEY: '',
    })
    // Worst case: api_key on every route, the service lists too.
    const unsigned = await (await fetch(`${url}translate/service/languages`)).json()
    expect(unsigned.err.code).toBe(1150)
    const demo = await fetch(signed(url, 'account/balance', { publicKey: 'demo-public', privateKey: 'demo-private' }))
    expect((await demo.json()).response.credits).toBe('1000.00')
    const third = await fetch(`${url}translate/service/languages`)
    expect(third.status).toBe(200)
    expect((await fetch(`${url}translate/service/languages`)).status).toBe(429)
    expect((await stop()).code).toBe(0)
  })

  it('a bad flag exits 2 in both, with the same message naming the flag', async () => {
    const cases = [
      { args: ['--speed', 'warp'], message: '--speed must be instant, fast, realistic, review, got "warp"' },
      { args: ['--port', 'x'], message: '--port needs a whole number ≥ 0, got "x"' },
      { args: ['--balance=-5'], message: '--balance needs a whole number ≥ 0, got "-5"' },
      { args: ['--rate-limit', '1.5'], message: '--rate-limit needs a whole number ≥ 0, got "1.5"' },
      { args: ['--keys', 'nocolon'], message: '--keys must look like PUBLIC:PRIVATE' },
      { args: ['--quirks', 'old'], message: '--quirks must be legacy, modern, got "old"' },
      { args: ['--nope'], message: undefined },
    ]
    for (const { args, message } of cases) {
      const [bin, cli] = await Promise.all(COMMANDS.map((c) => run(c, args)))
      const first = (r: CliResult | undefined) => r?.stderr.split('\n')[0] ?? ''
      expect({ args, code: bin?.code }).toEqual({ args, code: 2 })
      expect({ args, code: cli?.code }).toEqual({ args, code: 2 })
      if (message) expect(first(bin)).toBe(`gengo-emulator: ${message}`)
      else expect(first(bin)).toMatch(new RegExp(`^gengo-emulator: .*${args[0]}`))
      expect(first(cli)).toBe(first(bin).replace('gengo-emulator:', 'l10n emulator:'))
      expect(flagsIn(cli?.stderr ?? '')).toEqual(flagsIn(bin?.stderr ?? ''))
      expect(bin?.stdout).toBe('')
    }
  }, 90_000) // 14 processes, one pair at a time

  it('l10n’s own flags go before `emulator`; after it, only the emulator’s', async () => {
    const { dir, cleanup } = tempDir()
    cleanups.push(cleanup)
    const l10n = COMMANDS[1]
    const before = await run({ ...l10n, argv: [L10N_BIN, '--cwd', dir, '--verbose', 'emulator'] }, ['--help'])
    expect(before.code).toBe(0)
    expect(before.stdout).toMatch(/^Usage: l10n emulator \[options\]/)
    const after = await run(l10n, ['--cwd', dir])
    expect(after.code).toBe(2)
    expect(after.stderr.split('\n')[0]).toMatch(/^l10n emulator: .*'--cwd'/)
  })

  it('a corrupt state file fails to start (exit 1) in both, saying what to do', async () => {
    const { dir, cleanup } = tempDir()
    cleanups.push(cleanup)
    const file = join(dir, 's.json')
    writeFileSync(file, '{nope')
    for (const command of COMMANDS) {
      const r = await run(command, ['--port', '0', '--state', file])
      expect({ command: command.name, code: r.code }).toEqual({ command: command.name, code: 1 })
      expect(r.stderr).toMatch(/State file .*s\.json is not valid JSON.*Delete it to start fresh/)
    }
  })
})
