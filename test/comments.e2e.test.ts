import { CONFIG_DEFAULTS, listComments } from '@l10n-sync/core'
import { afterEach, describe, expect, it } from 'vitest'
import { runL10nInProcess } from './utils/cli.ts'
import { createProject, projectPerTest, type TestProject } from './utils/project.ts'

const EN = { open: 'Open', title: 'Notes', close: 'Close', save: 'Save' }
const CONTEXT = { open: 'Button label: opens the selected note' }

const newProject = projectPerTest()
/** A second project in one test (projectPerTest keeps one), cleaned up after it. */
const extras: TestProject[] = []
const another = async (...args: Parameters<typeof createProject>) => {
  const p = await createProject(...args)
  extras.push(p)
  return p
}
afterEach(async () => {
  for (const p of extras.splice(0)) await p.cleanup()
})

interface EmJob {
  id: number
  bodySrc: string
  lcTgt: string
  status: string
  comments: { author: string; body: string }[]
}

/** Ordered and translated, waiting for review (the review speed, in which every third job asks on its own). */
async function setup(make: typeof newProject = newProject): Promise<TestProject> {
  const project = await make(
    { 'locales/en/common.json': EN, 'locales/en/common.context.json': CONTEXT },
    { targets: ['ja', 'fr'], files: 'locales/{{lng}}/{{ns}}.json', gengo: { acceptReviewable: false } as never },
    { speed: 'review' },
  )
  await project.sync()
  await project.admin('POST', 'finish')
  await project.sync()
  return project
}

const jobs = async (p: TestProject) => (await p.admin('GET', 'jobs')).jobs as EmJob[]
const jobOf = async (p: TestProject, source: string, lng: string) =>
  (await jobs(p)).find((j) => j.bodySrc.includes(source) && j.lcTgt === lng) as EmJob
const cli = (p: TestProject, ...args: string[]) => runL10nInProcess(args, { cwd: p.dir })
const ask = async (p: TestProject, source: string, lng: string, body: string) =>
  p.admin('POST', 'comment', { job_id: (await jobOf(p, source, lng)).id, body })

describe('l10n comments: the translators’ questions, answered', () => {
  it('lists every thread in which a translator waits (key, source, context, thread), per language, in --json and on the terminal', async () => {
    const p = await setup()
    await ask(p, 'Open', 'ja', 'Is "Open" a verb (open the note) or an adjective (the note is open)?')
    const asked = (await jobs(p)).filter((j) => j.comments.some((c) => c.author === 'translator'))
    const expected = asked.map((j) => `${j.lcTgt} ${Object.entries(EN).find(([, v]) => j.bodySrc.includes(v))?.[0]}`).sort()
    expect(expected.length).toBeGreaterThan(1) // the one asked here, and the review speed's own
    const r = await cli(p, 'comments', '--json')
    expect(r.code).toBe(0)
    const out = JSON.parse(r.stdout)
    expect(Object.keys(out).sort()).toEqual(['command', 'open', 'replied', 'requests', 'resent', 'threads'])
    expect(out.threads.map((t: { lng: string; key: string }) => `${t.lng} ${t.key}`).sort()).toEqual(expected)
    const open = out.threads.find((t: { lng: string; key: string }) => t.lng === 'ja' && t.key === 'open')
    expect(open).toMatchObject({ ns: 'common', source: 'Open', status: 'reviewable' })
    expect(open.context).toMatch(/Button label: opens the selected note/)
    expect(open.thread.at(-1)).toMatchObject({ author: 'translator', body: expect.stringMatching(/a verb/) })
    expect(out.open.ja + out.open.fr).toBe(expected.length)
    const ja = await cli(p, 'comments', '--lang', 'ja')
    expect(ja.stdout).toMatch(/question\(s\) from translators wait for an answer/)
    expect(ja.stdout).toMatch(/common:open {2}job \d+ \(reviewable\)/)
    expect(ja.stdout).toMatch(/context {2}Button label/)
    expect(ja.stdout).not.toMatch(/^ {2}fr /m)
    expect(JSON.parse((await cli(p, 'comments', '--ns', 'other', '--json')).stdout).threads).toEqual([])
  })

  it('--reply KEY --lang L --text TEXT: Gengo gets it once, the lock keeps nothing, and the thread is no longer open', async () => {
    const p = await setup()
    await ask(p, 'Open', 'ja', 'Verb or adjective?')
    const r = await cli(p, 'comments', '--reply', 'common:open', '--lang', 'ja', '--text', 'A verb: the button opens the note.')
    expect(r.stderr).toBe('')
    expect(r.stdout).toMatch(/Replied to the translator of common:open \(ja, job \d+\)/)
    expect((await jobOf(p, 'Open', 'ja')).comments.at(-1)).toEqual(
      expect.objectContaining({ author: 'customer', body: 'A verb: the button opens the note.' }),
    )
    expect((await p.ledger()).by_route['POST translate/job/:id/comment']).toBe(1)
    expect(p.readJson('l10n.lock.json').targets.ja.common.open.q).toBeUndefined()
    const after = JSON.parse((await cli(p, 'comments', '--json', '--lang', 'ja')).stdout)
    expect(after.threads.find((t: { key: string }) => t.key === 'open')).toBeUndefined()
    // The translator asks again: open again.
    await ask(p, 'Open', 'ja', 'Thanks! And the tone?')
    const again = await listComments(await p.config(), { langs: ['ja'] })
    expect(
      again.threads
        .find((t) => t.key === 'open')
        ?.thread.slice(-3)
        .map((c) => [c.author, c.body]),
    ).toEqual([
      ['translator', 'Verb or adjective?'],
      ['customer', 'A verb: the button opens the note.'],
      ['translator', 'Thanks! And the tone?'],
    ])
    // A reply that looks like a number goes verbatim (the CLI's parser would have made 0042 into 42).
    await cli(p, 'comments', '--reply', 'open', '--lang', 'ja', '--text', '0042')
    expect((await jobOf(p, 'Open', 'ja')).comments.at(-1)?.body).toBe('0042')
  })

  it('refuses, naming the key, with nothing sent: an empty reply, one over 25,000 characters, a key gone from the source, an approved job, another account’s job', async () => {
    const p = await setup()
    const sent = async () => (await p.ledger()).by_route['POST translate/job/:id/comment'] ?? 0
    const empty = await cli(p, 'comments', '--reply', 'open', '--lang', 'ja', '--text', '  ')
    expect(empty.code).toBe(2)
    expect(empty.stderr).toMatch(/The reply to open is empty/)
    const long = await cli(p, 'comments', '--reply', 'open', '--lang', 'ja', '--text', 'x'.repeat(25_001))
    expect(long.code).toBe(2)
    expect(long.stderr).toMatch(/The reply to open has 25,001 characters; Gengo takes at most 25,000/)
    const gone = await cli(p, 'comments', '--reply', 'common:farewell', '--lang', 'ja', '--text', 'Hi')
    expect(gone.code).toBe(1)
    expect(gone.stderr).toMatch(/common:farewell is no longer in the en source files/)
    expect((await cli(p, 'comments', '--reply', 'open', '--text', 'Hi')).stderr).toMatch(/--reply needs the one language/)
    // Approved in Gengo (its 120-hour auto-approval), not yet fetched: the lock still has it pending.
    await p.admin('POST', 'advance', { seconds: 121 * 3600 })
    const approved = await cli(p, 'comments', '--reply', 'common:title', '--lang', 'fr', '--text', 'Hi')
    expect(approved.stderr).toMatch(/The job of common:title \(fr\) is approved: its translator no longer works on it/)
    expect(await sent()).toBe(0)
    // A lock entry naming a job of another account (or a hand-edited one): Gengo answers 2100.
    const p2 = await setup(another)
    const lock = p2.readJson('l10n.lock.json')
    lock.targets.ja.common.save.job = '424242'
    p2.write('l10n.lock.json', lock)
    const foreign = await cli(p2, 'comments', '--reply', 'save', '--lang', 'ja', '--text', 'Hi')
    // Gengo does not return that job: the key has no open job, and nothing is sent.
    expect(foreign.stderr).toMatch(/save has no open Gengo job in ja/)
    expect((await p2.ledger()).by_route['POST translate/job/:id/comment'] ?? 0).toBe(0)
    expect(p2.readJson('l10n.lock.json').targets.ja.common.save.q).toBeUndefined()
  })

  it('a reply written ahead to the lock and interrupted is sent by the next run exactly once (looked for in the thread first)', async () => {
    const p = await setup()
    const job = await jobOf(p, 'Close', 'ja')
    const lock = p.readJson('l10n.lock.json')
    lock.targets.ja.common.close = {
      ...lock.targets.ja.common.close,
      job: String(job.id),
      q: { job: String(job.id), c: 'Close the dialog.', t: 1 },
    }
    p.write('l10n.lock.json', lock)
    const first = JSON.parse((await cli(p, 'comments', '--json')).stdout)
    expect(first.resent).toBe(1)
    expect((await p.ledger()).by_route['POST translate/job/:id/comment']).toBe(1)
    expect(p.readJson('l10n.lock.json').targets.ja.common.close.q).toBeUndefined()
    // The crash came after Gengo had it: the record is back, the reply is in the thread: not sent again.
    p.write('l10n.lock.json', lock)
    const second = JSON.parse((await cli(p, 'comments', '--json')).stdout)
    expect(second.resent).toBe(1)
    expect((await p.ledger()).by_route['POST translate/job/:id/comment']).toBe(1)
    expect((await jobOf(p, 'Close', 'ja')).comments.filter((c) => c.body === 'Close the dialog.')).toHaveLength(1)
  })

  it('a thread with hundreds of messages: --json carries all, the terminal the last five', async () => {
    const p = await setup()
    for (let i = 0; i < 300; i++) await ask(p, 'Notes', 'fr', `Message ${i}`)
    const out = JSON.parse((await cli(p, 'comments', '--json', '--lang', 'fr')).stdout)
    const notes = out.threads.find((t: { key: string }) => t.key === 'title')
    expect(notes.thread.length).toBeGreaterThanOrEqual(300)
    expect(notes.thread.at(-1).body).toBe('Message 299')
    const text = (await cli(p, 'comments', '--lang', 'fr')).stdout
    expect(text).toMatch(/… \d+ earlier message\(s\)/)
    expect(text).toMatch(/translator: Message 299/)
    expect(text).not.toMatch(/Message 200\b/)
  })

  it('l10n status counts the open questions per language and says how to see them; --json carries them; nothing open asks Gengo nothing', async () => {
    const p = await setup()
    await ask(p, 'Open', 'ja', 'Verb or adjective?')
    const asked = (await jobs(p)).filter((j) => j.comments.at(-1)?.author === 'translator')
    const per = (lng: string) => asked.filter((j) => j.lcTgt === lng).length
    const out = JSON.parse((await cli(p, 'status', '--json')).stdout)
    expect(out.questions).toEqual({ ja: per('ja'), fr: per('fr') })
    const text = (await cli(p, 'status')).stdout
    expect(text).toContain(`Translators wait for your answer: ja ${per('ja')}`)
    expect(text).toContain('`l10n comments` shows them')
    await cli(p, 'comments', '--reply', 'open', '--lang', 'ja', '--text', 'A verb.')
    expect(JSON.parse((await cli(p, 'status', '--json', '--lang', 'ja')).stdout).questions).toEqual({ ja: per('ja') - 1 })
    // Everything approved and written: the lock holds no job, and status asks Gengo nothing.
    await cli(p, 'review', '--approve')
    const before = (await p.ledger()).requests
    expect(JSON.parse((await cli(p, 'status', '--json')).stdout).questions).toEqual({ ja: 0, fr: 0 })
    expect((await p.ledger()).requests).toBe(before)
  })
})

describe('sync --wait: a translator’s question is printed as it arrives', () => {
  it('tells each unanswered question once, with the key and how to answer; an answered one is no news', async () => {
    const p = await newProject(
      { 'locales/en/common.json': EN },
      { targets: ['ja'], files: 'locales/{{lng}}/{{ns}}.json' },
      { speed: 'realistic' },
    )
    await p.sync()
    await p.admin('POST', 'advance', { seconds: 60 }) // jobs created and waiting for a translator
    await ask(p, 'Open', 'ja', 'Is "Open" a verb here?')
    const r = await cli(p, 'sync', '--wait', '2', '--poll', '0.2')
    expect(r.code).toBe(1) // time ran out: the translations take hours
    const told = r.stderr.split('\n').filter((l) => l.includes('question'))
    expect(told).toEqual([
      expect.stringMatching(
        /^question ja common:open \(job \d+, translator\): Is "Open" a verb here\? · answer: l10n comments --reply common:open --lang ja --text "…"$/,
      ),
    ])
    await cli(p, 'comments', '--reply', 'open', '--lang', 'ja', '--text', 'Yes, a verb.')
    const again = await cli(p, 'sync', '--wait', '1', '--poll', '0.2')
    expect(again.stderr).not.toMatch(/question/)
  })
})

describe('the order comment tells translators how their questions are answered', () => {
  it('by default every order carries it, each job its key’s context; gengo.comment replaces it, and "" sends none', async () => {
    const p = await newProject(
      { 'locales/en/common.json': EN, 'locales/en/common.context.json': CONTEXT },
      { targets: ['ja'], files: 'locales/{{lng}}/{{ns}}.json' },
    )
    await p.sync()
    const state = await p.admin('GET', 'jobs')
    expect(state.orders.length).toBeGreaterThan(0)
    for (const order of state.orders) expect(order.comment).toBe(CONFIG_DEFAULTS.gengo.comment)
    expect(CONFIG_DEFAULTS.gengo.comment).toMatch(
      /Questions are welcome: ask in the job’s comment thread; the developers read the threads and answer there/,
    )
    const open = (state.jobs as (EmJob & { comment: string })[]).find((j) => j.bodySrc.includes('Open'))
    expect(open?.comment).toMatch(/Button label: opens the selected note/)
    for (const [comment, expected] of [
      ['Ask us anything in the thread: we answer within a day.', 'Ask us anything in the thread: we answer within a day.'],
      ['', undefined],
    ] as const) {
      const q = await another({ 'locales/en/common.json': EN }, { targets: ['fr'], gengo: { comment } as never })
      await q.sync()
      for (const order of (await q.admin('GET', 'jobs')).orders) expect(order.comment).toBe(expected)
    }
  })
})

describe('reading threads on a budget (the dev page)', () => {
  it('maxReads reads that many threads per call, least recently read first; the rest come from the cache', async () => {
    const p = await setup()
    const cfg = await p.config()
    const reads = async () => (await p.ledger()).by_route['GET translate/job/:id/comments'] ?? 0
    const cache = new Map()
    const jobCount = new Set((await listComments(cfg, { resend: false })).threads.map((t) => t.jobId)).size
    expect(jobCount).toBeGreaterThan(0)
    const all = (await jobs(p)).length
    let before = await reads()
    for (let i = 0; i < all; i++) await listComments(cfg, { resend: false, cache, maxReads: 2 })
    expect((await reads()) - before).toBe(2 * all)
    expect(cache.size).toBe(all) // every thread read once in all/2 calls, then again: least recently read first
    await ask(p, 'Save', 'fr', 'Save as in "keep", or as in "rescue"?')
    // Within all/2 calls the stalest threads come round, the fr "Save" among them.
    before = await reads()
    let seen = false
    for (let i = 0; i < Math.ceil(all / 2) && !seen; i++)
      seen = (await listComments(cfg, { resend: false, cache, maxReads: 2 })).threads.some((t) => t.lng === 'fr' && t.key === 'save')
    expect(seen).toBe(true)
    expect((await reads()) - before).toBeLessThanOrEqual(all)
  })
})

describe('the team’s voice in every job', () => {
  it('gengo.voice goes into each job’s comment after the key’s context, tone and purpose into Gengo’s own fields; a bad one is refused up front, naming the option', async () => {
    const voice = 'Friendly and informal, second person; for people taking notes at work.'
    const p = await newProject(
      { 'locales/en/common.json': EN, 'locales/en/common.context.json': CONTEXT },
      { targets: ['ja'], gengo: { voice, tone: 'friendly', purpose: 'Web app UI' } as never },
    )
    await p.sync()
    const all = (await p.admin('GET', 'jobs')).jobs as (EmJob & { comment: string })[]
    expect(all.length).toBe(Object.keys(EN).length)
    for (const j of all) expect(j.comment).toContain(`The app's voice: ${voice}`)
    for (const j of all as (EmJob & { tone?: string; purpose?: string })[])
      expect({ tone: j.tone, purpose: j.purpose }).toEqual({ tone: 'friendly', purpose: 'Web app UI' })
    const open = all.find((j) => j.bodySrc.includes('Open'))?.comment ?? ''
    expect(open.indexOf('Button label')).toBeLessThan(open.indexOf("The app's voice"))
    const bad = await another({ 'locales/en/common.json': EN }, { targets: ['ja'], gengo: { voice: 'x'.repeat(501) } as never })
    const r = await cli(bad, 'quote')
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(/Invalid option `gengo.voice`.*at most 500 characters/)
    expect((await bad.ledger()).requests).toBe(0)
    const badTone = await another({ 'locales/en/common.json': EN }, { targets: ['ja'], gengo: { tone: 3 } as never })
    expect((await cli(badTone, 'quote')).stderr).toMatch(/Invalid option `gengo.tone` in .*: 3. Use a short string/)
  })
})

describe('the team’s glossary per target language', () => {
  it('gengo.glossaries is checked at l10n quote against GET translate/glossary and sent as each job’s glossary_id', async () => {
    const p = await newProject({ 'locales/en/common.json': EN }, { targets: ['ja', 'fr'], gengo: { glossaries: { ja: 1 } } as never })
    const q = await cli(p, 'quote', '--json')
    expect(q.code).toBe(0)
    expect((await p.ledger()).by_route['GET translate/glossary']).toBe(1)
    await p.sync()
    const all = (await p.admin('GET', 'jobs')).jobs as (EmJob & { glossaryId?: string })[]
    expect(all.filter((j) => j.lcTgt === 'ja').every((j) => j.glossaryId === '1')).toBe(true)
    expect(all.filter((j) => j.lcTgt === 'fr').every((j) => j.glossaryId === undefined)).toBe(true)
    // An id the account does not have, or one for another language: refused by name, nothing ordered.
    const unknown = await another({ 'locales/en/common.json': EN }, { targets: ['ja'], gengo: { glossaries: { ja: 99 } } as never })
    const r1 = await cli(unknown, 'quote')
    expect(r1.code).toBe(2)
    expect(r1.stderr).toMatch(
      /`gengo.glossaries.ja` is 99, which is not one of this account's glossaries \(1 "Demo glossary" \(en → ja, fr, de\)\)/,
    )
    const wrong = await another({ 'locales/en/common.json': EN }, { targets: ['ru'], gengo: { glossaries: { ru: 1 } } as never })
    expect((await cli(wrong, 'quote')).stderr).toMatch(/covers en → ja, fr, de, not en → ru/)
    const notTarget = await another({ 'locales/en/common.json': EN }, { targets: ['ja'], gengo: { glossaries: { de: 1 } } as never })
    expect((await cli(notTarget, 'quote')).stderr).toMatch(/Invalid option `gengo.glossaries.de`.*de is not a target language/)
    const badId = await another({ 'locales/en/common.json': EN }, { targets: ['ja'], gengo: { glossaries: { ja: 'a b' } } as never })
    expect((await cli(badId, 'quote')).stderr).toMatch(/Invalid option `gengo.glossaries.ja`/)
    for (const x of [unknown, wrong, notTarget, badId]) expect((await x.ledger()).jobs_created).toBe(0)
  })
})

describe('preferred translators', () => {
  it('gengo.usePreferred: quote shows the preferred translators per language (and warns for one with none); each job asks use_preferred', async () => {
    const p = await newProject({ 'locales/en/common.json': EN }, { targets: ['ja', 'fr'], gengo: { usePreferred: true } as never })
    const q = JSON.parse((await cli(p, 'quote', '--json')).stdout)
    expect(q.preferred).toEqual({ ja: 1, fr: 0 })
    const text = await cli(p, 'quote')
    expect(text.stdout).toContain('Preferred translators (gengo.usePreferred): ja 1, fr 0.')
    expect(text.stdout).toMatch(/No preferred translator for fr/)
    expect((await p.ledger()).by_route['GET account/preferred_translators']).toBe(2)
    await p.sync()
    const all = (await p.admin('GET', 'jobs')).jobs as (EmJob & { usePreferred?: boolean })[]
    expect(all.length).toBeGreaterThan(0)
    expect(all.every((j) => j.usePreferred === true)).toBe(true)
    // Without the option nothing is asked and quote --json says null.
    const plain = await another({ 'locales/en/common.json': EN }, { targets: ['ja'] })
    expect(JSON.parse((await cli(plain, 'quote', '--json')).stdout).preferred).toBeNull()
    expect((await plain.ledger()).by_route['GET account/preferred_translators']).toBeUndefined()
  })
})
