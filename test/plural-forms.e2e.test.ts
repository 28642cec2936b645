import { describe, expect, it } from 'vitest'
import { runL10nInProcess } from './utils/cli.ts'
import { projectPerTest } from './utils/project.ts'

// Issue 20, point 4: a plain sync keeps what a person wrote. A ja `items_one` (a form ja does not
// have) is for a key the source has: it is reported broken, saying what it is, kept in its place,
// and removed only under --repair, with a message that says why.

const newProject = projectPerTest()

const EN = { items_one: '{{count}} item', items_other: '{{count}} items', other: 'Other', fresh: 'Fresh' }
const JA = { items_one: '1 件', items_other: '{{count}} 件', other: 'その他' }

describe('a plural form the language does not have (issue 20)', () => {
  it('a plain sync keeps ja items_one in its place and reports it broken; --repair removes it, saying why', async () => {
    const p = await newProject({ 'locales/en/app.json': EN, 'locales/ja/app.json': JA }, { targets: ['ja'] })
    const status = JSON.parse((await runL10nInProcess(['status', '--json'], { cwd: p.dir })).stdout)
    expect(status.problems).toEqual([
      expect.objectContaining({
        lng: 'ja',
        key: 'items_one',
        kind: 'broken',
        problem: 'plural form "one" is not one ja uses (it needs other); i18next never reads it. It is kept; sync --repair removes it',
      }),
    ])

    // `fresh` is missing: the file is rewritten, and items_one stays beside its group.
    const plain = await runL10nInProcess(['sync', '--wait=60', '--poll=1'], { cwd: p.dir })
    expect(plain.code, plain.stderr).toBe(0)
    expect(plain.stderr).not.toMatch(/pruned/)
    expect(Object.entries(p.readJson('locales/ja/app.json'))).toEqual([
      ['items_one', '1 件'],
      ['items_other', '{{count}} 件'],
      ['other', 'その他'],
      ['fresh', '[ja] Frésh'],
    ])
    const json = JSON.parse((await runL10nInProcess(['sync', '--json'], { cwd: p.dir })).stdout)
    expect(json.pruned).toEqual([])
    expect(json.broken.map((b: { key: string }) => b.key)).toEqual(['items_one'])
    expect((await runL10nInProcess(['status', '--check'], { cwd: p.dir })).code).toBe(1)

    // A dry run with --repair says what it would remove and why; --repair removes it.
    const dry = await runL10nInProcess(['sync', '--repair', '--dry-run'], { cwd: p.dir })
    expect(dry.stdout).toContain('Would prune ja app:items_one (plural form "one" that ja does not use)')
    expect(p.readJson('locales/ja/app.json').items_one).toBe('1 件')
    const repair = await runL10nInProcess(['sync', '--repair'], { cwd: p.dir })
    expect(repair.code, repair.stderr).toBe(0)
    expect(repair.stderr).toMatch(/pruned ja app:items_one \(plural form "one" that ja does not use\)/)
    expect(p.readJson('locales/ja/app.json')).toEqual({ items_other: '{{count}} 件', other: 'その他', fresh: '[ja] Frésh' })
    expect((await runL10nInProcess(['status', '--check'], { cwd: p.dir })).code).toBe(0)
    expect((await p.ledger()).jobs_created).toBe(1)
  })

  it('with --repair --json, the pruned entry names its reason', async () => {
    const p = await newProject(
      { 'locales/en/app.json': EN, 'locales/ja/app.json': { ...JA, fresh: 'フレッシュ', gone: '古い' } },
      { targets: ['ja'] },
    )
    const r = JSON.parse((await runL10nInProcess(['sync', '--repair', '--json'], { cwd: p.dir })).stdout)
    expect(r.pruned).toEqual([
      { lng: 'ja', ns: 'app', key: 'items_one', value: '1 件', reason: 'unused-plural-form', form: 'one' },
      { lng: 'ja', ns: 'app', key: 'gone', value: '古い', reason: 'not-in-source' },
    ])
  })
})
