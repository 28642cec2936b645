import { diffSource, loadConfig, quote, sync } from '@l10n-sync/core'
import { describe, expect, it } from 'vitest'
import { projectPerTest, TEST_KEYS } from './utils/project.ts'

const newProject = projectPerTest()
const W = { wait: 30, pollIntervalMs: 10 }

describe('resources and layout', () => {
  it('a pattern without {{ns}}, arrays, a custom keySeparator, and the source’s tab indentation without a final newline', async () => {
    const p = await newProject(
      {
        'i18n/en.json':
          '{\n\t"menu": {\n\t\t"open": "Open"\n\t},\n\t"steps": [\n\t\t"First",\n\t\t"Second"\n\t],\n\t"a|b": "Flat with separator-like text"\n}',
      },
      { files: 'i18n/{{lng}}.json', i18next: { keySeparator: '/' } },
    )
    const r = await p.sync(W)
    expect(r.complete).toBe(true)
    expect(p.read('i18n/ja.json')).toBe(
      '{\n\t"menu": {\n\t\t"open": "[ja] Ópén"\n\t},\n\t"steps": [\n\t\t"[ja] Fírst",\n\t\t"[ja] Sécónd"\n\t],\n\t"a|b": "[ja] Flát wíth sépárátór-líké téxt"\n}',
    )
    expect(Object.keys(p.readJson('l10n.lock.json').strings)).toEqual(['translation'])
    expect(p.readJson('l10n.lock.json').strings.translation['menu/open']).toBe('Open')
  })

  it('prune: false keeps obsolete keys; the default lists and deletes them', async () => {
    const files = { 'locales/en/common.json': { a: 'A word' }, 'locales/ja/common.json': { a: '[ja] Á wórd', old: { gone: '古い' } } }
    const p = await newProject(files, { prune: false })
    const kept = await p.sync(W)
    expect(kept.pruned).toEqual([])
    expect(kept.languages.ja?.obsolete).toBe(1)
    expect(p.readJson('locales/ja/common.json')).toEqual({ a: '[ja] Á wórd', old: { gone: '古い' } })
    p.write('l10n.config.mjs', p.read('l10n.config.mjs').replace('"prune": false', '"prune": true'))
    const pruned = await p.sync(W)
    expect(pruned.pruned).toEqual([{ lng: 'ja', ns: 'common', key: 'old.gone', value: '古い', reason: 'not-in-source' }])
    expect(p.readJson('locales/ja/common.json')).toEqual({ a: '[ja] Á wórd' })
  })

  it('keepStale: false removes a stale value at once; the default keeps it until the new one lands', async () => {
    const p = await newProject({ 'locales/en/common.json': { a: 'Alpha', b: 'Beta' } }, {}, { speed: 'realistic' })
    await p.sync()
    await p.admin('POST', 'finish')
    await p.sync()
    p.write('locales/en/common.json', { a: 'Alpha 2', b: 'Beta 2' })
    await p.sync()
    expect(p.readJson('locales/ja/common.json')).toEqual({ a: '[ja] Álphá', b: '[ja] Bétá' })
    p.write('l10n.config.mjs', p.read('l10n.config.mjs').replace('"source": "en"', '"source": "en", "keepStale": false'))
    p.write('locales/en/common.json', { a: 'Alpha 3', b: 'Beta 2' })
    await p.sync()
    expect(p.readJson('locales/ja/common.json')).toEqual({ b: '[ja] Bétá' })
  })

  it('diffSource shows what changed since the last sync, via json-diff', async () => {
    const p = await newProject({ 'locales/en/common.json': { a: 'Alpha', b: 'Beta', c: 'Gamma' } })
    await p.sync(W)
    expect((await diffSource(await p.config())).changed).toBe(false)
    p.write('locales/en/common.json', { a: 'Alpha!', c: 'Gamma', d: 'Delta' })
    const diff = await diffSource(await p.config())
    expect(diff.namespaces.common).toEqual({ added: ['d'], removed: ['b'], changed: [{ key: 'a', from: 'Alpha', to: 'Alpha!' }] })
    expect(diff.text).toContain('common (locales/en/common.json)')
    expect(diff.text).toContain('-  a: "Alpha"')
    expect(diff.text).toContain('+  a: "Alpha!"')
    expect(diff.text).toContain('+  d: "Delta"')
  })
})

describe('jobs and money', () => {
  it('gengo.group: each namespace of a language is its own POST, sent as one group (as_group) when it holds 2+ jobs', async () => {
    const p = await newProject(
      { 'locales/en/a.json': { one: 'One', two: 'Two', three: 'Three' }, 'locales/en/b.json': { solo: 'Solo' } },
      { targets: ['ja', 'fr'], gengo: { batchSize: 2, group: true } },
    )
    expect((await p.sync(W)).ordered.jobs).toBe(8)
    expect((await p.ledger()).by_route['POST translate/jobs']).toBe(6) // per lng: a → 2 + 1, b → 1
    const { orders } = await p.admin('GET', 'jobs')
    expect(orders.map((o: { asGroup: boolean; jobIds: number[] }) => `${o.jobIds.length}:${o.asGroup}`).sort()).toEqual([
      '1:false',
      '1:false',
      '1:false',
      '1:false',
      '2:true',
      '2:true',
    ])
    // Each group in file order (Gengo's `position`, 1-based); ungrouped jobs carry none.
    const { jobs } = await p.admin('GET', 'jobs')
    const grouped = jobs.filter((j: { lcTgt: string; slug: string }) => j.lcTgt === 'ja' && j.slug.startsWith('a:'))
    expect(grouped.map((j: { slug: string; position?: number }) => [j.slug, j.position ?? null])).toEqual([
      ['a:one', 1],
      ['a:two', 2],
      ['a:three', null],
    ])
    expect(jobs.filter((j: { position?: number }) => j.position !== undefined)).toHaveLength(4)
  })

  it('batches per language across namespaces, ungrouped by default, and carries slug, custom_data and comment', async () => {
    const p = await newProject(
      {
        'locales/en/a.json': { one: 'One', two: 'Two', three: 'Three' },
        'locales/en/b.json': { solo: 'Solo {{x}}' },
        'locales/en/b.context.json': { solo: 'Shown when playing alone' },
      },
      { targets: ['ja', 'fr'], gengo: { batchSize: 2 } },
    )
    const r = await p.sync(W)
    expect(r.ordered.jobs).toBe(8)
    const ledger = await p.ledger()
    expect(ledger.by_route['POST translate/jobs']).toBe(4) // per lng: a's 3 jobs and b's 1 → 2 batches of 2
    const { jobs, orders } = await p.admin('GET', 'jobs')
    expect(orders.map((o: { asGroup: boolean; jobIds: number[] }) => `${o.jobIds.length}:${o.asGroup}`).sort()).toEqual([
      '2:false',
      '2:false',
      '2:false',
      '2:false',
    ])
    // custom_data carries the batch id (for reconciliation) before the key.
    const solo = jobs.find(
      (j: { customData: string; lcTgt: string }) => /^l10n:[0-9a-f]{12} b:solo$/.test(j.customData) && j.lcTgt === 'fr',
    )
    expect(solo).toMatchObject({ slug: 'b:solo', bodySrc: 'Solo [[[{{x}}]]] [[[(context: b:solo)]]]' })
    expect(solo.comment).toBe('Shown when playing alone\nKeep every [[[…]]] segment exactly as it is; they are filled in by the app.')
  })

  it('hashes custom_data that would pass 1 KB (UTF-8 bytes), the batch tag included', async () => {
    const key = 'k'.repeat(1100)
    const nearly = 'é'.repeat(505) // 1010 bytes + "common:" fits alone, not with the batch tag
    const p = await newProject({ 'locales/en/common.json': { [key]: 'Long key', [nearly]: 'Nearly long' } })
    await p.sync(W)
    const { jobs } = await p.admin('GET', 'jobs')
    expect(jobs).toHaveLength(2)
    for (const job of jobs) {
      expect(job.customData).toMatch(/^l10n:[0-9a-f]{12} sha1:[0-9a-f]{12}$/)
      expect(Buffer.byteLength(job.customData)).toBeLessThanOrEqual(1024)
    }
    expect(jobs[0].slug.length).toBeLessThanOrEqual(120)
    expect(Object.keys(p.readJson('locales/ja/common.json')).sort()).toEqual([key, nearly].sort())
  })

  it('dry run and quote order nothing and write nothing', async () => {
    const p = await newProject({ 'locales/en/common.json': { a: 'One two three', b: 'Four' } }, { targets: ['ja', 'de'] })
    const dry = await p.sync({ dryRun: true })
    expect(dry.quote).toMatchObject({
      jobs: 4,
      units: 8,
      credits: 0.48,
      languages: { ja: { jobs: 2, credits: 0.24 }, de: { jobs: 2, credits: 0.24 } },
    })
    expect(dry.ordered.jobs).toBe(0)
    expect(p.exists('l10n.lock.json')).toBe(false)
    expect(p.exists('locales/ja/common.json')).toBe(false)
    const q = await quote(await p.config())
    expect(q).toMatchObject({ jobs: 4, credits: 0.48, overBudget: false, maxCredits: 100 })
    expect((await p.ledger()).jobs_created).toBe(0)
  })

  it('refuses an order over the Gengo balance', async () => {
    const p = await newProject({ 'locales/en/common.json': { a: 'One two three' } }, {}, { balance: 0.05 })
    await expect(p.sync()).rejects.toMatchObject({ code: 'L10N_BUDGET', message: expect.stringMatching(/balance is 0\.05 USD/) })
    expect((await p.ledger()).jobs_created).toBe(0)
  })

  it('writes reviewable translations only with acceptReviewable; approved ones always', async () => {
    const p = await newProject({ 'locales/en/common.json': { a: 'Alpha' } }, { gengo: { acceptReviewable: false } })
    await p.sync()
    const r = await p.sync({ wait: 0.3, pollIntervalMs: 50 })
    expect(r.complete).toBe(false)
    expect(r.pending).toEqual([{ lng: 'ja', ns: 'common', key: 'a', jobId: expect.any(String), eta: 0, status: 'reviewable' }])
    expect(p.exists('locales/ja/common.json')).toBe(false)
    const client = (await import('@l10n-sync/gengo')).createGengoClient({ ...TEST_KEYS, endpoint: p.emulator.url })
    await client.updateJob(r.pending[0]?.jobId as string, { action: 'approve' })
    const r2 = await p.sync()
    expect(r2.complete).toBe(true)
    expect(p.readJson('locales/ja/common.json')).toEqual({ a: '[ja] Álphá' })
  })

  it('--lang limits ordering; the other languages keep their stale baseline', async () => {
    const p = await newProject({ 'locales/en/common.json': { a: 'Alpha' } }, { targets: ['ja', 'fr'] })
    await p.sync(W)
    p.write('locales/en/common.json', { a: 'Alpha two' })
    const r = await p.sync({ ...W, langs: ['ja'] })
    expect(r.ordered.jobs).toBe(1)
    expect(Object.keys(r.languages)).toEqual(['ja'])
    const config = await loadConfig({ cwd: p.dir })
    const all = await sync(config, { dryRun: true })
    expect(all.languages.fr?.stale).toBe(1)
    expect(all.languages.ja?.stale).toBe(0)
  })
})

describe("endpoint: 'emulator'", () => {
  it('starts the emulator in-process and keeps its state in .l10n/emulator.json, so its record (and lazy loading) carries across runs', async () => {
    const p = await newProject({ 'locales/en/common.json': { a: 'Alpha', b: 'Beta' } })
    p.write(
      'l10n.config.mjs',
      "export default { source: 'en', targets: ['ja'], gengo: { endpoint: 'emulator', acceptReviewable: true, emulator: { speed: 'instant' } } }\n",
    )
    const first = await p.sync(W)
    expect(first).toMatchObject({ complete: true, ordered: { jobs: 2 } })
    expect(p.readJson('.l10n/emulator.json').ledger.jobs_created).toBe(2)
    p.remove('l10n.lock.json')
    p.remove('locales/ja/common.json')
    const again = await p.sync(W)
    expect(again).toMatchObject({ complete: true, ordered: { jobs: 0, credits: 0 }, found: 2 })
    expect(p.readJson('locales/ja/common.json')).toEqual({ a: '[ja] Álphá', b: '[ja] Bétá' })
  })

  it('GENGO_PUBLIC_KEY= and GENGO_PRIVATE_KEY= set but empty: the in-process emulator and the client both use the demo keys', async () => {
    const p = await newProject({ 'locales/en/common.json': { a: 'Alpha' } })
    p.write(
      'l10n.config.mjs',
      "export default { source: 'en', targets: ['ja'], gengo: { endpoint: 'emulator', acceptReviewable: true, emulator: { speed: 'instant' } } }\n",
    )
    p.remove('.env')
    const r = await p.sync({ ...W, env: { GENGO_PUBLIC_KEY: '', GENGO_PRIVATE_KEY: '' } })
    expect(r).toMatchObject({ complete: true, ordered: { jobs: 1 } })
    // Against Gengo itself an empty key is a missing key, and the error says which and why.
    p.write('l10n.config.mjs', "export default { source: 'en', targets: ['ja'], gengo: { endpoint: 'production' } }\n")
    p.write('locales/en/common.json', { a: 'Alpha', b: 'Beta' })
    const e = await p.sync({ env: { GENGO_PUBLIC_KEY: 'a-public-key', GENGO_PRIVATE_KEY: '' } }).catch((err) => err)
    expect(e).toMatchObject({ code: 'L10N_CREDENTIALS' })
    expect(e.message).toMatch(/Gengo keys are missing: GENGO_PRIVATE_KEY \(set but empty\)\./)
  })
})
