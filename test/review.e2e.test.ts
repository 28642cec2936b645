import { readFileSync } from 'node:fs'
import { approveReview, isL10nError, listReview, reviewable, reviewOverview, reviseReview } from '@l10n-sync/core'
import { describe, expect, it } from 'vitest'
import { runL10nInProcess } from './utils/cli.ts'
import { projectPerTest, type TestProject } from './utils/project.ts'

const EN = { greeting: 'Hello, {{name}}!', open: 'Open', title: 'Notes', items_one: '{{count}} item', items_other: '{{count}} items' }
const CONTEXT = { open: 'Button label: opens the selected note' }

const newProject = projectPerTest()

/** Ordered and translated, waiting for review (acceptReviewable off, the review speed). */
async function setup(): Promise<TestProject> {
  const project = await newProject(
    { 'locales/en/common.json': EN, 'locales/en/common.context.json': CONTEXT },
    { targets: ['ja', 'ru'], files: 'locales/{{lng}}/{{ns}}.json', gengo: { acceptReviewable: false } as never },
    { speed: 'review' },
  )
  const first = await project.sync()
  expect(first.ordered.jobs).toBeGreaterThan(0)
  await project.admin('POST', 'finish')
  const second = await project.sync()
  expect(second.pending.every((p) => p.status === 'reviewable')).toBe(true)
  return project
}

const lockEntry = (p: TestProject, lng: string, key: string) => p.readJson('l10n.lock.json').targets[lng]?.common?.[key]

describe('review: list, approve, revise', () => {
  it('lists every reviewable job with its source, translator context and restored translation; nothing is written yet', async () => {
    const p = await setup()
    const report = await listReview(await p.config())
    const queue = reviewable(report.items)
    // ja: greeting, open, title, items_other; ru: greeting, open, title, items_one/few/many/other
    expect(queue.map((i) => `${i.lng} ${i.key}`).sort()).toEqual([
      'ja greeting',
      'ja items_other',
      'ja open',
      'ja title',
      'ru greeting',
      'ru items_few',
      'ru items_many',
      'ru items_one',
      'ru items_other',
      'ru open',
      'ru title',
    ])
    const open = queue.find((i) => i.lng === 'ja' && i.key === 'open')
    expect(open).toMatchObject({ source: 'Open', translation: '[ja] Ópén', status: 'reviewable' })
    expect(open?.context).toMatch(/Button label: opens the selected note/)
    expect(queue.find((i) => i.lng === 'ja' && i.key === 'greeting')?.translation).toBe('[ja] Hélló, {{name}}!')
    expect(p.exists('locales/ja/common.json')).toBe(false)
    expect(report.requests).toBe(1) // one batch read of every job
  })

  it('approve by key with a rating: Gengo gets it, the translation lands in the file, the lock entry goes', async () => {
    const p = await setup()
    const before = (await p.ledger()).by_route['PUT translate/job/:id'] ?? 0
    const r = await approveReview(await p.config(), { targets: ['common:greeting'], langs: ['ja'], rating: 5, feedback: 'Great' })
    expect(r.approved.map((i) => `${i.lng} ${i.key}`)).toEqual(['ja greeting'])
    expect(r.files).toEqual(['locales/ja/common.json'])
    expect(p.readJson('locales/ja/common.json')).toEqual({ greeting: '[ja] Hélló, {{name}}!' })
    expect(lockEntry(p, 'ja', 'greeting')).toBeUndefined()
    expect((await p.ledger()).by_route['PUT translate/job/:id']).toBe(before + 1)
    const jobs = (await p.admin('GET', 'jobs')).jobs as {
      id: number
      status: string
      approval?: { rating?: number; forTranslator?: string }
    }[]
    const approved = jobs.filter((j) => j.status === 'approved')
    expect(approved).toHaveLength(1)
    expect(approved[0]?.approval).toMatchObject({ rating: 5, forTranslator: 'Great' })
    // ru's greeting is still waiting
    expect(lockEntry(p, 'ru', 'greeting')).toMatchObject({ s: 'pending' })
  })

  it('approve a whole language (--approve --lang ja), by job id too', async () => {
    const p = await setup()
    const cfg = await p.config()
    const id = reviewable((await listReview(cfg)).items).find((i) => i.lng === 'ru' && i.key === 'title')?.jobId as string
    await approveReview(cfg, { targets: [id] })
    expect(p.readJson('locales/ru/common.json')).toEqual({ title: '[ru] Nótés' })
    const all = await approveReview(cfg, { langs: ['ja'] })
    expect(all.approved).toHaveLength(4)
    expect(Object.keys(p.readJson('locales/ja/common.json'))).toEqual(['greeting', 'open', 'title', 'items_other'])
    expect((await p.sync()).languages.ja).toMatchObject({ translated: 4, pending: 0 })
  })

  it('revise with a comment: recorded in the lock, the job goes to revising, the reworded text comes back for review', async () => {
    const p = await setup()
    const cfg = await p.config()
    const r = await reviseReview(cfg, { targets: ['title'], langs: ['ja'], comment: 'Use the product name' })
    expect(r.revised.map((i) => i.key)).toEqual(['title'])
    expect(lockEntry(p, 'ja', 'title')).toMatchObject({ s: 'pending', r: { a: 'revise', c: 'Use the product name', sent: true } })
    const jobs = (await p.admin('GET', 'jobs')).jobs as { status: string; comments: { body: string }[] }[]
    expect(jobs.find((j) => j.comments.some((c) => c.body === 'Use the product name'))?.status).toBe('revising')
    expect(p.exists('locales/ja/common.json')).toBe(false)
    // a sync polls it and keeps it pending, the record survives
    await p.sync()
    expect(lockEntry(p, 'ja', 'title')?.r).toMatchObject({ a: 'revise' })
    await p.admin('POST', 'finish')
    const title = reviewable((await listReview(cfg)).items).find((i) => i.lng === 'ja' && i.key === 'title')
    expect(title?.translation).toBe('[ja rev 1] Nótés')
    await approveReview(cfg, { targets: ['title'], langs: ['ja'] })
    expect(p.readJson('locales/ja/common.json')).toEqual({ title: '[ja rev 1] Nótés' })
  })

  it('a crash between the record and the PUT loses nothing: the next review run sends it', async () => {
    const p = await setup()
    const cfg = await p.config()
    // The record is in the lock; Gengo never heard of it (the PUT is dropped before it arrives).
    await p.admin('POST', 'faults', { kind: 'status', status: 503, route: 'PUT translate/job/:id', times: 5 })
    await expect(approveReview(cfg, { targets: ['open'], langs: ['ja'], rating: 4 })).rejects.toThrow()
    expect(lockEntry(p, 'ja', 'open')?.r).toMatchObject({ a: 'approve', rating: 4 })
    expect(lockEntry(p, 'ja', 'open')?.r?.sent).toBeUndefined()
    await p.admin('DELETE', 'faults')
    // Any later review action replays it.
    const r = await reviseReview(cfg, { targets: ['title'], langs: ['ja'], comment: 'Shorter' })
    expect(r.approved.map((i) => i.key)).toEqual(['open'])
    expect(p.readJson('locales/ja/common.json')).toEqual({ open: '[ja] Ópén' })
  })

  it('refuses by name: nothing reviewable, a bad rating, a revise without comment', async () => {
    const p = await setup()
    const cfg = await p.config()
    const err = (promise: Promise<unknown>) =>
      promise.then(
        () => undefined,
        (e) => e,
      )
    const none = await err(approveReview(cfg, { targets: ['nope'] }))
    expect(isL10nError(none) && none.code).toBe('L10N_REVIEW')
    expect((none as Error).message).toMatch(/Nothing reviewable matches "nope"/)
    expect(((await err(approveReview(cfg, { targets: ['open'], rating: 9 }))) as Error).message).toMatch(
      /rating must be a whole number from 1 to 5/,
    )
    expect(((await err(reviseReview(cfg, { targets: ['open'], comment: '  ' }))) as Error).message).toMatch(/needs a comment/)
    expect(p.exists('locales/ja/common.json')).toBe(false)
  })

  it('overview: coverage per language × namespace with reviewable counts, and what is committed', async () => {
    const p = await setup()
    const o = await reviewOverview(await p.config())
    expect(o.coverage.map((c) => [c.lng, c.ns, c.total, c.translated, c.pending, c.reviewable, c.invalid])).toEqual([
      ['ja', 'common', 4, 0, 4, 4, 0],
      ['ru', 'common', 7, 0, 7, 7, 0],
    ])
    expect(o.committed).toBeGreaterThan(0)
    expect(o.spent).toBeGreaterThan(0)
  })
})

describe('l10n review (the CLI)', () => {
  it("lists (--json, with the README's fields), approves a language with a rating, revises a key with a comment", async () => {
    const p = await setup()
    const listed = await runL10nInProcess(['review', '--json', '--lang', 'ja'], { cwd: p.dir })
    expect(listed.code).toBe(0)
    const out = JSON.parse(listed.stdout)
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8')
    const row = readme.match(/\| `review --json` \| `([^`]+)` \|/)?.[1]?.split(', ') ?? []
    expect(Object.keys(out).sort()).toEqual([...row].sort())
    expect(out.reviewable.map((i: { key: string }) => i.key).sort()).toEqual(['greeting', 'items_other', 'open', 'title'])
    expect(out.reviewable[0]).toMatchObject({
      lng: 'ja',
      status: 'reviewable',
      source: expect.any(String),
      translation: expect.any(String),
    })
    expect(listed.stdout).not.toMatch(/e2e-private/)

    const human = await runL10nInProcess(['review'], { cwd: p.dir })
    expect(human.stdout).toMatch(/11 translation\(s\) waiting for review/)
    expect(human.stdout).toMatch(/ja\s+common:open {2}job \d+/)

    const revised = await runL10nInProcess(['review', '--revise', 'common:title', '--lang', 'ru', '--comment', 'Keep it short'], {
      cwd: p.dir,
    })
    expect(revised.code).toBe(0)
    expect(revised.stdout).toMatch(/Sent 1 job\(s\) back for revision/)
    const approved = await runL10nInProcess(['review', '--approve', '--lang', 'ja', '--rating', '4'], { cwd: p.dir })
    expect(approved.code).toBe(0)
    expect(approved.stdout).toMatch(/Approved 4 job\(s\); wrote locales\/ja\/common.json/)
    expect(p.readJson('locales/ja/common.json').open).toBe('[ja] Ópén')
    const jobs = (await p.admin('GET', 'jobs')).jobs as {
      status: string
      revisions: number
      approval?: { rating: number }
      comments: { body: string }[]
    }[]
    expect(jobs.filter((j) => j.approval?.rating === 4)).toHaveLength(4)
    // The comment reached the translator (the review speed brings the revision back 1.5 s later).
    expect(jobs.find((j) => j.comments.some((c) => c.body === 'Keep it short'))?.revisions).toBe(1)
  })

  it('a revised job comes back: l10n review shows the text before the revision and after it (--json: revision)', async () => {
    const p = await setup()
    const sent = await runL10nInProcess(['review', '--revise', 'common:title', '--lang', 'ja', '--comment', 'Use the product name'], {
      cwd: p.dir,
    })
    expect(sent.code).toBe(0)
    await p.admin('POST', 'finish')
    const before = (await p.ledger()).by_route
    const human = await runL10nInProcess(['review', '--lang', 'ja'], { cwd: p.dir })
    expect(human.stdout).toMatch(
      /ja\s+common:title {2}job \d+ {2}\(revised after your comment\)\n\s+en {2}Notes\n\s+ja {2}\[ja rev 1\] Nótés\n\s+was \[ja\] Nótés {2}\(before the revision; 2 versions\)/,
    )
    // Only the job sent back is asked about its revisions: its list, then the newest text (the current one), then the one before.
    const after = (await p.ledger()).by_route
    expect((after['GET translate/job/:id/revisions'] ?? 0) - (before['GET translate/job/:id/revisions'] ?? 0)).toBe(1)
    expect((after['GET translate/job/:id/revision/:rev_id'] ?? 0) - (before['GET translate/job/:id/revision/:rev_id'] ?? 0)).toBe(2)
    const json = JSON.parse((await runL10nInProcess(['review', '--json', '--lang', 'ja'], { cwd: p.dir })).stdout)
    const byKey = new Map(json.reviewable.map((i: { key: string }) => [i.key, i]))
    expect((byKey.get('title') as { revision: unknown }).revision).toEqual({ before: '[ja] Nótés', after: '[ja rev 1] Nótés', versions: 2 })
    expect((byKey.get('open') as { revision: unknown }).revision).toBeNull()
  })

  it('usage errors exit 2: --revise without --comment, a bad rating; nothing reviewable exits 1', async () => {
    const p = await setup()
    expect((await runL10nInProcess(['review', '--revise', 'title'], { cwd: p.dir })).code).toBe(2)
    const bad = await runL10nInProcess(['review', '--approve', 'title', '--rating', '9'], { cwd: p.dir })
    expect(bad.code).toBe(2)
    expect(bad.stderr).toMatch(/rating must be a whole number from 1 to 5/)
    const none = await runL10nInProcess(['review', '--approve', 'nothing.here'], { cwd: p.dir })
    expect(none.code).toBe(1)
    expect(none.stderr).toMatch(/Nothing reviewable matches "nothing.here"/)
  })
})
