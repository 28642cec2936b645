import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parse } from 'yaml'
import { type CliResult, runL10n } from './cli.ts'
import { git, type Remote } from './git.ts'

interface Step {
  uses?: string
  run?: string
  name?: string
  with?: Record<string, string | boolean | number>
}
interface Job {
  if?: string
  steps: Step[]
}
export interface Workflow {
  on: Record<string, unknown>
  concurrency?: { group: string; 'cancel-in-progress': boolean }
  env?: Record<string, string>
  jobs: Record<string, Job>
}

export const parseWorkflow = (text: string): Workflow => parse(text) as Workflow

export interface Played {
  /** The l10n commands the job ran, with their results. */
  runs: (CliResult & { args: string[] })[]
  /** The pull request body, when the job opened or updated one. */
  body?: string
  /** Whether the pull request's branch got a new commit. */
  pushed: boolean
}

/** `${{ secrets.X }}` from the map; any other expression in a value the test plays is an error. */
function expand(value: string, secrets: Record<string, string>): string {
  return value.replace(/\$\{\{\s*([^}]*?)\s*\}\}/g, (all, expr: string) => {
    const value = secrets[/^secrets\.([A-Z_]+)$/.exec(expr)?.[1] ?? '']
    if (value === undefined) throw new Error(`the workflow uses ${all}, which this player cannot supply`)
    return value
  })
}

/**
 * Plays one job of the workflow as GitHub would, with real git: `actions/checkout` is a fresh clone of
 * the remote; setup-node, pnpm's setup and the install are skipped (the test's packages are installed);
 * every `l10n` command runs the real bin; `peter-evans/create-pull-request` commits the `add-paths` to
 * its branch and force-pushes it, as the action does, and only when something changed.
 */
export async function playJob(text: string, name: string, event: string, remote: Remote, secrets: Record<string, string>): Promise<Played> {
  const wf = parseWorkflow(text)
  const job = wf.jobs[name]
  if (!job) throw new Error(`no job ${name}`)
  if (!job.if?.includes(`github.event_name == '${event}'`)) throw new Error(`job ${name} does not run on ${event}: if: ${job.if}`)
  const env = Object.fromEntries(Object.entries(wf.env ?? {}).map(([k, v]) => [k, expand(String(v), secrets)]))
  const played: Played = { runs: [], pushed: false }
  let dir = ''
  for (const step of job.steps) {
    if (step.uses?.startsWith('actions/checkout@')) dir = remote.clone('main')
    else if (step.uses?.startsWith('actions/setup-node@') || step.uses?.startsWith('pnpm/action-setup@')) continue
    else if (step.uses?.startsWith('peter-evans/create-pull-request@')) {
      const w = step.with ?? {}
      const branch = String(w.branch)
      git(dir, 'checkout', '-q', '-B', branch)
      for (const path of String(w['add-paths']).split('\n').filter(Boolean)) git(dir, 'add', '-A', '--', `:(glob)${path.trim()}`)
      if (git(dir, 'diff', '--cached', '--name-only') !== '') {
        // The action keeps its branch as the base plus one commit, pushed only when the content differs.
        git(dir, 'commit', '-q', '-m', String(w['commit-message']))
        const remoteHead = git(dir, 'ls-remote', 'origin', `refs/heads/${branch}`).split('\t')[0]
        let same = false
        if (remoteHead) {
          git(dir, 'fetch', '-q', 'origin', branch)
          same = git(dir, 'rev-parse', 'FETCH_HEAD^{tree}') === git(dir, 'rev-parse', 'HEAD^{tree}')
        }
        if (!same) {
          git(dir, 'push', '-q', '-f', 'origin', `${branch}:refs/heads/${branch}`)
          played.pushed = true
        }
      }
      const body = join(dir, String(w['body-path']))
      played.body = existsSync(body) ? readFileSync(body, 'utf8') : undefined
    } else if (step.run !== undefined) {
      const run = expand(step.run, secrets).trim()
      if (/^(npm ci|pnpm install|yarn install)\b/.test(run)) continue
      const m = /^(?:npx|pnpm exec|yarn) l10n (.*)$/.exec(run)
      if (!m?.[1]) throw new Error(`the player runs only the install and l10n commands, not: ${run}`)
      const args = m[1].split(/\s+/)
      played.runs.push({ args, ...(await runL10n(args, { cwd: dir, env })) })
    } else throw new Error(`unknown step ${JSON.stringify(step)}`)
  }
  return played
}
