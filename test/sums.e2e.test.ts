/**
 * The sums file (`l10n.lock.sums`, packages/core/src/lock/sums.ts): a namespace whose files and lock baselines are as a
 * clean run left them is counted without being parsed, on a fresh clone too. The invariant: it never changes a result.
 * Every case below changes one input of a clean project and compares `status` with the sums against `status` with no
 * sums file (the full read), and says which namespaces were read in full rather than counted (`unchanged`).
 */
import { createHash } from 'node:crypto'
import * as nodeFs from 'node:fs'
import { join } from 'node:path'
import { loadConfig, status, sync } from '@l10n-sync/core'
import { describe, expect, it } from 'vitest'
import { projectPerTest, type TestProject } from './utils/project.ts'

const newProject = projectPerTest()

const FILES = {
  'locales/en/common.json': {
    welcome: 'Welcome, {{name}}!',
    nav: { home: 'Home', cart: 'Your cart has <1>{{count}}</1> items' },
    item_one: '{{count}} item',
    item_other: '{{count}} items',
    blank: '',
  },
  'locales/en/shop.json': { buy: 'Buy now', price: 'Price: {{ amount }}' },
  'locales/en/common.context.json': { welcome: 'The greeting on the home page' },
}
const CONFIG = { targets: ['ja', 'ru'], context: 'locales/{{lng}}/{{ns}}.context.json' }

/** A status, and the namespaces it read in full (those the sums file did not show unchanged). */
async function statusOf(p: TestProject) {
  const report = await status(await loadConfig({ cwd: p.dir }))
  const parsed = ['common', 'shop'].filter((ns) => !report.unchanged.includes(ns))
  return { report, parsed }
}

/** A synced, clean project: every key translated, the sums written. */
async function cleanProject(): Promise<TestProject> {
  const p = await newProject(FILES, CONFIG)
  const first = await p.sync({ wait: 30, pollIntervalMs: 10 })
  expect(first.complete).toBe(true)
  expect(p.exists('l10n.lock.sums')).toBe(true)
  return p
}

/** status with the sums equals status without them (the full read); returns what was parsed with them. */
async function sameAsFullRead(p: TestProject) {
  const withSums = await statusOf(p)
  const sums = p.read('l10n.lock.sums')
  p.remove('l10n.lock.sums')
  const full = await statusOf(p)
  p.write('l10n.lock.sums', sums)
  expect(full.report.unchanged).toEqual([])
  expect({ ...withSums.report, unchanged: [] }).toEqual(full.report)
  return withSums
}

/** A lock's text as the sums lines name it: 24 hex of its SHA-1. */
const lockHash = (text: string) => createHash('sha1').update(text).digest('hex').slice(0, 24)

const edit = (p: TestProject, path: string, change: (v: any) => void) => {
  const v = p.readJson(path)
  change(v)
  p.write(path, v)
}

describe('the sums file', () => {
  it('a clean run writes one line per namespace; the next run parses nothing, writes nothing, asks Gengo nothing', async () => {
    const p = await cleanProject()
    const lines = p
      .read('l10n.lock.sums')
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l))
    expect(lines.map((l) => [l.ns, l.n])).toEqual([
      ['common', { ja: 4, ru: 7 }],
      ['shop', { ja: 2, ru: 2 }],
    ])
    const before = { sums: p.read('l10n.lock.sums'), lock: p.read('l10n.lock.json') }
    const again = await sync(await loadConfig({ cwd: p.dir }))
    expect(again.requests).toBe(0)
    expect(again.unchanged).toEqual(['common', 'shop'])
    expect(again.files).toEqual([])
    expect(again.languages.ru).toMatchObject({ total: 9, translated: 9 })
    expect({ sums: p.read('l10n.lock.sums'), lock: p.read('l10n.lock.json') }).toEqual(before)
    const st = await sameAsFullRead(p)
    expect(st.parsed).toEqual([])
    expect(st.report.complete).toBe(true)
  })

  // Each input a namespace's plan reads: a change to it is seen, exactly as the full read sees it.
  const cases: [string, (p: TestProject) => void, string[], (r: Awaited<ReturnType<typeof status>>) => void][] = [
    [
      'a translation that lost its placeholder',
      (p) => edit(p, 'locales/ja/common.json', (v) => (v.welcome = 'ようこそ')),
      ['common'],
      (r) => expect(r.languages.ja?.broken).toBe(1),
    ],
    [
      'a changed source text',
      (p) => edit(p, 'locales/en/shop.json', (v) => (v.buy = 'Buy it now')),
      ['shop'],
      (r) => expect(r.languages.ru?.stale).toBe(1),
    ],
    [
      'a deleted translation',
      (p) => edit(p, 'locales/ru/common.json', (v) => delete v.item_few),
      ['common'],
      (r) => expect(r.languages.ru?.missing).toBe(1),
    ],
    [
      'a hand-edited lock baseline',
      (p) => edit(p, 'l10n.lock.json', (v) => (v.strings.shop.buy = 'Buy')),
      ['shop'],
      (r) => expect(r.languages.ja?.stale).toBe(1),
    ],
    [
      "the lock's baselines in another order (a merge wrote them so): the same baselines",
      (p) =>
        edit(p, 'l10n.lock.json', (v) => {
          v.strings.common = Object.fromEntries(Object.entries(v.strings.common).reverse())
        }),
      [],
      (r) => expect(r.complete).toBe(true),
    ],
    [
      'a lock entry (a pending job)',
      (p) => edit(p, 'l10n.lock.json', (v) => (v.targets = { ja: { shop: { buy: { h: 'x', s: 'pending', job: '1' } } } })),
      ['shop'],
      (r) => expect(r.languages.ja?.stale).toBe(1), // an entry for other text than the source's
    ],
    [
      'a changed context file',
      (p) => p.write('locales/en/common.context.json', { welcome: 'The greeting in an e-mail' }),
      ['common'],
      (r) => expect(r.complete).toBe(true),
    ],
    [
      'a new target language',
      (p) => p.write('l10n.config.mjs', p.read('l10n.config.mjs').replace('"ru"', '"ru", "fr"')),
      ['common', 'shop'],
      (r) => expect(r.languages.fr?.missing).toBe(8),
    ],
    [
      'a changed i18next option',
      (p) =>
        p.write('l10n.config.mjs', p.read('l10n.config.mjs').replace('"targets"', '"i18next": { "pluralSeparator": "~" },\n  "targets"')),
      ['common', 'shop'],
      (r) => expect(r.languages.ru?.obsolete).toBeGreaterThan(0),
    ],
    [
      'every file checked out with CRLF line endings (git autocrlf): the same content',
      (p) => {
        for (const lng of ['en', 'ja', 'ru'])
          for (const ns of ['common', 'shop']) {
            const f = `locales/${lng}/${ns}.json`
            p.write(f, p.read(f).replace(/\n/g, '\r\n'))
          }
      },
      [],
      (r) => expect(r.complete).toBe(true),
    ],
    [
      'a sums file with merge conflict markers (both sides kept)',
      (p) => {
        const [header, common, shop] = p.read('l10n.lock.sums').trim().split('\n') as [string, string, string]
        const other = common.replace(/"sum":"\w+"/, '"sum":"0123456789abcdef01234567"')
        p.write('l10n.lock.sums', `${header}\n<<<<<<< HEAD\n${other}\n=======\n${common}\n>>>>>>> theirs\n${shop}\n`)
      },
      [],
      (r) => expect(r.complete).toBe(true),
    ],
    [
      "a line whose baselines' hash is not the one of the lock it names (a hand edit)",
      (p) => p.write('l10n.lock.sums', p.read('l10n.lock.sums').replace(/("ns":"common".*?"b":")\w+/, '$1000000000000000000000000')),
      ['common'],
      (r) => expect(r.complete).toBe(true),
    ],
    [
      'a sums file that is not what we wrote',
      (p) => p.write('l10n.lock.sums', '{"ns":"common","sum":1}\nnot json\n{"ns":"shop","sum":"x","n":{"ja":2,"ru":2}}\n'),
      ['common', 'shop'],
      (r) => expect(r.complete).toBe(true),
    ],
  ]
  it('a value that is the source text (a brand name, "OK") leaves its namespace provable: the line keeps the key, status reports it as the full read does', async () => {
    const p = await cleanProject()
    edit(p, 'locales/ja/shop.json', (v) => (v.price = 'Price: {{ amount }}'))
    const again = await p.sync()
    expect([again.requests, again.ordered.jobs]).toEqual([0, 0])
    expect(p.read('l10n.lock.sums')).toContain('"s":{"ja":["price"]}')
    const st = await sameAsFullRead(p)
    expect(st.parsed).toEqual([])
    expect(st.report.problems.map((x) => [x.lng, x.ns, x.key, x.kind])).toEqual([['ja', 'shop', 'price', 'same-as-source']])
    expect(st.report.languages.ja?.sameAsSource).toBe(1)
    // A sync that orders in another namespace (so it plans again what it wrote) still counts the proven one's value.
    edit(p, 'locales/en/common.json', (v) => (v.fresh = 'Fresh'))
    const ordering = await p.sync()
    expect(ordering.unchanged).toEqual(['shop'])
    expect(ordering.ordered.jobs).toBe(2)
    expect(ordering.languages.ja?.sameAsSource).toBe(1)
  })

  it('a namespace with more values equal to the source than a line keeps (a target that repeats the source) gets no line, and is read in full', async () => {
    const en = Object.fromEntries(Array.from({ length: 201 }, (_, i) => [`k${i}`, `Colour ${i}`]))
    const p = await newProject(
      { 'locales/en/common.json': en, 'locales/en-GB/common.json': en, 'locales/en/shop.json': { buy: 'Buy' } },
      {
        targets: ['en-GB'],
      },
    )
    const first = await p.sync({ wait: 30, pollIntervalMs: 10 })
    expect([first.complete, first.ordered.jobs, first.languages['en-GB']?.sameAsSource]).toEqual([true, 1, 201])
    expect(p.read('l10n.lock.sums')).not.toContain('"ns":"common"')
    expect(p.read('l10n.lock.sums')).toContain('"ns":"shop"')
    const st = await sameAsFullRead(p)
    expect(st.report.unchanged).toEqual(['shop'])
    expect(st.report.languages['en-GB']?.sameAsSource).toBe(201)
  })

  it('problems of proven and read namespaces come in the order of the full read (namespaces "alpha" and "Zeta")', async () => {
    const p = await newProject(
      { 'locales/en/alpha.json': { a: 'Apple', b: 'Bee' }, 'locales/en/Zeta.json': { z: 'Zed', y: 'Why' } },
      { targets: ['ja'] },
    )
    expect((await p.sync({ wait: 30, pollIntervalMs: 10 })).complete).toBe(true)
    edit(p, 'locales/ja/Zeta.json', (v) => (v.z = 'Zed'))
    await p.sync()
    expect(p.read('l10n.lock.sums')).toContain('"s":{"ja":["z"]}')
    // alpha changes after the last sync: read in full, while Zeta is proven.
    edit(p, 'locales/ja/alpha.json', (v) => (v.a = 'Apple'))
    const withSums = await status(await loadConfig({ cwd: p.dir }))
    expect(withSums.unchanged).toEqual(['Zeta'])
    p.remove('l10n.lock.sums')
    const full = await status(await loadConfig({ cwd: p.dir }))
    expect(withSums.problems.map((x) => `${x.ns}:${x.key}`)).toEqual(['alpha:a', 'Zeta:z'])
    expect({ ...withSums, unchanged: [] }).toEqual(full)
  })

  for (const [name, change, parsed, check] of cases) {
    it(`sees ${name} as the full read does`, async () => {
      const p = await cleanProject()
      change(p)
      const st = await sameAsFullRead(p)
      expect(st.parsed).toEqual(parsed)
      check(st.report)
    })
  }

  it('after one source edit a sync parses that namespace only, orders its key, and writes its new line', async () => {
    const p = await cleanProject()
    const lineOf = (ns: string) =>
      p
        .read('l10n.lock.sums')
        .split('\n')
        .find((l) => l.includes(`"ns":"${ns}"`))
    const before = { common: lineOf('common'), shop: lineOf('shop') }
    edit(p, 'locales/en/shop.json', (v) => (v.sale = 'On sale'))
    const r = await sync(await loadConfig({ cwd: p.dir }), { wait: 30, pollIntervalMs: 10 })
    expect(r.complete).toBe(true)
    expect(r.ordered.jobs).toBe(2)
    expect(r.unchanged).toEqual(['common'])
    // The proven line is the same, except that it now names the lock this run left (its baselines there are the same).
    const { l, ...common } = JSON.parse(lineOf('common') as string)
    const { l: lBefore, ...commonBefore } = JSON.parse(before.common as string)
    expect(common).toEqual(commonBefore)
    expect([l, lBefore]).toEqual([lockHash(p.read('l10n.lock.json')), expect.any(String)])
    expect(l).not.toBe(lBefore)
    expect(lineOf('shop')).not.toBe(before.shop)
    expect(JSON.parse(lineOf('shop') as string).n).toEqual({ ja: 3, ru: 3 })
    expect((await sameAsFullRead(p)).parsed).toEqual([])
  })

  it("the lock the sums name is still the full read's to refuse or rebuild: another source language, a newer lock version", async () => {
    // The config's source renamed (en → de): the lock was made for en, so it is rebuilt (a warning), not used for de.
    const p = await cleanProject()
    for (const ns of ['common', 'shop']) p.write(`locales/de/${ns}.json`, p.read(`locales/en/${ns}.json`))
    p.write('l10n.config.mjs', p.read('l10n.config.mjs').replace(/"source": "en"/, '"source": "de"'))
    expect(p.read('l10n.config.mjs')).toContain('"source": "de"')
    const st = await sameAsFullRead(p)
    expect(st.report.warnings.join(' ')).toMatch(/made for source language 'en'/)
    // A lock of a newer version, even one whose hash a line names (a newer l10n-sync wrote both): refused by name.
    const q = await cleanProject()
    const newer = q.read('l10n.lock.json').replace('"version": 1', '"version": 2')
    q.write('l10n.lock.json', newer)
    q.write('l10n.lock.sums', q.read('l10n.lock.sums').replace(/"l":"\w+"/g, `"l":"${lockHash(newer)}"`))
    await expect(status(await loadConfig({ cwd: q.dir }))).rejects.toMatchObject({ code: 'L10N_LOCK' })
  })

  it('a namespace left unclean keeps its old line (no churn on every edit); a namespace that is gone loses it', async () => {
    const p = await cleanProject()
    const before = p.read('l10n.lock.sums')
    edit(p, 'locales/ja/common.json', (v) => (v.welcome = 'ようこそ'))
    await p.sync()
    expect(p.read('l10n.lock.sums')).toBe(before)
    p.remove('locales/en/shop.json')
    p.remove('locales/ja/shop.json')
    p.remove('locales/ru/shop.json')
    await p.sync()
    expect(p.read('l10n.lock.sums')).not.toContain('"ns":"shop"')
    expect(p.read('l10n.lock.sums')).toContain('"ns":"common"')
    expect(nodeFs.existsSync(join(p.dir, 'l10n.lock.sums'))).toBe(true)
  })
})
