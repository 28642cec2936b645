import { readFileSync } from 'node:fs'

/** What the plugin orders on its own (`l10n({ order })`); see `shouldOrder`. */
export type OrderMode = 'auto' | 'always' | 'never'

/** Where a build runs, as far as ordering cares: which CI, and whether it builds the default branch. */
export interface CiContext {
  /** The CI or host that runs the build; undefined on a developer's machine. */
  provider?: 'github' | 'gitlab' | 'vercel' | 'netlify' | 'other'
  /** A build of the default (production) branch; false for pull requests, previews, other branches and an unknown CI. */
  defaultBranch: boolean
  /** For the log: what was read, e.g. `GitHub Actions push to feature/x (default branch main)`. */
  detail: string
}

export interface OrderInput {
  order: OrderMode
  /** The config's `gengo.endpoint`: 'emulator', 'production', 'sandbox' or a URL. */
  endpoint: string
  /** Vite's command: `build`, or `serve` for the dev server. */
  command: 'build' | 'serve'
  strict: boolean
  ci: CiContext
}

export interface OrderDecision {
  order: boolean
  /** Why, for the one log line. */
  reason: string
}

/** The hint every "not ordering" line ends with. */
const OPT_IN = "order: 'always' or L10N_ORDER=1 orders it"

/**
 * Whether a sync of the plugin may order (and pay): the one rule behind `l10n({ order })`.
 * `'never'` and `'always'` say so; `'auto'` orders everywhere against the free emulator, and against any
 * other endpoint (production, sandbox, any URL, loopback included) only in a `vite build` that is `strict`
 * (a release build) or a CI build of the default branch. `vite dev` against a paid endpoint never orders
 * on its own: every keystroke saved would be a job.
 */
export function shouldOrder(i: OrderInput): OrderDecision {
  if (i.order === 'never') return { order: false, reason: "order: 'never' (or L10N_ORDER=0)" }
  if (i.order === 'always') return { order: true, reason: "order: 'always' (or L10N_ORDER=1)" }
  if (i.endpoint === 'emulator') return { order: true, reason: 'the emulator is free' }
  if (i.command === 'serve')
    return {
      order: false,
      reason: "dev server against a paid endpoint; order from /__l10n-sync/ (order: 'always' to order on every save)",
    }
  if (i.strict) return { order: true, reason: 'a strict (release) build' }
  if (i.ci.defaultBranch) return { order: true, reason: `a CI build of the default branch (${i.ci.detail})` }
  const where = i.ci.provider ? i.ci.detail : 'not in CI'
  return { order: false, reason: `a build that is neither strict nor a CI build of the default branch (${where}); ${OPT_IN}` }
}

function defaultBranchOf(eventPath: string | undefined): string | undefined {
  if (!eventPath) return undefined
  try {
    const event = JSON.parse(readFileSync(eventPath, 'utf8')) as { repository?: { default_branch?: unknown } }
    const branch = event.repository?.default_branch
    return typeof branch === 'string' && branch !== '' ? branch : undefined
  } catch {
    return undefined
  }
}

const PULL_REQUEST_EVENTS = new Set(['pull_request', 'pull_request_target', 'merge_group'])

/**
 * Reads the CI edge from the environment: GitHub Actions (`GITHUB_REF_NAME` against the repository's
 * `default_branch` in the event JSON at `GITHUB_EVENT_PATH`; pull-request events never), GitLab CI
 * (`CI_COMMIT_BRANCH` against `CI_DEFAULT_BRANCH`), Vercel (`VERCEL_ENV=production`) and Netlify
 * (`CONTEXT=production`; previews and branch deploys are not). Any other CI (`CI` set) counts as not
 * the default branch: what cannot be told is not paid for.
 */
export function ciContext(env: Readonly<Record<string, string | undefined>>): CiContext {
  if (env.GITHUB_ACTIONS === 'true') {
    const event = env.GITHUB_EVENT_NAME ?? ''
    const ref = env.GITHUB_REF_NAME ?? ''
    const main = defaultBranchOf(env.GITHUB_EVENT_PATH)
    const detail = `GitHub Actions ${event || 'run'} on ${ref || 'an unknown ref'} (default branch ${main ?? 'unknown: no repository.default_branch in GITHUB_EVENT_PATH'})`
    const isBranch = env.GITHUB_REF_TYPE === undefined || env.GITHUB_REF_TYPE === 'branch'
    return { provider: 'github', defaultBranch: !PULL_REQUEST_EVENTS.has(event) && isBranch && main !== undefined && ref === main, detail }
  }
  if (env.GITLAB_CI === 'true') {
    const branch = env.CI_COMMIT_BRANCH
    const main = env.CI_DEFAULT_BRANCH
    const detail = `GitLab CI on ${branch ? `branch ${branch}` : 'a merge request or tag'} (default branch ${main ?? 'unknown'})`
    return { provider: 'gitlab', defaultBranch: !!branch && branch === main, detail }
  }
  if (env.VERCEL === '1' || env.VERCEL_ENV !== undefined) {
    return { provider: 'vercel', defaultBranch: env.VERCEL_ENV === 'production', detail: `Vercel ${env.VERCEL_ENV ?? 'build'} deployment` }
  }
  if (env.NETLIFY === 'true') {
    return { provider: 'netlify', defaultBranch: env.CONTEXT === 'production', detail: `Netlify ${env.CONTEXT ?? 'build'}` }
  }
  const ci = env.CI
  if (ci !== undefined && ci !== '' && ci !== '0' && ci.toLowerCase() !== 'false')
    return { provider: 'other', defaultBranch: false, detail: 'a CI that l10n-sync cannot tell the branch of' }
  return { defaultBranch: false, detail: 'not in CI' }
}
