import { spawn } from 'node:child_process'
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { loadConfig, quote, type SyncOptions, type SyncReport, sync } from '@l10n-sync/core'
import { type RunningEmulator, startEmulator } from '@l10n-sync/gengo-emulator'
import { afterEach, describe, expect, it } from 'vitest'
import { advancingFetch, FAULT_FILES, MODES, money } from './utils/faults.ts'
import { bareRemote, commitAll, git, type Remote } from './utils/git.ts'
import { configSource, type Ledger, TEST_KEYS } from './utils/project.ts'

/**
 * CI as it runs: every run a fresh clone of the remote, nothing carried back from the run before
 * (no lock it wrote, no `.l10n/` journal), the keys from the environment. Real git against a local
 * bare remote, the emulator over HTTP at its realistic speed, both readings of the docs.
 */
const TARGETS = ['ja', 'ru', 'fr']
const KEYS_ENV = { GENGO_PUBLIC_KEY: TEST_KEYS.publicKey, GENGO_PRIVATE_KEY: TEST_KEYS.privateKey }

const cleanups: (() => unknown)[] = []
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c()
})

async function setup(mode: (typeof MODES)[number][1]): Promise<{ emu: RunningEmulator; remote: Remote }> {
  const emu = await startEmulator({ ...TEST_KEYS, rateLimit: 0, speed: 'realistic', ...mode })
  cleanups.push(() => emu.close())
  const remote = bareRemote()
  cleanups.push(() => remote.cleanup())
  const dir = remote.clone()
  const put = (path: string, text: string) => {
    mkdirSync(dirname(join(dir, path)), { recursive: true })
    writeFileSync(join(dir, path), text)
  }
  for (const [path, content] of Object.entries(FAULT_FILES)) put(path, `${JSON.stringify(content, null, 2)}\n`)
  put('l10n.config.mjs', configSource({ targets: TARGETS }, emu.url))
  put('.gitignore', '.l10n/\nnode_modules/\n')
  commitAll(dir, 'English strings')
  git(dir, 'push', '-q', 'origin', 'HEAD:main')
  return { emu, remote }
}

const ledger = async (emu: RunningEmulator): Promise<Ledger> => (await fetch(`${emu.origin}/_emulator/ledger`)).json() as Promise<Ledger>
const admin = (emu: RunningEmulator, path: string, body?: unknown) =>
  fetch(`${emu.origin}/_emulator/${path}`, { method: 'POST', body: body === undefined ? undefined : JSON.stringify(body) })

/** One CI run: a fresh clone, one sync with the keys from the environment, the clone thrown away. */
async function ciRun(emu: RunningEmulator, remote: Remote, options: SyncOptions = {}): Promise<SyncReport> {
  const dir = remote.clone('main')
  return sync(await loadConfig({ cwd: dir }), { env: KEYS_ENV, fetch: advancingFetch(emu.origin), ...options })
}

/** What one clean CI run charges, on an emulator of its own. */
async function cleanCharge(mode: (typeof MODES)[number][1]): Promise<ReturnType<typeof money>> {
  const { emu, remote } = await setup(mode)
  await ciRun(emu, remote)
  return money(await ledger(emu))
}

function measure(mode: string, what: string, data: unknown): void {
  console.log(`[measure] fresh clones ${mode}: ${what} ${JSON.stringify(data)}`)
}

describe.each(MODES)('CI runs, each a fresh clone (emulator %s)', (mode, emuOptions) => {
  it('clones at 0 s, 1 s, 5 s, 60 s and 1 h apart, then after the translators finished: the charge of one clean sync', async () => {
    const { emu, remote } = await setup(emuOptions)
    const first = await ciRun(emu, remote)
    expect(first.ordered.jobs).toBeGreaterThan(0)
    const clean = money(await ledger(emu))
    const later: { after: number; ordered: number; found: number; requests: number }[] = []
    for (const seconds of [0, 1, 5, 60, 3600]) {
      if (seconds > 0) await admin(emu, 'advance', { seconds })
      const r = await ciRun(emu, remote)
      later.push({ after: seconds, ordered: r.ordered.jobs, found: r.found, requests: r.requests })
      expect(r.ordered.jobs, `a fresh clone ${seconds} s later`).toBe(0)
      expect(r.found, `a fresh clone ${seconds} s later adopts every job`).toBe(first.ordered.jobs)
    }
    await admin(emu, 'finish')
    const done = await ciRun(emu, remote)
    expect(done.complete).toBe(true)
    expect(done.ordered.jobs).toBe(0)
    const total = money(await ledger(emu))
    measure(mode, 'runs at 0/1/5/60/3600 s, then finished', { clean, total, first: first.ordered.jobs, later, done: done.found })
    expect(total).toEqual(clean)
  }, 120_000)

  it("two runs at the very same moment (what the workflow's concurrency group prevents) can pay twice, never more", async () => {
    const clean = await cleanCharge(emuOptions)
    const { emu, remote } = await setup(emuOptions)
    const [a, b] = await Promise.all([ciRun(emu, remote), ciRun(emu, remote)])
    const total = money(await ledger(emu))
    measure(mode, 'two runs at once', { clean, total, ordered: [a.ordered.jobs, b.ordered.jobs], found: [a.found, b.found] })
    expect(total.jobs_created).toBeGreaterThanOrEqual(clean.jobs_created)
    expect(total.jobs_created).toBeLessThanOrEqual(2 * clean.jobs_created)
    // Serialised, as the workflow runs them, the second finds the first's jobs.
    const next = await ciRun(emu, remote)
    expect(next.ordered.jobs).toBe(0)
  }, 120_000)

  it('a fetch-only run (the schedule) orders nothing, adopts what is ordered and writes what is finished', async () => {
    const { emu, remote } = await setup(emuOptions)
    const dry = await ciRun(emu, remote, { fetchOnly: true })
    expect(dry.ordered.jobs).toBe(0)
    expect(dry.unordered).toBeGreaterThan(0)
    expect((await ledger(emu)).by_route['POST translate/jobs'] ?? 0).toBe(0)
    const first = await ciRun(emu, remote)
    const clean = money(await ledger(emu))
    // `l10n quote` in a fresh clone: what is already ordered is not quoted again.
    const q = await quote(await loadConfig({ cwd: remote.clone('main') }), { env: KEYS_ENV, fetch: advancingFetch(emu.origin) })
    expect(q.jobs).toBe(0)
    await admin(emu, 'finish')
    const fetched = await ciRun(emu, remote, { fetchOnly: true })
    expect(fetched.unordered).toBe(0)
    expect(fetched.found).toBe(first.ordered.jobs)
    expect(fetched.complete).toBe(true)
    expect(money(await ledger(emu))).toEqual(clean)
  }, 120_000)

  it('a run killed right after its first POST, then a fresh clone: charged once', async () => {
    const clean = await cleanCharge(emuOptions)
    const { emu, remote } = await setup(emuOptions)
    const killed = remote.clone('main')
    writeFileSync(join(killed, '.env'), `GENGO_PUBLIC_KEY=${TEST_KEYS.publicKey}\nGENGO_PRIVATE_KEY=${TEST_KEYS.privateKey}\n`)
    writeFileSync(join(killed, 'l10n.config.mjs'), configSource({ targets: TARGETS, gengo: { batchSize: 200 } }, emu.url))
    await admin(emu, 'faults', { kind: 'delay-after', route: 'POST translate/jobs', ms: 10_000 })
    const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('./fixtures/run-sync.ts', import.meta.url)), killed], {
      stdio: 'ignore',
      cwd: fileURLToPath(new URL('.', import.meta.url)),
    })
    for (let i = 0; i < 400 && (await ledger(emu)).jobs_created === 0; i++) await new Promise((r) => setTimeout(r, 25))
    child.kill('SIGKILL')
    await new Promise((r) => child.once('exit', r))
    const charged = money(await ledger(emu))
    expect(charged.jobs_created).toBeGreaterThan(0)
    await admin(emu, 'advance', { seconds: 5 })
    // One POST per language: the kill came after the first was handled; the fresh clone adopts its jobs, orders the rest.
    const next = await ciRun(emu, remote)
    expect(next.found).toBe(charged.jobs_created)
    expect(next.ordered.jobs).toBe(clean.jobs_created - charged.jobs_created)
    const after = money(await ledger(emu))
    measure(mode, 'a run killed after its first POST, then a fresh clone', { clean, killed: charged, after, found: next.found })
    expect(after).toEqual(clean)
  }, 120_000)
})

describe.each(MODES)('two feature branches that both add strings, merged (emulator %s)', (mode, emuOptions) => {
  it.each(['ours', 'theirs', 'markers'] as const)(
    'the lock conflict resolved with %s, then a sync: no extra charge',
    async (strategy) => {
      const { emu, remote } = await setup(emuOptions)
      // main is translated and committed, as a team's main is.
      const base = remote.clone('main')
      await sync(await loadConfig({ cwd: base }), { env: KEYS_ENV, fetch: advancingFetch(emu.origin) })
      await admin(emu, 'finish')
      expect((await sync(await loadConfig({ cwd: base }), { env: KEYS_ENV, fetch: advancingFetch(emu.origin) })).complete).toBe(true)
      commitAll(base, 'Translations')
      git(base, 'push', '-q', 'origin', 'HEAD:main')
      // Each branch adds its strings and syncs without waiting: its jobs are pending at Gengo, its lock says so.
      const en = (dir: string) => JSON.parse(readFileSync(join(dir, 'locales/en/common.json'), 'utf8'))
      const branch = async (name: string, add: Record<string, string>) => {
        const dir = remote.clone('main')
        git(dir, 'checkout', '-q', '-b', name)
        writeFileSync(join(dir, 'locales/en/common.json'), `${JSON.stringify({ ...en(dir), ...add }, null, 2)}\n`)
        const r = await sync(await loadConfig({ cwd: dir }), { env: KEYS_ENV, fetch: advancingFetch(emu.origin) })
        expect(r.ordered.jobs).toBeGreaterThan(0)
        commitAll(dir, `Strings of ${name}`)
        git(dir, 'push', '-q', 'origin', `HEAD:${name}`)
      }
      await branch('feature-a', { saveDraft: 'Save draft', discard: 'Discard' })
      await branch('feature-b', { share: 'Share', archive: 'Archive' })
      const before = money(await ledger(emu))
      // Merge both into main; the second merge conflicts in the source file and in the lock.
      const dir = remote.clone('main')
      git(dir, 'merge', '-q', 'origin/feature-a')
      const merge = (() => {
        try {
          return git(dir, 'merge', '-q', 'origin/feature-b')
        } catch (error) {
          return String((error as { stdout?: string }).stdout ?? error)
        }
      })()
      expect(merge).toMatch(/CONFLICT.*l10n\.lock\.json/)
      const ours = JSON.parse(git(dir, 'show', 'origin/feature-a:locales/en/common.json'))
      const theirs = JSON.parse(git(dir, 'show', 'origin/feature-b:locales/en/common.json'))
      writeFileSync(join(dir, 'locales/en/common.json'), `${JSON.stringify({ ...ours, ...theirs }, null, 2)}\n`)
      if (strategy !== 'markers') git(dir, 'checkout', `--${strategy}`, '--', 'l10n.lock.json')
      git(dir, 'add', '-A')
      git(dir, 'commit', '-q', '--no-edit')
      await admin(emu, 'finish')
      const r = await sync(await loadConfig({ cwd: dir }), { env: KEYS_ENV, fetch: advancingFetch(emu.origin) })
      expect(r.complete).toBe(true)
      expect(r.ordered.jobs).toBe(0)
      const after = money(await ledger(emu))
      measure(mode, `lock conflict resolved with ${strategy}`, { before, after, found: r.found, reused: r.reused })
      expect(after).toEqual(before)
      for (const lng of TARGETS) {
        const t = JSON.parse(readFileSync(join(dir, `locales/${lng}/common.json`), 'utf8'))
        for (const k of ['saveDraft', 'discard', 'share', 'archive']) expect(t[k], `${lng} ${k}`).toMatch(/^\[/)
      }
    },
    120_000,
  )
})
