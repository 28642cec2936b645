import type { GengoJob, GengoPostJobsResult } from '@l10n-sync/gengo'
import { describe, expect, it } from 'vitest'
import { resolveConfig } from '../../src/config/config.ts'
import { shortHash } from '../../src/files/hash.ts'
import type { Resources } from '../../src/files/resources.ts'
import { baselineUpdates, decideCleanup, unitId } from '../../src/gengo/cleanup.ts'
import { decideJob, decidePosted, pendingUnderOrder, type RunView, valueHash } from '../../src/gengo/decide.ts'
import { decideFetched, groupPending, type OrderAnswer, requestFor } from '../../src/gengo/decide-fetch.ts'
import { emptyLock, type LockEntry, setEntry } from '../../src/lock/lock.ts'
import { buildJobs } from '../../src/plan/jobs.ts'
import type { Plan, Unit } from '../../src/plan/plan.ts'
import { runScope } from '../../src/plan/scope.ts'

// The decision table, case by case: pure functions, no HTTP, no files.

const NOW = 1_800_000_000
const config = resolveConfig({ source: 'en', targets: ['ja', 'fr'], gengo: { endpoint: 'emulator' } }, '/p')
const accepting = resolveConfig({ source: 'en', targets: ['ja'], gengo: { endpoint: 'emulator', acceptReviewable: true } }, '/p')

function unit(over: Partial<Unit> = {}): Unit {
  const text = over.text ?? 'Hello {{name}}'
  return { lng: 'ja', ns: 'common', key: 'greeting', sourceKey: 'greeting', text, hash: shortHash(text), state: 'pending', ...over }
}

function view(over: Partial<RunView> = {}): RunView {
  return { current: (u) => u.value, revised: new Set(), nowSec: NOW, ...over }
}

function job(u: Unit, over: Partial<GengoJob> = {}): GengoJob {
  const req = requestFor(config, u)
  return {
    jobId: '101',
    orderId: '9',
    bodySrc: req.input.bodySrc,
    lcSrc: 'en',
    lcTgt: req.input.lcTgt,
    unitCount: 2,
    tier: 'standard',
    credits: 0.1,
    currency: 'USD',
    status: 'approved',
    eta: -1,
    ctime: NOW - 60,
    autoApprove: false,
    customData: '',
    mt: false,
    ...over,
  }
}

/** The translation as a translator returns it: the placeholder still inside its do-not-translate marker. */
const translated = (text: string) => `${text} [[[{{name}}]]]`

describe('decideJob: one Gengo job and the keys it fills', () => {
  it('approved and valid: written, and the lock entry goes', () => {
    const u = unit({ entry: { h: shortHash('Hello {{name}}'), s: 'pending', job: '101', v: null, t: NOW - 60 } })
    const o = decideJob(config, job(u, { bodyTgt: translated('こんにちは') }), requestFor(config, u), [u], view())
    expect(o.writes).toEqual([{ lng: 'ja', ns: 'common', key: 'greeting', value: 'こんにちは {{name}}' }])
    expect(o.lock).toEqual([{ lng: 'ja', ns: 'common', key: 'greeting', entry: undefined }])
    expect([o.invalid, o.pending, o.warnings, o.revise]).toEqual([[], [], [], undefined])
  })

  it('reviewable: pending unless acceptReviewable; then written', () => {
    const u = unit({ entry: { h: unit().hash, s: 'pending', order: '9', v: null, t: NOW - 60 } })
    const j = job(u, { status: 'reviewable', bodyTgt: translated('やあ') })
    const waiting = decideJob(config, j, requestFor(config, u), [u], view())
    expect(waiting.writes).toEqual([])
    expect(waiting.lock[0]?.entry).toEqual({ h: u.hash, s: 'pending', job: '101', order: '9', v: null, t: NOW - 60 })
    expect(waiting.pending).toEqual([{ lng: 'ja', ns: 'common', key: 'greeting', jobId: '101', eta: -1, status: 'reviewable' }])
    const accepted = decideJob(accepting, j, requestFor(accepting, u), [u], view())
    expect(accepted.writes.map((w) => w.value)).toEqual(['やあ {{name}}'])
  })

  it('a person edited the value after the order: theirs wins (not written, entry dropped, reported as kept)', () => {
    const u = unit({ value: 'old', entry: { h: unit().hash, s: 'pending', job: '101', v: valueHash('old'), t: NOW - 60 } })
    const o = decideJob(
      config,
      job(u, { bodyTgt: translated('新') }),
      requestFor(config, u),
      [u],
      view({ current: () => 'edited by hand' }),
    )
    expect(o.writes).toEqual([])
    expect(o.lock).toEqual([{ lng: 'ja', ns: 'common', key: 'greeting', entry: undefined }])
    expect(o.events).toEqual([
      { type: 'kept', lng: 'ja', ns: 'common', key: 'greeting', reason: 'edited by a person while its translation was pending' },
    ])
  })

  it('a lost placeholder: not written, recorded invalid with the bad hash; a reviewable job is sent back once', () => {
    const u = unit({ entry: { h: unit().hash, s: 'pending', job: '101', v: null, t: NOW - 60 } })
    const body = 'こんにちは'
    const approved = decideJob(config, job(u, { bodyTgt: body }), requestFor(config, u), [u], view())
    expect(approved.writes).toEqual([])
    expect(approved.revise).toBeUndefined() // an approved job cannot be revised
    expect(approved.lock[0]?.entry).toMatchObject({ s: 'invalid', job: '101', bad: shortHash(body) })
    expect(approved.invalid).toEqual([expect.objectContaining({ key: 'greeting', jobId: '101', revised: false })])

    const reviewable = decideJob(config, job(u, { status: 'reviewable', bodyTgt: body }), requestFor(config, u), [u], view())
    expect(reviewable.revise).toEqual({ jobId: '101', comment: expect.stringContaining('lost {{name}}') })
    expect(reviewable.invalid[0]?.revised).toBe(true)

    // Already sent back for this very text (the lock remembers), or earlier in this run: not again.
    const sent = unit({ entry: { h: u.hash, s: 'invalid', job: '101', v: null, bad: shortHash(body) } })
    expect(
      decideJob(config, job(sent, { status: 'reviewable', bodyTgt: body }), requestFor(config, sent), [sent], view()).revise,
    ).toBeUndefined()
    const inRun = view({ revised: new Set(['101']) })
    expect(decideJob(config, job(u, { status: 'reviewable', bodyTgt: body }), requestFor(config, u), [u], inRun).revise).toBeUndefined()
  })

  it('a translation over max(maxLength, 10 × the source) is invalid, not written', () => {
    const u = unit({ text: 'Hi', hash: shortHash('Hi') })
    const o = decideJob(config, job(u, { bodyTgt: 'x'.repeat(config.maxLength + 1) }), requestFor(config, u), [u], view())
    expect(o.writes).toEqual([])
    expect(o.invalid[0]?.problem).toMatch(/over the cap of/)
  })

  it("texts that differ only in edge whitespace share one job; each key is written with its own source's edges (issue 20)", () => {
    const texts = { a: 'Failed to connect\r\n', b: 'Failed to connect', c: ' Failed to connect ' }
    const units = Object.entries(texts).map(([key, text]) => unit({ key, sourceKey: key, text, hash: shortHash(text) }))
    const jobs = buildJobs(config, units)
    expect(jobs.map((j) => [j.input.bodySrc, j.units.map((x) => x.key)])).toEqual([['Failed to connect', ['a', 'b', 'c']]])
    const req = jobs[0] as (typeof jobs)[0]
    const o = decideJob(config, job(units[0] as Unit, { bodyTgt: ' 接続に失敗しました \n' }), req, req.units, view())
    expect(o.writes.map((w) => [w.key, w.value])).toEqual([
      ['a', '接続に失敗しました\r\n'],
      ['b', '接続に失敗しました'],
      ['c', ' 接続に失敗しました '],
    ])
  })

  it('an answer that is empty or only whitespace (or only the note) is invalid: not written, sent back while reviewable', () => {
    const plural = unit({
      text: 'One apple',
      hash: shortHash('One apple'),
      plural: { base: 'apple', form: 'one', ordinal: false, fromForm: 'one' },
    })
    const req = requestFor(config, plural)
    const note = `[[[${req.hints[0]}]]]`
    const plain = unit({ text: 'Hi', hash: shortHash('Hi') })
    const cases: [Unit, string][] = [
      [plain, ''],
      [plain, '   '],
      [plain, '\n\t'],
      [plural, note],
      [plural, ` ${note}  `],
    ]
    for (const [u, bodyTgt] of cases) {
      const o = decideJob(config, job(u, { status: 'reviewable', bodyTgt }), requestFor(config, u), [u], view())
      expect([bodyTgt, o.writes, o.invalid[0]?.problem]).toEqual([bodyTgt, [], 'the translation is empty (only whitespace)'])
      expect(o.revise).toEqual({ jobId: '101', comment: expect.stringMatching(/^Please translate the text/) })
      expect(o.lock[0]?.entry).toMatchObject({ s: 'invalid', bad: shortHash(bodyTgt) })
    }
  })

  it('an answer with markup the source lacks: not written, invalid, sent back asking to remove it (issue 20)', () => {
    const u = unit({ entry: { h: unit().hash, s: 'pending', job: '101', v: null, t: NOW - 60 } })
    const bodyTgt = `${translated('こんにちは')} <img src=x onerror=alert(1)>`
    const o = decideJob(config, job(u, { status: 'reviewable', bodyTgt }), requestFor(config, u), [u], view())
    expect(o.writes).toEqual([])
    expect(o.invalid).toEqual([
      expect.objectContaining({
        key: 'greeting',
        problem: 'the translation added markup the source does not have: <img src=x onerror=alert(1)>',
        revised: true,
      }),
    ])
    expect(o.revise?.comment).toBe(
      'Please remove the markup the source does not have (<img src=x onerror=alert(1)>) and keep every [[[…]]] segment exactly as in the source: the translation added markup the source does not have: <img src=x onerror=alert(1)>. Expected: {{name}}',
    )
    expect(o.lock[0]?.entry).toMatchObject({ s: 'invalid', bad: shortHash(bodyTgt) })
  })

  it('a pending job is never written, even with machine text in the answer (Gengo dropped interim mt)', () => {
    const u = unit({ entry: { h: unit().hash, s: 'pending', job: '101', v: null, t: NOW - 60 } })
    const o = decideJob(config, job(u, { status: 'pending', mt: true, bodyTgt: translated('機械') }), requestFor(config, u), [u], view())
    expect(o.writes).toEqual([])
    expect(o.pending).toEqual([expect.objectContaining({ key: 'greeting', status: 'pending' })])
  })

  it("gengo.interim: 'machine' is refused by name, saying why", () => {
    expect(() =>
      resolveConfig({ source: 'en', targets: ['ja'], gengo: { endpoint: 'emulator', interim: 'machine' as never } }, '/p'),
    ).toThrow(/gengo\.interim.*no longer returns machine translations/)
  })

  it('cancelled, rejected or deleted: nothing is written, the entry goes, and the key is ordered again with force, saying why', () => {
    for (const status of ['canceled', 'rejected', 'deleted'] as const) {
      const u = unit({ entry: { h: unit().hash, s: 'pending', job: '101' } })
      const o = decideJob(config, job(u, { status, bodyTgt: translated('x') }), requestFor(config, u), [u], view())
      expect(o.writes).toEqual([])
      expect(o.lock).toEqual([{ lng: 'ja', ns: 'common', key: 'greeting', entry: undefined }])
      const word = status === 'canceled' ? 'cancelled' : status
      expect(o.warnings[0]).toMatch(new RegExp(`Gengo job 101 was ${word} .*ordered again as a new job \\(force\\)`))
      expect(o.orphans).toEqual([expect.objectContaining({ key: 'greeting', entry: undefined, force: `Gengo job 101 was ${word}` })])
      expect(requestFor(config, o.orphans[0] as Unit).input.force).toBe(true)
    }
  })

  it('still being translated: the entry keeps its order, broken-text hash and review record; a new one gets the run time', () => {
    const r = { a: 'approve' as const, t: NOW - 5, job: '101' }
    const u = unit({ entry: { h: unit().hash, s: 'invalid', order: '9', v: 'aa', t: NOW - 600, bad: 'bb', r } })
    const o = decideJob(config, job(u, { status: 'pending' }), requestFor(config, u), [u], view())
    expect(o.lock[0]?.entry).toEqual({ h: u.hash, s: 'invalid', job: '101', order: '9', v: 'aa', t: NOW - 600, bad: 'bb', r })
    const fresh = unit({ value: 'old' })
    expect(decideJob(config, job(fresh, { status: 'available' }), requestFor(config, fresh), [fresh], view()).lock[0]?.entry).toEqual({
      h: fresh.hash,
      s: 'pending',
      job: '101',
      v: valueHash('old'),
      t: NOW,
    })
  })
})

describe('decidePosted and pendingUnderOrder: the answer to a POST', () => {
  const a = unit({ key: 'a', state: 'missing' })
  const b = unit({ key: 'b', state: 'missing', text: 'Bye', hash: shortHash('Bye') })
  const batch = buildJobs(config, [a, b])

  it('every key pending under the order id first, with the value hash and the run time', () => {
    expect(pendingUnderOrder(batch, '77', NOW).map((x) => [x.key, x.entry])).toEqual([
      ['a', { h: a.hash, s: 'pending', order: '77', v: null, t: NOW }],
      ['b', { h: b.hash, s: 'pending', order: '77', v: null, t: NOW }],
    ])
  })

  const [ja, jb] = batch as [(typeof batch)[0], (typeof batch)[0]]
  const answer = (jobs: GengoPostJobsResult['jobs'], unmatched: unknown[] = []): GengoPostJobsResult => ({
    orderId: '77',
    jobCount: 2,
    creditsUsed: 0.2,
    currency: 'USD',
    jobs,
    unmatched,
  })

  it('new jobs stay queued; lazy-loaded ones are decided like fetched ones and count as reused; strays are reported', () => {
    const res = answer({ [ja.id]: { kind: 'new' }, [jb.id]: { kind: 'existing', jobs: [job(b, { jobId: '5', bodyTgt: 'さようなら' })] } }, [
      { job_id: 'stray' },
    ])
    const outcomes = decidePosted(config, batch, res, view())
    expect(outcomes.reduce((n, o) => n + o.reused, 0)).toBe(1)
    expect(outcomes.flatMap((o) => o.writes)).toEqual([{ lng: 'ja', ns: 'common', key: 'b', value: 'さようなら' }])
    expect(outcomes.flatMap((o) => o.pending)).toEqual([{ lng: 'ja', ns: 'common', key: 'a', status: 'queued' }])
    expect(outcomes.flatMap((o) => o.warnings)).toEqual([expect.stringMatching(/held 1 job entry that match no submitted job/)])
  })

  it('a duplicate inside the payload follows the job it duplicates', () => {
    const res = answer({ [ja.id]: { kind: 'existing', jobs: [job(a, { status: 'pending' })] }, [jb.id]: { kind: 'duplicate', of: ja.id } })
    expect(decidePosted(config, batch, res, view()).reduce((n, o) => n + o.reused, 0)).toBe(2)
  })
})

describe('decideFetched: what a poll means', () => {
  const answers = (orders: [string, OrderAnswer][], jobs: GengoJob[]) => ({
    orders: new Map(orders),
    jobs: new Map(jobs.map((j) => [j.jobId, j])),
  })

  it('a key with neither job nor order is ordered again, as a copy: the plan is not touched', () => {
    const lost = unit({ value: 'old' })
    const [o] = decideFetched(config, groupPending([lost]), answers([], []), view())
    expect(o?.orphans).toEqual([{ ...lost, entry: undefined, state: 'stale' }])
    expect(lost.state).toBe('pending')
  })

  it('2750 for an order: still queued while young, ordered again once past the grace period', () => {
    const young = unit({ entry: { h: unit().hash, s: 'pending', order: '9', t: NOW - 10 } })
    const old = unit({ key: 'old', entry: { h: unit().hash, s: 'pending', order: '8', t: NOW - config.gengo.reconcileGrace - 1 } })
    const out = decideFetched(
      config,
      groupPending([young, old]),
      answers(
        [
          ['9', { kind: 'unknown' }],
          ['8', { kind: 'unknown' }],
        ],
        [],
      ),
      view(),
    )
    expect(out.flatMap((o) => o.pending)).toEqual([{ lng: 'ja', ns: 'common', key: 'greeting', status: 'queued' }])
    expect(out.flatMap((o) => o.orphans).map((u) => u.key)).toEqual(['old'])
    expect(out.flatMap((o) => o.warnings)).toEqual([expect.stringMatching(/does not know order 8 any more/)])
  })

  it('a job Gengo does not know is ordered again; a job about another text is invalid and leaves the lock alone', () => {
    const gone = unit({ key: 'gone', entry: { h: unit().hash, s: 'pending', job: '404' } })
    const other = unit({ key: 'other', entry: { h: unit().hash, s: 'pending', job: '7' } })
    const out = decideFetched(
      config,
      groupPending([gone, other]),
      answers([], [job(other, { jobId: '7', bodySrc: 'Something else' })]),
      view(),
    )
    expect(out.flatMap((o) => o.orphans).map((u) => u.key)).toEqual(['gone'])
    expect(out.flatMap((o) => o.invalid)).toEqual([
      expect.objectContaining({ key: 'other', jobId: '7', problem: expect.stringMatching(/not for this key/) }),
    ])
    expect(out.flatMap((o) => o.lock).map((l) => l.key)).toEqual(['gone'])
  })

  it('an order read: its job decides the key; no job yet but jobs queued: waits; none at all: ordered again', () => {
    const t = NOW - config.gengo.reconcileGrace - 1
    const a = unit({ key: 'a', entry: { h: unit().hash, s: 'pending', order: '9', t } })
    const b = unit({ key: 'b', text: 'Bye', hash: shortHash('Bye'), entry: { h: shortHash('Bye'), s: 'pending', order: '9', t } })
    const found = job(a, { jobId: '11', bodyTgt: translated('やあ') })
    const queued = decideFetched(
      config,
      groupPending([a, b]),
      answers([['9', { kind: 'read', jobIds: ['11'], queued: 1 }]], [found]),
      view(),
    )
    expect(queued.flatMap((o) => o.writes).map((w) => w.key)).toEqual(['a'])
    expect(queued.flatMap((o) => o.pending).map((p) => [p.key, p.status])).toEqual([['b', 'queued']])
    const done = decideFetched(config, groupPending([a, b]), answers([['9', { kind: 'read', jobIds: ['11'], queued: 0 }]], [found]), view())
    expect(done.flatMap((o) => o.orphans).map((u) => u.key)).toEqual(['b'])
  })

  it('a young order that reads jobs_queued 0 without the job of a key: still pending (jobs appear late), not ordered again', () => {
    const b = unit({ key: 'b', entry: { h: unit().hash, s: 'pending', order: '9', t: NOW - 5 } })
    const out = decideFetched(config, groupPending([b]), answers([['9', { kind: 'read', jobIds: [], queued: 0 }]], []), view())
    expect(out.flatMap((o) => o.orphans)).toEqual([])
    expect(out.flatMap((o) => o.pending).map((p) => [p.key, p.status])).toEqual([['b', 'queued']])
  })
})

describe('decideCleanup and baselineUpdates: the end of a run', () => {
  const scope = runScope(config, { langs: ['ja'] })
  const obsolete = unit({ key: 'gone', sourceKey: '', state: 'obsolete', value: 'old' })
  const elsewhere = unit({ lng: 'fr', key: 'gone', sourceKey: '', state: 'obsolete', value: 'vieux' })
  const stale = unit({ key: 'changed', state: 'stale', value: 'old', baseline: 'Hi' })
  const p: Plan = {
    namespaces: ['common'],
    langs: ['ja', 'fr'],
    units: [obsolete, elsewhere, stale],
    upToDate: {},
    upToDateByNs: {},
    problems: [],
  }

  it('prunes obsolete keys of the run’s languages only; a dry run lists them and deletes nothing', () => {
    const run = decideCleanup(config, p, scope, new Map(), new Map(), false)
    expect(run.pruned).toEqual([obsolete])
    expect([...(run.deletes.get('ja')?.get('common') ?? [])]).toEqual(['gone'])
    const dry = decideCleanup(config, p, scope, new Map(), new Map(), true)
    expect([dry.pruned, dry.deletes.size]).toEqual([[obsolete], 0])
    const keep = resolveConfig({ source: 'en', targets: ['ja', 'fr'], prune: false }, '/p')
    expect(decideCleanup(keep, p, scope, new Map(), new Map(), false).pruned).toEqual([])
  })

  it('a plural form the language does not have is kept without --repair and pruned with it; a dry run with repair lists it (issue 20)', () => {
    const one = unit({ key: 'items_one', sourceKey: '', state: 'obsolete', value: '1 件', unusedForm: { form: 'one', needs: ['other'] } })
    const withForm: Plan = { ...p, units: [obsolete, one] }
    const plain = decideCleanup(config, withForm, scope, new Map(), new Map(), false)
    expect([plain.pruned, [...(plain.deletes.get('ja')?.get('common') ?? [])]]).toEqual([[obsolete], ['gone']])
    const repair = runScope(config, { langs: ['ja'], repair: true })
    const repaired = decideCleanup(config, withForm, repair, new Map(), new Map(), false)
    expect([repaired.pruned, [...(repaired.deletes.get('ja')?.get('common') ?? [])]]).toEqual([
      [obsolete, one],
      ['gone', 'items_one'],
    ])
    const dry = decideCleanup(config, withForm, repair, new Map(), new Map(), true)
    expect([dry.pruned, dry.deletes.size]).toEqual([[obsolete, one], 0])
    const keep = resolveConfig({ source: 'en', targets: ['ja', 'fr'], prune: false }, '/p')
    expect(decideCleanup(keep, withForm, repair, new Map(), new Map(), false).pruned).toEqual([])
  })

  it('keepStale: false deletes a stale value re-ordered and not written yet; a written one stays', () => {
    const noStale = resolveConfig({ source: 'en', targets: ['ja'], keepStale: false, prune: false }, '/p')
    const ordered = new Map([[unitId(stale), stale]])
    expect([...(decideCleanup(noStale, p, scope, ordered, new Map(), false).deletes.get('ja')?.get('common') ?? [])]).toEqual(['changed'])
    const written = new Map([['ja', new Map([['common', new Map([['changed', 'new']])]])]])
    expect(decideCleanup(noStale, p, scope, ordered, written, false).deletes.size).toBe(0)
    expect(decideCleanup(config, p, scope, ordered, new Map(), false).deletes.get('ja')?.get('common')?.has('changed')).toBe(false)
  })

  it('a stale key not ordered keeps its old baseline; a stale entry whose text is current again goes; pruned keys lose theirs', () => {
    const lock = emptyLock('en')
    const current = unit({ key: 'back', state: 'up-to-date' })
    const entry: LockEntry = { h: current.hash, s: 'stale' }
    setEntry(lock, 'ja', 'common', 'back', entry)
    const q: Plan = { ...p, units: [obsolete, stale, current] }
    const resources = {
      source: new Map([['common', { entries: [{ key: 'greeting', value: 'Hello {{name}}', path: ['greeting'] }] }]]),
    } as unknown as Resources
    const b = baselineUpdates(lock, q, resources, new Map(), [obsolete])
    expect(b.lock).toEqual([
      { lng: 'ja', ns: 'common', key: 'gone', entry: undefined },
      { lng: 'ja', ns: 'common', key: 'changed', entry: { h: shortHash('Hi'), s: 'stale' } },
      { lng: 'ja', ns: 'common', key: 'back', entry: undefined },
    ])
    expect({ ...b.strings.common }).toEqual({ greeting: 'Hello {{name}}' })
    // Ordered this run: no stale entry (the order's pending entry stands for it).
    expect(baselineUpdates(lock, q, resources, new Map([[unitId(stale), stale]]), []).lock.map((x) => x.key)).toEqual(['back'])
  })
})
