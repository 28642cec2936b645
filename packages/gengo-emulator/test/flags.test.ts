import { resolveConfig } from '@l10n-sync/core'
import { describe, expect, it } from 'vitest'
import { DEMO_KEYS, EMULATOR_FLAGS, EmulatorUsageError, emulatorHelp, parseEmulatorArgs, SPEEDS } from '../src/index.ts'

const flagsIn = (text: string) => [...new Set(text.match(/--[a-z][a-z-]*/g) ?? [])].sort()

function usage(argv: string[]): EmulatorUsageError {
  try {
    parseEmulatorArgs(argv, {})
  } catch (error) {
    if (error instanceof EmulatorUsageError) return error
    throw error
  }
  throw new Error(`no usage error for ${argv.join(' ')}`)
}

describe('the emulator options schema', () => {
  it('the help lists every declared flag, and the speeds from SPEEDS', () => {
    const help = emulatorHelp()
    expect(flagsIn(help)).toEqual(EMULATOR_FLAGS.map((f) => `--${f.name}`).sort())
    expect(help).toContain(SPEEDS.join(' | '))
    expect(help).toMatch(/^Usage: gengo-emulator \[options\]/)
    expect(emulatorHelp('l10n emulator')).toMatch(/^Usage: l10n emulator \[options\]/)
    for (const line of help.split('\n')) expect(line.length, line).toBeLessThanOrEqual(100)
  })

  it('defaults: the port, host, speed, rate limit and balance the help names; keys from env, else the demo keys', () => {
    expect(parseEmulatorArgs([], {})).toEqual({
      help: false,
      options: {
        port: 8787,
        host: '127.0.0.1',
        speed: 'fast',
        stateFile: undefined,
        ...DEMO_KEYS,
        rateLimit: 150,
        balance: 1000,
        legacy: false,
        worstCase: false,
      },
    })
    expect(parseEmulatorArgs([], { GENGO_PUBLIC_KEY: 'env-pub', GENGO_PRIVATE_KEY: '' }).options).toMatchObject({
      publicKey: 'env-pub',
      privateKey: DEMO_KEYS.privateKey,
    })
  })

  it('parses every flag', () => {
    const parsed = parseEmulatorArgs(
      [
        '--port=0',
        '--host',
        '::1',
        '--speed',
        'review',
        '--state',
        's.json',
        '--keys',
        'pub:pr:iv',
        '--rate-limit',
        '0',
        '--balance',
        '42',
        '--quirks',
        'legacy',
        '--worst-case',
      ],
      { GENGO_PUBLIC_KEY: 'ignored', GENGO_PRIVATE_KEY: 'ignored' },
    )
    expect(parsed.options).toEqual({
      port: 0,
      host: '::1',
      speed: 'review',
      stateFile: 's.json',
      publicKey: 'pub',
      privateKey: 'pr:iv',
      rateLimit: 0,
      balance: 42,
      legacy: true,
      worstCase: true,
    })
    expect(parseEmulatorArgs(['-h'], {}).help).toBe(true)
    expect(parseEmulatorArgs(['--quirks', 'modern'], {}).options.legacy).toBe(false)
  })

  it('rejects bad values, naming the flag', () => {
    expect(usage(['--speed', 'warp'])).toMatchObject({
      flag: 'speed',
      message: '--speed must be instant, fast, realistic, review, got "warp"',
    })
    expect(usage(['--port=-1'])).toMatchObject({ flag: 'port', message: '--port needs a whole number ≥ 0, got "-1"' })
    expect(usage(['--port', '-1'])).toMatchObject({ flag: 'port' }) // node:util: an ambiguous value
    expect(usage(['--balance', '1.5'])).toMatchObject({ flag: 'balance' })
    expect(usage(['--rate-limit', ''])).toMatchObject({ flag: 'rate-limit' })
    expect(usage(['--keys', 'nocolon'])).toMatchObject({ flag: 'keys', message: '--keys must look like PUBLIC:PRIVATE' })
    expect(usage(['--keys', ':priv'])).toMatchObject({ flag: 'keys' })
    expect(usage(['--quirks', 'old'])).toMatchObject({ flag: 'quirks', message: '--quirks must be legacy, modern, got "old"' })
    expect(usage(['--nope'])).toMatchObject({ flag: 'nope', message: expect.stringMatching(/--nope/) })
    expect(usage(['--speed'])).toMatchObject({ flag: 'speed', message: expect.stringMatching(/--speed/) })
    expect(usage(['stray']).message).toMatch(/stray/)
  })
})

describe('core’s emulator speeds', () => {
  // Core validates `gengo.emulator.speed` without importing the emulator at run time: its list must stay this one.
  const config = (speed: unknown) => ({ source: 'en', targets: ['ja'], gengo: { endpoint: 'emulator', emulator: { speed } } })

  it('core accepts every emulator speed, and names exactly these when it rejects one', () => {
    for (const speed of SPEEDS) expect(resolveConfig(config(speed), '/project').gengo.emulator.speed).toBe(speed)
    let message = ''
    try {
      resolveConfig(config('warp'), '/project')
    } catch (error) {
      message = (error as Error).message
    }
    expect(message).toMatch(/gengo\.emulator\.speed/)
    expect([...message.matchAll(/'([a-z-]+)'/g)].map((m) => m[1])).toEqual([...SPEEDS])
  })
})
