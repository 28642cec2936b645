import { isL10nError, L10nError, resolveConfig } from '@l10n-sync/core'
import { describe, expect, it } from 'vitest'
import { EXIT, exitCodeFor, UsageError } from '../src/errors.ts'
import { COMMANDS } from '../src/flags.ts'
import { resolveFlags } from '../src/options.ts'

const config = (cli: Record<string, Record<string, unknown>>) =>
  resolveConfig({ source: 'en', targets: ['ja'], cli }, '/p', '/p/l10n.config.ts')

describe('flags as data', () => {
  it('coerces flags: --wait alone is an hour, lists split on commas', () => {
    expect(resolveFlags(COMMANDS.sync, { wait: true, lang: 'ja, fr', dryRun: true })).toEqual({
      wait: 3600,
      lang: ['ja', 'fr'],
      dryRun: true,
    })
    expect(resolveFlags(COMMANDS.sync, { wait: 90, poll: '2' })).toEqual({ wait: 90, poll: 2 })
  })

  it('takes defaults from cli.<command> in the config; the command line wins', () => {
    const c = config({ sync: { wait: 600, lang: 'ja' }, status: { check: true } })
    expect(resolveFlags(COMMANDS.sync, {}, c)).toEqual({ wait: 600, lang: ['ja'] })
    expect(resolveFlags(COMMANDS.sync, { wait: 5 }, c)).toEqual({ wait: 5, lang: ['ja'] })
    expect(resolveFlags(COMMANDS.status, {}, c)).toEqual({ check: true })
  })

  it('names a bad value or an unknown config key', () => {
    expect(() => resolveFlags(COMMANDS.sync, { wait: 'soon' })).toThrow(/--wait needs a number of seconds/)
    expect(() => resolveFlags(COMMANDS.sync, {}, config({ sync: { waiting: 1 } }))).toThrow(
      /Unknown option `cli\.sync\.waiting` in \/p\/l10n\.config\.ts/,
    )
    expect(() => resolveFlags(COMMANDS.status, {}, config({ status: { check: 'yes' } }))).toThrow(
      /cli\.status\.check in \/p\/l10n\.config\.ts takes no value/,
    )
  })

  it('maps errors to exit codes in one place', () => {
    expect(exitCodeFor(new UsageError('x'))).toBe(EXIT.usage)
    expect(exitCodeFor(new L10nError('L10N_CONFIG', 'x'))).toBe(2)
    expect(exitCodeFor(new L10nError('L10N_CREDENTIALS', 'x'))).toBe(2)
    expect(exitCodeFor(new L10nError('L10N_LANGUAGE', 'x'))).toBe(2)
    expect(exitCodeFor(new L10nError('L10N_BUDGET', 'x'))).toBe(1)
    expect(exitCodeFor(new Error('boom'))).toBe(1)
    expect(isL10nError(new L10nError('L10N_GENGO', 'x'))).toBe(true)
  })
})
