import { describe, expect, it } from 'vitest'
import { resolveConfig } from '../../src/config/config.ts'
import { parseContext } from '../../src/files/context.ts'
import { shortHash } from '../../src/files/hash.ts'
import type { Resources } from '../../src/files/resources.ts'
import { decideJob, type RunView } from '../../src/gengo/decide.ts'
import { requestFor } from '../../src/gengo/decide-fetch.ts'
import { emptyLock } from '../../src/lock/lock.ts'
import { buildJobs, restoreJob } from '../../src/plan/jobs.ts'
import { plan, type Unit } from '../../src/plan/plan.ts'
import { charCount } from '../../src/plan/value-checks.ts'
import { gengoJob } from '../gengo/job.ts'
import { localeFile } from './locale-file.ts'

// A key's maxChars: read from the context file, told to the translator, held against what comes back and what is there.

const config = resolveConfig({ source: 'en', targets: ['ja'], gengo: { endpoint: 'emulator' } }, '/p')
const o = config.i18next.interpolation

const file = localeFile

describe('parseContext: strings and {context, maxChars} entries', () => {
  it('reads plain strings, entries and nesting; limits only where set', () => {
    const notes = parseContext(
      { save: 'A button', title: { context: 'Page title', maxChars: 30 }, nav: { home: { maxChars: 8 }, about: 'Link' } },
      'common.context.json',
      '.',
    )
    expect([...notes]).toEqual([
      ['save', 'A button'],
      ['title', 'Page title'],
      ['nav.about', 'Link'],
    ])
    expect([...(notes.limits ?? [])]).toEqual([
      ['title', 30],
      ['nav.home', 8],
    ])
    expect(parseContext({ a: 'x' }, 'f', '.').limits).toBeUndefined()
    // A group with a key named "context": its entry is written as an object.
    expect([...parseContext({ menu: { context: { context: 'the menu.context key' } } }, 'f', '.')]).toEqual([
      ['menu.context', 'the menu.context key'],
    ])
  })

  it.each([
    [{ save: { maxChars: 0 } }, /key "save" has "maxChars" 0: write a whole number of characters of at least 1/],
    [{ save: { maxChars: 2.5 } }, /"maxChars" 2\.5/],
    [{ save: { maxChars: '20' } }, /"maxChars" "20"/],
    [{ save: { maxChars: -3, context: 'x' } }, /"maxChars" -3/],
    [{ save: { context: 'x', max_chars: 20 } }, /key "save" has unknown field "max_chars"/],
    [{ save: { maxChars: 5, note: 'x', size: 1 } }, /unknown fields "note", "size"/],
    [{ save: { context: 5 } }, /has "context" 5: write the note as a string/],
    [{ 'a.b': 'x', a: { b: 'y' } }, /key "a.b" is given twice/],
  ])('%j is refused, naming the file and key and saying what to write', (tree, message) => {
    let error: unknown
    try {
      parseContext(tree, 'locales/en/common.context.json', '.')
    } catch (e) {
      error = e
    }
    expect(error).toMatchObject({ code: 'L10N_RESOURCE', file: 'locales/en/common.context.json' })
    expect((error as Error).message).toMatch(message)
    expect((error as Error).message).toMatch(/^\[l10n\] locales\/en\/common\.context\.json: key ".+"/)
    expect((error as Error).message).toContain(`{"context": "a note for the translator", "maxChars": 20}`)
  })
})

describe('maxChars in the plan, the job and the decision', () => {
  const context = parseContext({ save: { context: 'A button', maxChars: 6 }, items: { maxChars: 16 } }, 'c.json', '.')
  const resources = (target: Record<string, string>): Resources => ({
    source: new Map([
      ['common', file('en', { save: 'Save', items_one: '{{count}} item', items_other: '{{count}} items', free: 'Free text' })],
    ]),
    targets: new Map([['ja', new Map([['common', file('ja', target)]])]]),
    context: new Map([['common', context]]),
  })

  it('an existing value over the limit is broken, counted in code points; one at the limit is not', () => {
    const lock = emptyLock('en')
    lock.strings.common = { save: 'Save', items_one: '{{count}} item', items_other: '{{count}} items', free: 'Free text' }
    // 6 code points, 7 UTF-16 units (the emoji): within the limit.
    const ok = plan(config, resources({ save: '保存す😀る', items_other: '{{count}} 個のアイテム', free: 'x'.repeat(500) }), lock)
    expect(ok.problems.filter((p) => p.kind === 'broken')).toEqual([])
    const long = plan(config, resources({ save: '保存してください', items_other: '{{count}} 個のアイテムです。' }), lock)
    expect(long.problems).toEqual([
      {
        lng: 'ja',
        ns: 'common',
        key: 'save',
        kind: 'broken',
        problem: `the value is 8 characters long, over the key's limit of 6 (maxChars in the context file)`,
      },
      {
        lng: 'ja',
        ns: 'common',
        key: 'items_other',
        kind: 'broken',
        problem: `the value is 19 characters long, over the key's limit of 16 (maxChars in the context file)`,
      },
    ])
    expect(charCount('{{count}} 個のアイテムです。')).toBe(19)
  })

  it("the job's comment tells the translator; keys sharing a job get the least limit", () => {
    const units: Unit[] = [
      { lng: 'ja', ns: 'common', key: 'a', sourceKey: 'a', text: 'Open', hash: shortHash('Open'), state: 'missing', maxChars: 12 },
      { lng: 'ja', ns: 'common', key: 'b', sourceKey: 'b', text: 'Open', hash: shortHash('Open'), state: 'missing' },
      { lng: 'ja', ns: 'common', key: 'c', sourceKey: 'c', text: 'Open', hash: shortHash('Open'), state: 'missing', maxChars: 5 },
    ]
    const [job] = buildJobs(config, units)
    expect(job?.units.length).toBe(3)
    expect(job?.maxChars).toBe(5)
    expect(job?.input.comment).toBe('At most 5 characters: the space in the app is limited.')
    const [withPlaceholder] = buildJobs(config, [{ ...(units[0] as Unit), text: 'Hi {{name}}' }])
    expect(withPlaceholder?.input.comment).toContain(
      'At most 12 characters: the space in the app is limited (each [[[…]]] segment counts as what is inside its brackets).',
    )
  })

  it('a translation over the limit is not written, is reported and sent back; at the limit it is written', () => {
    const u: Unit = {
      lng: 'ja',
      ns: 'common',
      key: 'save',
      sourceKey: 'save',
      text: 'Save {{n}}',
      hash: shortHash('Save {{n}}'),
      state: 'pending',
      maxChars: 8,
      entry: { h: shortHash('Save {{n}}'), s: 'pending', job: '7', v: null, t: 1 },
    }
    const req = requestFor(config, u)
    // Counted as written: `{{n}}` is 5 characters, the brackets are not counted.
    expect(restoreJob(req, '保存 [[[{{n}}]]]が', o)).toMatchObject({ ok: false, kind: 'limit', limit: { max: 8, length: 9 } })
    expect(restoreJob(req, '保存 [[[{{n}}]]]', o)).toEqual({ ok: true, text: '保存 {{n}}' })
    const view: RunView = { current: () => undefined, revised: new Set(), nowSec: 100 }
    const long = decideJob(
      config,
      gengoJob({ jobId: '7', bodySrc: req.input.bodySrc, status: 'reviewable', bodyTgt: '保存する [[[{{n}}]]]' }),
      req,
      [u],
      view,
    )
    expect(long.writes).toEqual([])
    expect(long.invalid).toEqual([
      {
        lng: 'ja',
        ns: 'common',
        key: 'save',
        jobId: '7',
        problem: `the translation for common:save is 10 characters long, over the key's limit of 8 (maxChars in the context file)`,
        revised: true,
      },
    ])
    expect(long.revise).toEqual({
      jobId: '7',
      comment:
        'Please shorten the translation to at most 8 characters (it has 10, counting each [[[…]]] segment as what is inside its brackets); the space in the app is limited.',
    })
    expect(long.lock[0]?.entry).toMatchObject({ s: 'invalid', job: '7', bad: shortHash('保存する [[[{{n}}]]]') })
    // Approved over the limit: not written either, and it cannot be revised (sync --repair orders it anew).
    const approved = decideJob(
      config,
      gengoJob({ jobId: '7', bodySrc: req.input.bodySrc, status: 'approved', bodyTgt: '保存する [[[{{n}}]]]' }),
      req,
      [u],
      view,
    )
    expect([approved.writes, approved.revise, approved.invalid[0]?.revised]).toEqual([[], undefined, false])
    expect(approved.warnings[0]).toMatch(/approved with a broken translation .*over the key's limit of 8.*sync --repair/)
    const fits = decideJob(
      config,
      gengoJob({ jobId: '7', bodySrc: req.input.bodySrc, status: 'approved', bodyTgt: '保存 [[[{{n}}]]]' }),
      req,
      [u],
      view,
    )
    expect(fits.writes).toEqual([{ lng: 'ja', ns: 'common', key: 'save', value: '保存 {{n}}' }])
  })

  it("every key a job fills is held to its own limit, not only the first one's", () => {
    const a: Unit = { lng: 'ja', ns: 'common', key: 'a', sourceKey: 'a', text: 'Open', hash: shortHash('Open'), state: 'pending' }
    const b: Unit = { ...a, key: 'b', sourceKey: 'b', maxChars: 2 }
    const req = requestFor(config, a)
    const out = decideJob(
      config,
      gengoJob({ jobId: '8', bodySrc: req.input.bodySrc, status: 'approved', bodyTgt: '開きます' }),
      req,
      [a, b],
      {
        current: () => undefined,
        revised: new Set(),
        nowSec: 1,
      },
    )
    expect(out.writes).toEqual([])
    expect(out.invalid.map((i) => [i.key, i.problem])).toEqual([
      ['a', `the translation for common:b is 4 characters long, over the key's limit of 2 (maxChars in the context file)`],
      ['b', `the translation for common:b is 4 characters long, over the key's limit of 2 (maxChars in the context file)`],
    ])
  })
})
