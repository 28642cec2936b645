import { execFileSync } from 'node:child_process'

/** Where `l10n init --ci github` writes the workflow. */
export const WORKFLOW_FILE = '.github/workflows/l10n-sync.yml'

/** How CI installs and runs `l10n` with the project's package manager. */
export interface CiPackageManager {
  name: 'npm' | 'pnpm' | 'yarn' | 'bun'
  /** Steps before the install (pnpm needs its own). */
  setup: string[]
  install: string
  /** The prefix that runs a local bin. */
  exec: string
  /** setup-node's `cache` value. */
  cache: string
}

export function ciPackageManager(name: CiPackageManager['name']): CiPackageManager {
  switch (name) {
    case 'pnpm':
      return {
        name,
        setup: ['      - uses: pnpm/action-setup@v4'],
        install: 'pnpm install --frozen-lockfile',
        exec: 'pnpm exec',
        cache: 'pnpm',
      }
    case 'yarn':
      return { name, setup: [], install: 'yarn install --immutable', exec: 'yarn', cache: 'yarn' }
    case 'bun':
      return { name, setup: ['      - uses: oven-sh/setup-bun@v2'], install: 'bun install --frozen-lockfile', exec: 'bunx', cache: '' }
    default:
      return { name: 'npm', setup: [], install: 'npm ci', exec: 'npx', cache: 'npm' }
  }
}

/** The default branch: origin's HEAD, else the branch checked out, else `main`. */
export function defaultBranch(cwd: string): string {
  const git = (...args: string[]) => {
    try {
      return execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim()
    } catch {
      return ''
    }
  }
  return git('symbolic-ref', '--short', 'refs/remotes/origin/HEAD').replace(/^origin\//, '') || git('branch', '--show-current') || 'main'
}

export interface WorkflowOptions {
  /** The branch orders come from. @default 'main' */
  branch: string
  /** The source locale files, as a glob for `on.push.paths` (e.g. `locales/en/**`). */
  sourceGlob: string
  pm: CiPackageManager
}

/**
 * The GitHub Actions workflow: orders on a push to the default branch, fetches hourly (Gengo's polling
 * guidance asks for no more than one poll per job every 30 minutes) and opens or updates one pull request
 * with the locale files and the lock, and a pre-release pass on demand. One run at a time (`concurrency`),
 * so a run always sees the jobs of the one before on Gengo; the keys come from secrets.
 */
export function githubWorkflow(o: WorkflowOptions): string {
  const steps = [
    '      - uses: actions/checkout@v4',
    ...o.pm.setup,
    '      - uses: actions/setup-node@v4',
    '        with:',
    '          node-version: 20',
    ...(o.pm.cache ? [`          cache: ${o.pm.cache}`] : []),
    `      - run: ${o.pm.install}`,
  ].join('\n')
  /** `when`: a step condition (the pre-release pass opens the pull request even when time ran out). */
  const pr = (when = '') => `      - name: Open or update the translations pull request
${when}        uses: peter-evans/create-pull-request@v7
        with:
          branch: l10n-sync/translations
          title: 'l10n: translations from Gengo'
          commit-message: 'l10n: translations from Gengo'
          body-path: .l10n/summary.md
          add-paths: |
            locales/**
            l10n.lock.json
            l10n.lock.sums
          delete-branch: true`
  const always = `        if: ${'$'}{{ !cancelled() }} # what arrived comes back even when time ran out\n`
  return `# l10n-sync: human translations from Gengo, back to this repository as one pull request.
# Written by \`l10n init --ci github\`; commit it as it is.
# - Secrets (Settings > Secrets and variables > Actions): GENGO_PUBLIC_KEY and GENGO_PRIVATE_KEY.
# - Settings > Actions > General: allow GitHub Actions to create pull requests (for the fetch job).
# - A push to ${o.branch} orders what is new; every hour the finished translations come back as a pull request;
#   "Run workflow" with pre-release waits until everything is translated and gates on \`l10n status --check\`.
name: l10n-sync

on:
  push:
    branches: [${o.branch}]
    paths: ['${o.sourceGlob}', 'l10n.config.*']
  schedule:
    - cron: '17 * * * *' # hourly: Gengo asks for polls no more often than every 30 minutes
  workflow_dispatch:
    inputs:
      pre-release:
        description: Wait until every string is translated, then check (the pre-release pass)
        type: boolean
        default: false

# One run at a time, never cancelled half-way: a run that follows another finds its jobs on Gengo.
concurrency:
  group: l10n-sync
  cancel-in-progress: false

permissions:
  contents: read

env:
  GENGO_PUBLIC_KEY: \${{ secrets.GENGO_PUBLIC_KEY }}
  GENGO_PRIVATE_KEY: \${{ secrets.GENGO_PRIVATE_KEY }}

jobs:
  order:
    if: github.event_name == 'push'
    runs-on: ubuntu-latest
    steps:
${steps}
      - run: ${o.pm.exec} l10n sync

  fetch:
    if: github.event_name == 'schedule' || (github.event_name == 'workflow_dispatch' && !inputs.pre-release)
    runs-on: ubuntu-latest
    permissions:
      contents: write
      pull-requests: write
    steps:
${steps}
      - run: ${o.pm.exec} l10n sync --fetch-only --summary .l10n/summary.md
${pr()}

  pre-release:
    if: github.event_name == 'workflow_dispatch' && inputs.pre-release
    runs-on: ubuntu-latest
    timeout-minutes: 330
    permissions:
      contents: write
      pull-requests: write
    steps:
${steps}
      - run: ${o.pm.exec} l10n sync --wait 18000 --summary .l10n/summary.md
${pr(always)}
      - run: ${o.pm.exec} l10n status --check
`
}
