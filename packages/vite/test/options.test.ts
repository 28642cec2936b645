import { describe, expect, it } from 'vitest'
import { resolvePluginOptions } from '../src/options.ts'

describe('resolvePluginOptions: sync and L10N_SYNC', () => {
  it('L10N_SYNC overrides the option both ways; unset or empty leaves it alone', () => {
    expect(resolvePluginOptions({}, {}).sync).toBe(true)
    expect(resolvePluginOptions({ sync: false }, {}).sync).toBe(false)
    expect(resolvePluginOptions({}, { L10N_SYNC: '0' }).sync).toBe(false)
    expect(resolvePluginOptions({}, { L10N_SYNC: 'false' }).sync).toBe(false)
    expect(resolvePluginOptions({ sync: false }, { L10N_SYNC: '1' }).sync).toBe(true)
    expect(resolvePluginOptions({ sync: false }, { L10N_SYNC: '' }).sync).toBe(false)
  })

  it('names the variable when its value means nothing, and the option when it is not a boolean', () => {
    expect(() => resolvePluginOptions({}, { L10N_SYNC: 'no' })).toThrow(/L10N_SYNC="no"\. Use 0 .* or 1\./)
    expect(() => resolvePluginOptions({ sync: 'no' as unknown as boolean }, {})).toThrow(/Invalid l10n\(\) option `sync`: "no"/)
  })
})
