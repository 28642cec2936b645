import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { tempDir } from '../../../test/utils/tmp.ts'
import { resolvePluginOptions } from '../src/options.ts'
import { type CiContext, ciContext, type OrderMode, shouldOrder } from '../src/ordering.ts'

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

describe('resolvePluginOptions: order and L10N_ORDER', () => {
  it("defaults to 'auto'; L10N_ORDER=1 is 'always', 0 is 'never', and overrides the option", () => {
    expect(resolvePluginOptions({}, {}).order).toBe('auto')
    expect(resolvePluginOptions({ order: 'never' }, {}).order).toBe('never')
    expect(resolvePluginOptions({}, { L10N_ORDER: '1' }).order).toBe('always')
    expect(resolvePluginOptions({ order: 'always' }, { L10N_ORDER: '0' }).order).toBe('never')
    expect(resolvePluginOptions({ order: 'always' }, { L10N_ORDER: 'false' }).order).toBe('never')
    expect(resolvePluginOptions({ order: 'never' }, { L10N_ORDER: '' }).order).toBe('never')
  })

  it('names the option and the variable when their values mean nothing', () => {
    expect(() => resolvePluginOptions({ order: 'sometimes' as never }, {})).toThrow(
      /Invalid l10n\(\) option `order`: "sometimes"\. Use 'auto' .*'always' or 'never'\./,
    )
    expect(() => resolvePluginOptions({}, { L10N_ORDER: 'auto' })).toThrow(/Invalid environment variable L10N_ORDER="auto"\. Use 1 .* or 0/)
  })
})

const NOT_CI: CiContext = { defaultBranch: false, detail: 'not in CI' }
const MAIN: CiContext = { provider: 'github', defaultBranch: true, detail: 'GitHub Actions push on main (default branch main)' }
const BRANCH: CiContext = { provider: 'github', defaultBranch: false, detail: 'GitHub Actions push on feature (default branch main)' }

describe('shouldOrder: what the plugin orders on its own', () => {
  const PAID = ['production', 'sandbox', 'https://api.gengo.com/v2/', 'http://127.0.0.1:8787/v2/']
  const rows: [OrderMode, string, 'build' | 'serve', boolean, CiContext, boolean][] = [
    // The emulator is free: auto orders everywhere.
    ['auto', 'emulator', 'serve', false, NOT_CI, true],
    ['auto', 'emulator', 'build', false, BRANCH, true],
    ['auto', 'emulator', 'build', false, NOT_CI, true],
    // Any other endpoint: only strict builds and CI builds of the default branch.
    ...PAID.flatMap((endpoint): [OrderMode, string, 'build' | 'serve', boolean, CiContext, boolean][] => [
      ['auto', endpoint, 'serve', false, NOT_CI, false],
      ['auto', endpoint, 'serve', true, MAIN, false], // the dev server never orders on its own, strict or in CI
      ['auto', endpoint, 'build', false, NOT_CI, false],
      ['auto', endpoint, 'build', false, BRANCH, false],
      ['auto', endpoint, 'build', true, NOT_CI, true],
      ['auto', endpoint, 'build', true, BRANCH, true],
      ['auto', endpoint, 'build', false, MAIN, true],
      ['always', endpoint, 'serve', false, NOT_CI, true],
      ['always', endpoint, 'build', false, BRANCH, true],
      ['never', endpoint, 'build', true, MAIN, false],
    ]),
    ['never', 'emulator', 'serve', false, NOT_CI, false],
  ]
  it.each(rows)('order %s, endpoint %s, vite %s, strict %s, %o → %s', (order, endpoint, command, strict, ci, expected) => {
    expect(shouldOrder({ order, endpoint, command, strict, ci }).order).toBe(expected)
  })

  it('says why, in the words the logs use', () => {
    const dev = shouldOrder({ order: 'auto', endpoint: 'production', command: 'serve', strict: false, ci: NOT_CI })
    expect(dev.reason).toBe("dev server against a paid endpoint; order from /__l10n-sync/ (order: 'always' to order on every save)")
    const preview = shouldOrder({ order: 'auto', endpoint: 'sandbox', command: 'build', strict: false, ci: BRANCH })
    expect(preview.reason).toMatch(
      /neither strict nor a CI build of the default branch \(GitHub Actions push on feature .*order: 'always' or L10N_ORDER=1/,
    )
  })

  it('L10N_ORDER flows through resolvePluginOptions into the decision', () => {
    const order = resolvePluginOptions({}, { L10N_ORDER: '1' }).order
    expect(shouldOrder({ order, endpoint: 'production', command: 'serve', strict: false, ci: NOT_CI }).order).toBe(true)
    const never = resolvePluginOptions({ order: 'always' }, { L10N_ORDER: '0' }).order
    expect(shouldOrder({ order: never, endpoint: 'emulator', command: 'build', strict: true, ci: MAIN }).order).toBe(false)
  })
})

describe('ciContext: the CI edge from the environment', () => {
  const { dir, cleanup } = tempDir('l10n-ci-')
  afterAll(cleanup)
  const event = (name: string, body: unknown) => {
    const file = join(dir, name)
    writeFileSync(file, typeof body === 'string' ? body : JSON.stringify(body))
    return file
  }
  const pushEvent = event('push.json', { ref: 'refs/heads/main', repository: { default_branch: 'main' } })
  const trunkEvent = event('trunk.json', { repository: { default_branch: 'trunk' } })
  const brokenEvent = event('broken.json', '{ not json')
  const gh = (extra: Record<string, string>) => ({ GITHUB_ACTIONS: 'true', CI: 'true', GITHUB_REF_TYPE: 'branch', ...extra })

  it.each([
    ['no CI', {}, undefined, false],
    ['CI=false', { CI: 'false' }, undefined, false],
    ['GitHub push to main', gh({ GITHUB_EVENT_NAME: 'push', GITHUB_REF_NAME: 'main', GITHUB_EVENT_PATH: pushEvent }), 'github', true],
    [
      'GitHub push to a branch',
      gh({ GITHUB_EVENT_NAME: 'push', GITHUB_REF_NAME: 'feature/x', GITHUB_EVENT_PATH: pushEvent }),
      'github',
      false,
    ],
    [
      'GitHub pull request',
      gh({ GITHUB_EVENT_NAME: 'pull_request', GITHUB_REF_NAME: 'main', GITHUB_EVENT_PATH: pushEvent }),
      'github',
      false,
    ],
    [
      'GitHub schedule on trunk',
      gh({ GITHUB_EVENT_NAME: 'schedule', GITHUB_REF_NAME: 'trunk', GITHUB_EVENT_PATH: trunkEvent }),
      'github',
      true,
    ],
    [
      'GitHub main with its default branch trunk',
      gh({ GITHUB_EVENT_NAME: 'push', GITHUB_REF_NAME: 'main', GITHUB_EVENT_PATH: trunkEvent }),
      'github',
      false,
    ],
    [
      'GitHub tag named main',
      gh({ GITHUB_EVENT_NAME: 'push', GITHUB_REF_NAME: 'main', GITHUB_REF_TYPE: 'tag', GITHUB_EVENT_PATH: pushEvent }),
      'github',
      false,
    ],
    ['GitHub without an event file', gh({ GITHUB_EVENT_NAME: 'push', GITHUB_REF_NAME: 'main' }), 'github', false],
    [
      'GitHub with a broken event file',
      gh({ GITHUB_EVENT_NAME: 'push', GITHUB_REF_NAME: 'main', GITHUB_EVENT_PATH: brokenEvent }),
      'github',
      false,
    ],
    [
      'GitHub with a missing event file',
      gh({ GITHUB_EVENT_NAME: 'push', GITHUB_REF_NAME: 'main', GITHUB_EVENT_PATH: join(dir, 'nope.json') }),
      'github',
      false,
    ],
    ['GitLab default branch', { GITLAB_CI: 'true', CI: 'true', CI_COMMIT_BRANCH: 'main', CI_DEFAULT_BRANCH: 'main' }, 'gitlab', true],
    ['GitLab other branch', { GITLAB_CI: 'true', CI: 'true', CI_COMMIT_BRANCH: 'fix', CI_DEFAULT_BRANCH: 'main' }, 'gitlab', false],
    ['GitLab merge request (no CI_COMMIT_BRANCH)', { GITLAB_CI: 'true', CI: 'true', CI_DEFAULT_BRANCH: 'main' }, 'gitlab', false],
    ['Vercel production', { VERCEL: '1', VERCEL_ENV: 'production' }, 'vercel', true],
    ['Vercel preview', { VERCEL: '1', VERCEL_ENV: 'preview' }, 'vercel', false],
    ['Netlify production', { NETLIFY: 'true', CONTEXT: 'production' }, 'netlify', true],
    ['Netlify deploy preview', { NETLIFY: 'true', CONTEXT: 'deploy-preview' }, 'netlify', false],
    ['Netlify branch deploy', { NETLIFY: 'true', CONTEXT: 'branch-deploy' }, 'netlify', false],
    ['an unknown CI', { CI: 'true' }, 'other', false],
  ] as [string, Record<string, string>, string | undefined, boolean][])('%s', (_name, env, provider, defaultBranch) => {
    const c = ciContext(env)
    expect(c.provider).toBe(provider)
    expect(c.defaultBranch).toBe(defaultBranch)
  })

  it('describes what it read', () => {
    expect(ciContext(gh({ GITHUB_EVENT_NAME: 'push', GITHUB_REF_NAME: 'feature/x', GITHUB_EVENT_PATH: pushEvent })).detail).toBe(
      'GitHub Actions push on feature/x (default branch main)',
    )
  })
})
