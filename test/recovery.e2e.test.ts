import { spawn } from 'node:child_process'
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs'
import { hostname } from 'node:os'
import { join } from 'node:path'
import { loadConfig, sync } from '@l10n-sync/core'
import { describe, expect, it } from 'vitest'
import { runL10nInProcess } from './utils/cli.ts'
import { projectPerTest, TEST_KEYS } from './utils/project.ts'

/** The fixes of issue 11 that are not plain refusals: what is kept, cleaned up, or survived. */

const EN = { title: 'Hello, {{name}}!', nav: { home: 'Home', settings: 'Settings' } }
const KEYS = { GENGO_PUBLIC_KEY: TEST_KEYS.publicKey, GENGO_PRIVATE_KEY: TEST_KEYS.privateKey }

const newProject = projectPerTest()

async function setup(files: Record<string, unknown> = { 'locales/en/common.json': EN }, config = {}, emu = {}) {
  return newProject(files, config, emu)
}

/** The pid of a process that has just exited. */
function deadPid(): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['-e', ''])
    child.on('exit', () => resolve(child.pid as number))
  })
}

describe('what is not ours is kept', () => {
  it('numbers, booleans and nulls in a target stay where they were when the file is rewritten', async () => {
    const p = await setup()
    p.write(
      'locales/ja/common.json',
      '{\n  "meta": {\n    "version": 2\n  },\n  "title": "こんにちは、{{name}}！",\n  "beta": false,\n  "nav": {\n    "home": "ホーム",\n    "order": 3\n  },\n  "later": null\n}\n',
    )
    const r = await p.sync({ wait: 30, pollIntervalMs: 10 })
    expect(r.complete).toBe(true)
    expect(r.files).toEqual(['locales/ja/common.json'])
    expect(r.pruned).toEqual([])
    expect(p.read('locales/ja/common.json')).toBe(
      '{\n  "meta": {\n    "version": 2\n  },\n  "title": "こんにちは、{{name}}！",\n  "beta": false,\n  "nav": {\n    "home": "ホーム",\n    "order": 3,\n    "settings": "[ja] Séttíngs"\n  },\n  "later": null\n}\n',
    )
    // And again with nothing to do: nothing is written, nothing is lost.
    const again = await p.sync()
    expect(again).toMatchObject({ requests: 0, files: [] })
  })
})

describe('a killed run leaves nothing that blocks or litters the next', () => {
  it('temp files and an abandoned project lock are cleaned up at once, without the 30 s staleness wait', async () => {
    const p = await setup()
    p.write('l10n.lock.json.3141592653', '{"version": 1')
    p.write('locales/ja/common.json.271828', '{"title":')
    mkdirSync(join(p.dir, 'l10n.lock.json.busy'))
    writeFileSync(join(p.dir, 'l10n.lock.json.busy.owner'), JSON.stringify({ pid: await deadPid(), host: hostname() }))
    const started = Date.now()
    const r = await p.sync({ wait: 30, pollIntervalMs: 10 })
    expect(Date.now() - started).toBeLessThan(5000)
    expect(r.complete).toBe(true)
    expect(p.exists('l10n.lock.json.3141592653')).toBe(false)
    expect(p.exists('locales/ja/common.json.271828')).toBe(false)
    expect(existsSync(join(p.dir, 'l10n.lock.json.busy'))).toBe(false)
    expect(readdirSync(p.dir).sort()).toEqual(['.env', 'l10n.config.mjs', 'l10n.lock.json', 'l10n.lock.sums', 'locales'])
  })

  it('a project lock held by a live process still makes a second sync wait, then fail by name', async () => {
    const p = await setup()
    mkdirSync(join(p.dir, 'l10n.lock.json.busy'))
    writeFileSync(join(p.dir, 'l10n.lock.json.busy.owner'), JSON.stringify({ pid: process.ppid, host: hostname() }))
    await expect(p.sync({ lockWaitMs: 300 })).rejects.toMatchObject({
      code: 'L10N_BUSY',
      message: expect.stringMatching(/l10n\.lock\.json\.busy/),
    })
    expect((await p.ledger()).requests).toBe(0)
  })
})

describe('optional steps do not end the run', () => {
  it('a revise that Gengo refuses is a warning; the broken translation is still not written', async () => {
    const p = await setup(undefined, { gengo: { acceptReviewable: false } })
    await p.admin('POST', 'faults', { faults: [{ kind: 'placeholder', mode: 'drop', times: 1 }] })
    await p.admin('POST', 'faults', { faults: [{ kind: 'error', code: 2250, route: 'PUT translate/job/:id', times: 10 }] })
    await p.sync()
    await p.admin('POST', 'finish')
    const r = await p.sync()
    expect(r.invalid).toEqual([expect.objectContaining({ lng: 'ja', key: 'title', revised: false })])
    expect(r.warnings.join('\n')).toMatch(/Could not send Gengo job \d+ back for revision \(Gengo error 2250 .*\); it stays invalid/)
    expect(p.exists('locales/ja/common.json') ? p.readJson('locales/ja/common.json').title : undefined).toBeUndefined()
  })

  it('sync --dry-run with --wait (or cli.sync.wait) exits 0: a dry run has nothing to wait for', async () => {
    const p = await setup(undefined, { cli: { sync: { wait: 600 } } })
    const flag = await runL10nInProcess(['sync', '--dry-run', '--wait=5'], { cwd: p.dir, env: KEYS })
    expect(flag.stderr).not.toMatch(/Time ran out/)
    expect(flag.code).toBe(0)
    const config = await runL10nInProcess(['sync', '--dry-run'], { cwd: p.dir, env: KEYS })
    expect(config.code).toBe(0)
    expect(config.stdout).toMatch(/Would order 3 job\(s\)/)
    expect((await p.ledger()).jobs_created).toBe(0)
  })

  it('a dry run reports what a real sync would refuse, as a warning, and still quotes', async () => {
    const p = await setup()
    p.write('locales/ja', 'a file where the ja directory should be')
    const dry = await runL10nInProcess(['sync', '--dry-run'], { cwd: p.dir, env: KEYS })
    expect(dry.code).toBe(0)
    expect(dry.stderr).toMatch(/locales\/ja is a file, where a directory should be\. Move it away\. \(A real sync would refuse\.\)/)
    expect(dry.stdout).toMatch(/Would order 3 job\(s\)/)
    const real = await runL10nInProcess(['sync'], { cwd: p.dir, env: KEYS })
    expect(real.code).toBe(1)
    expect((await p.ledger()).jobs_created).toBe(0)
  })
})

describe('--wait bounds the whole run', () => {
  it('recovering from a 1754 answer ends by the deadline, with the batch held back, not re-sent', async () => {
    const p = await setup(undefined, { gengo: { reconcileGrace: 3600 } })
    await p.admin('POST', 'faults', { faults: [{ kind: 'error', code: 1754, route: 'POST translate/jobs' }] })
    const started = Date.now()
    const r = await p.sync({ wait: 3, pollIntervalMs: 500 }).catch((e) => e.report ?? e)
    const seconds = (Date.now() - started) / 1000
    expect(seconds).toBeLessThan(6)
    expect(r.complete).toBe(false)
    expect(r.warnings.join('\n')).toMatch(/1754/)
    expect((await p.ledger()).by_route['POST translate/jobs']).toBe(1)
  }, 30_000)
})

/** Wraps the emulator's answers (the HTTP layer is injected; nothing of ours is mocked). */
function hostile(edit: (job: Record<string, unknown>) => void): (request: Request) => Promise<Response> {
  return async (request) => {
    const res = await fetch(request)
    const text = await res.text()
    let body: unknown
    try {
      body = JSON.parse(text)
    } catch {
      return new Response(text, res)
    }
    const walk = (v: unknown) => {
      if (Array.isArray(v)) v.forEach(walk)
      else if (v && typeof v === 'object') {
        if ('body_tgt' in v) edit(v as Record<string, unknown>)
        Object.values(v).forEach(walk)
      }
    }
    walk(body)
    return new Response(JSON.stringify(body), { status: res.status, headers: res.headers })
  }
}

describe('hostile answers are not written', () => {
  it.each([
    [
      'a 1 MB body_tgt per job',
      (j: Record<string, unknown>) => void (j.body_tgt = `${j.body_tgt}${'x'.repeat(1_000_000)}`),
      /over the cap of 10000/,
    ],
    [
      'a body_tgt with [[[ left in',
      (j: Record<string, unknown>) => void (j.body_tgt = `${j.body_tgt} [[[`),
      /unbalanced \[\[\[ or \]\]\] marker/,
    ],
    [
      'a job whose lc_tgt is another language',
      (j: Record<string, unknown>) => void (j.lc_tgt = 'fr'),
      /Gengo job \d+ is for 'fr' .*not for this key's text and language/,
    ],
  ])('%s', async (_name, edit, problem) => {
    const p = await setup(undefined, {}, { speed: 'realistic' })
    await p.sync()
    await p.admin('POST', 'advance', { seconds: 600 })
    await p.sync() // the lock now holds job ids
    await p.admin('POST', 'finish')
    const before = p.exists('locales/ja/common.json') ? p.read('locales/ja/common.json') : undefined
    const l0 = await p.ledger()
    const r = await sync(await loadConfig({ cwd: p.dir }), { fetch: hostile(edit) })
    expect(r.invalid.length).toBeGreaterThan(0)
    for (const i of r.invalid) expect(i.problem).toMatch(problem)
    expect(r.files).toEqual([])
    expect(p.exists('locales/ja/common.json') ? p.read('locales/ja/common.json') : undefined).toBe(before)
    const l1 = await p.ledger()
    expect(l1.credits_charged).toBe(l0.credits_charged)
    expect(l1.jobs_created).toBe(l0.jobs_created)
  })
})
