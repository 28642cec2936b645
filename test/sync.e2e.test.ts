import { spawn } from 'node:child_process'
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { L10nError, status, sync } from '@l10n-sync/core'
import { describe, expect, it } from 'vitest'
import { projectPerTest } from './utils/project.ts'

const EN = {
  title: 'Welcome, {{name}}!',
  nav: { home: 'Home', settings: 'Settings' },
  items_one: '{{count}} item',
  items_other: '{{count}} items',
  help: 'Read <0>the guide</0> or $t(common:nav.home)',
}

const newProject = projectPerTest()

async function setup(files: Record<string, unknown> = { 'locales/en/common.json': EN }, config = {}, emu = {}) {
  return newProject(files, config, emu)
}

/** Every file under the project, with content, to prove "nothing was written". */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {}
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const f = join(d, name)
      if (statSync(f).isDirectory()) walk(f)
      else out[relative(dir, f)] = readFileSync(f, 'utf8')
    }
  }
  walk(dir)
  return out
}

function backupName(dir: string): string {
  return readdirSync(dir).find((n) => n.startsWith('l10n.lock.json.corrupt-')) ?? '(no backup)'
}

describe('sync end to end (emulator over HTTP, real files)', () => {
  it('orders only what is new, writes translations, and a second sync makes zero requests and zero writes', async () => {
    const p = await setup(undefined, { targets: ['ja', 'fr'] })
    const first = await p.sync({ wait: 30, pollIntervalMs: 10 })
    expect(first.complete).toBe(true)
    expect(first.ordered.jobs).toBe(12) // ja: 5 keys (items_other only); fr: 5 keys + items_one, items_many, items_other
    expect(p.readJson('locales/ja/common.json')).toEqual({
      title: '[ja] Wélcómé, {{name}}!',
      nav: { home: '[ja] Hómé', settings: '[ja] Séttíngs' },
      items_other: '[ja] {{count}} ítéms',
      help: '[ja] Réád <0>thé gúídé</0> ór $t(common:nav.home)',
    })
    expect(Object.keys(p.readJson('locales/fr/common.json'))).toEqual(['title', 'nav', 'items_one', 'items_many', 'items_other', 'help'])
    const ledger1 = await p.ledger()
    const mtime = statSync(join(p.dir, 'locales/fr/common.json')).mtimeMs
    const lockText = p.read('l10n.lock.json')

    const second = await p.sync()
    expect(second).toMatchObject({ requests: 0, files: [], lockWritten: false, complete: true, ordered: { jobs: 0, credits: 0 } })
    const ledger2 = await p.ledger()
    expect(ledger2.requests).toBe(ledger1.requests)
    expect(statSync(join(p.dir, 'locales/fr/common.json')).mtimeMs).toBe(mtime)
    expect(p.read('l10n.lock.json')).toBe(lockText)

    // A changed string and a new one: only those two are ordered.
    p.write('locales/en/common.json', { ...EN, nav: { ...EN.nav, settings: 'Preferences' }, logout: 'Sign out' })
    const third = await p.sync({ wait: 30, pollIntervalMs: 10 })
    expect(third.ordered.jobs).toBe(4)
    expect((await p.ledger()).jobs_created - ledger1.jobs_created).toBe(4)
    expect(p.readJson('locales/ja/common.json').nav.settings).toBe('[ja] Préféréncés')
    expect(p.readJson('locales/ja/common.json').logout).toBe('[ja] Sígn óút')
  })

  it('reports every plan state: missing, pending, up-to-date, stale, adopted, obsolete, invalid', async () => {
    const p = await setup(
      {
        'locales/en/common.json': { a: 'Alpha', b: 'Beta {{x}}', c: 'Gamma', d: 'Delta' },
        'locales/ja/common.json': { c: '手書き', gone: '古い' },
      },
      {},
      { speed: 'realistic' },
    )
    const config = await p.config()
    const s0 = await status(config)
    expect(s0.languages.ja).toMatchObject({ total: 4, missing: 3, adopted: 1, translated: 1, obsolete: 1 })
    const first = await sync(config)
    expect(first.pruned).toEqual([{ lng: 'ja', ns: 'common', key: 'gone', value: '古い', reason: 'not-in-source' }])
    expect(first.languages.ja).toMatchObject({ pending: 3, translated: 1, obsolete: 0 })
    expect(p.readJson('locales/ja/common.json')).toEqual({ c: '手書き' })
    // realistic translators: half an hour in, the jobs are pending and nothing is written (Gengo has no interim text)
    await p.admin('POST', 'advance', { seconds: 30 * 60 })
    const pending = await p.sync()
    expect(pending.languages.ja).toMatchObject({ pending: 3, interim: 0 })
    expect(p.readJson('locales/ja/common.json').a).toBeUndefined()
    expect((await status(await p.config())).complete).toBe(false)
    // the translator of b breaks its placeholder
    await p.admin('POST', 'faults', { kind: 'placeholder', mode: 'drop' })
    p.write('locales/en/common.json', { a: 'Alpha', b: 'Beta {{x}} two', c: 'Gamma', d: 'Delta changed' })
    const ordered = await p.sync()
    expect(ordered.ordered.jobs).toBe(2)
    await p.admin('POST', 'finish')
    const done = await p.sync()
    expect(done.invalid).toEqual([
      { lng: 'ja', ns: 'common', key: 'b', jobId: expect.any(String), problem: 'the translation lost {{x}}', revised: true },
    ])
    expect(done.languages.ja).toMatchObject({ translated: 3, invalid: 1 })
    expect(p.readJson('locales/ja/common.json').b).toBeUndefined() // a broken translation is not written
    // the revision comes back intact
    await p.admin('POST', 'advance', { seconds: 2 * 3600 })
    const fixed = await p.sync()
    expect(fixed.complete).toBe(true)
    expect(p.readJson('locales/ja/common.json')).toEqual({
      a: '[ja] Álphá',
      b: '[ja] Bétá {{x}} twó',
      c: '手書き',
      d: '[ja] Déltá chángéd',
    })
    // stale: a source change after translation
    p.write('locales/en/common.json', { a: 'Alpha!', b: 'Beta {{x}} two', c: 'Gamma', d: 'Delta changed' })
    const s1 = await status(await p.config())
    expect(s1.keys).toEqual([{ lng: 'ja', ns: 'common', key: 'a', state: 'stale' }])
  })

  it('plurals: exactly each language’s CLDR forms, each its own job that lazy loading cannot merge', async () => {
    const targets = ['ja', 'ru', 'ar', 'pl', 'fr', 'zh-Hans']
    const p = await setup(
      { 'locales/en/common.json': { cart_one: '{{count}} item in your cart', cart_other: '{{count}} items in your cart' } },
      { targets },
    )
    const report = await p.sync({ wait: 30, pollIntervalMs: 10 })
    expect(report.complete).toBe(true)
    const keys = (lng: string) => Object.keys(p.readJson(`locales/${lng}/common.json`))
    expect(keys('ja')).toEqual(['cart_other'])
    expect(keys('zh-Hans')).toEqual(['cart_other'])
    expect(keys('ru')).toEqual(['cart_one', 'cart_few', 'cart_many', 'cart_other'])
    expect(keys('pl')).toEqual(['cart_one', 'cart_few', 'cart_many', 'cart_other'])
    expect(keys('ar')).toEqual(['cart_zero', 'cart_one', 'cart_two', 'cart_few', 'cart_many', 'cart_other'])
    expect(keys('fr')).toEqual(['cart_one', 'cart_many', 'cart_other'])
    expect(report.ordered.jobs).toBe(1 + 1 + 4 + 4 + 6 + 3)
    const { jobs } = await p.admin('GET', 'jobs')
    const ru = jobs.filter((j: { lcTgt: string }) => j.lcTgt === 'ru').map((j: { bodySrc: string }) => j.bodySrc)
    expect(new Set(ru).size).toBe(4)
    expect(ru).toContain('[[[{{count}}]]] items in your cart [[[(plural "few": 2, 3, 4, 22, 23)]]]')
    expect(jobs.find((j: { lcTgt: string }) => j.lcTgt === 'zh').bodySrc).toMatch(/plural "other"/)
    expect(p.readJson('locales/ru/common.json').cart_few).toBe('[ru] {{count}} ítéms ín yóúr cárt')
    const ledger = await p.ledger()
    // A fresh project with the same strings: Gengo's record holds every form's job separately, adopted free.
    p.remove('l10n.lock.json')
    for (const lng of targets) p.remove(`locales/${lng}/common.json`)
    const again = await p.sync({ wait: 30, pollIntervalMs: 10 })
    expect(again.ordered).toMatchObject({ jobs: 0, credits: 0 })
    expect(again.found).toBe(19)
    expect(Object.keys(p.readJson('locales/ar/common.json'))).toHaveLength(6)
    expect((await p.ledger()).credits_charged).toBe(ledger.credits_charged)
  })

  it('identical text under different keys shares a job unless a context comment sets it apart', async () => {
    const p = await setup({
      'locales/en/common.json': { openVerb: 'Open', openState: 'Open', close: 'Close', shut: 'Close' },
      'locales/en/common.context.json': { openVerb: 'Button: open the file', openState: 'Status label: the ticket is open' },
    })
    const r = await p.sync({ wait: 30, pollIntervalMs: 10 })
    expect(r.ordered.jobs).toBe(3)
    const { jobs } = await p.admin('GET', 'jobs')
    expect(
      jobs
        .map((j: { comment: string }) => j.comment)
        .filter(Boolean)
        .sort(),
    ).toEqual(['Button: open the file', 'Status label: the ticket is open'])
    expect(p.readJson('locales/ja/common.json')).toEqual({
      openVerb: '[ja] Ópén',
      openState: '[ja] Ópén',
      close: '[ja] Clósé',
      shut: '[ja] Clósé',
    })
  })

  it('losing the lock, or corrupting it, costs nothing: lazy loading answers the re-posts', async () => {
    const p = await setup(undefined, { targets: ['ja', 'ru'] })
    await p.sync({ wait: 30, pollIntervalMs: 10 })
    const before = await p.ledger()
    const files = snapshot(p.dir)
    p.remove('l10n.lock.json')
    const rebuilt = await p.sync()
    expect(rebuilt.ordered).toMatchObject({ jobs: 0, credits: 0 })
    expect(rebuilt.requests).toBe(0) // every value is on disk: adopted, nothing to order
    expect(p.read('l10n.lock.json')).toBe(files['l10n.lock.json'])
    // Now lose the lock and a whole language: the jobs are found in Gengo's record, nothing is posted.
    p.remove('l10n.lock.json')
    p.remove('locales/ru/common.json')
    const relost = await p.sync({ wait: 30, pollIntervalMs: 10 })
    expect(relost.ordered).toMatchObject({ jobs: 0, credits: 0 })
    expect(relost.found).toBe(8)
    expect(p.read('locales/ru/common.json')).toBe(files['locales/ru/common.json'])
    p.write('l10n.lock.json', '{"version": 1, "strings": {')
    const corrupt = await p.sync()
    expect(corrupt.warnings[0]).toMatch(/l10n\.lock\.json is not valid JSON; starting a new lock/)
    expect(corrupt.ordered.credits).toBe(0)
    const after = await p.ledger()
    expect(after.credits_charged).toBe(before.credits_charged)
    expect(after.jobs_created).toBe(before.jobs_created)
    // The corrupt lock is kept beside the rebuilt one.
    const { [backupName(p.dir)]: backup, ...rest } = snapshot(p.dir)
    expect(backup).toBe('{"version": 1, "strings": {')
    expect(corrupt.warnings[0]).toContain(`The old lock was kept as ${backupName(p.dir)}.`)
    expect(rest).toEqual(files)
  })

  it('a crash between POST and the lock write charges nothing twice', async () => {
    const p = await setup(undefined, { targets: ['ja'] })
    await p.admin('POST', 'faults', { kind: 'delay-after', route: 'POST translate/jobs', ms: 5000 })
    const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('./fixtures/run-sync.ts', import.meta.url)), p.dir], {
      stdio: 'ignore',
      cwd: fileURLToPath(new URL('.', import.meta.url)),
    })
    // Kill the client once Gengo has taken the order, before the answer (and so the lock write) arrives.
    for (let i = 0; i < 200 && (await p.ledger()).jobs_created === 0; i++) await new Promise((r) => setTimeout(r, 50))
    const charged = await p.ledger()
    expect(charged.jobs_created).toBe(5)
    child.kill('SIGKILL')
    await new Promise((r) => child.once('exit', r))
    // The intent was written ahead of the POST: the next run reconciles it instead of ordering.
    const intents = p.readJson('l10n.lock.json').intents
    expect(Object.values(intents)).toEqual([expect.objectContaining({ lng: 'ja', jobs: expect.any(Object) })])
    const rerun = await p.sync({ wait: 30, pollIntervalMs: 10 })
    expect(rerun.complete).toBe(true)
    expect(rerun.ordered.credits).toBe(0)
    const after = await p.ledger()
    expect(after.jobs_created).toBe(5)
    expect(after.credits_charged).toBe(charged.credits_charged)
    expect(p.readJson('locales/ja/common.json').nav).toEqual({ home: '[ja] Hómé', settings: '[ja] Séttíngs' })
  }, 60_000)

  it('two syncs at once: one waits for the other, nothing is ordered twice', async () => {
    const p = await setup(undefined, { targets: ['ja', 'fr'] })
    const config = await p.config()
    const [a, b] = await Promise.all([sync(config), sync(config)])
    expect(a.ordered.jobs + b.ordered.jobs).toBe(12)
    expect(Math.min(a.ordered.jobs, b.ordered.jobs)).toBe(0)
    expect((await p.ledger()).jobs_created).toBe(12)
  })

  it('invalid JSON anywhere stops the run before any request or write, naming file, line and column', async () => {
    const p = await setup(
      { 'locales/en/common.json': EN, 'locales/en/shop.json': '{\n  "buy": "Buy",\n  "sell": "Sell"\n  "x": 1\n}\n' },
      { targets: ['ja'] },
    )
    const files = snapshot(p.dir)
    const error = await p.sync().catch((e) => e)
    expect(error).toBeInstanceOf(L10nError)
    expect(error.code).toBe('L10N_PARSE')
    expect(error.message).toMatch(/locales\/en\/shop\.json:4:3 is not valid JSON/)
    expect(snapshot(p.dir)).toEqual(files)
    expect((await p.ledger()).requests).toBe(0)
  })

  it('hostile keys, collisions and oversize strings are refused by name', async () => {
    const p = await setup({ 'locales/en/common.json': { __proto__x: 'ok' } })
    p.write('locales/en/common.json', '{"__proto__": {"constructor": "Build"}, "prototype": "Proto"}\n')
    const r = await p.sync({ wait: 30, pollIntervalMs: 10 })
    expect(r.complete).toBe(true)
    expect(p.read('locales/ja/common.json')).toBe(
      '{\n  "__proto__": {\n    "constructor": "[ja] Búíld"\n  },\n  "prototype": "[ja] Prótó"\n}\n',
    )
    expect(({} as { constructor: unknown }).constructor).toBe(Object)
    p.write('locales/en/common.json', '{"a.b": "flat", "a": {"b": "nested"}}')
    await expect(p.sync()).rejects.toThrow(/locales\/en\/common\.json: key "a\.b" is defined twice/)
    p.write('locales/en/common.json', { long: 'x'.repeat(10_001) })
    await expect(p.sync()).rejects.toThrow(/key "long" is 10001 characters long, over maxLength 10000/)
  })

  it('hostile API responses fail the run by name and leave files and lock whole', async () => {
    const p = await setup(undefined, { targets: ['ja'], gengo: { retries: 1 } }, { speed: 'realistic' })
    await p.sync()
    await p.admin('POST', 'advance', { seconds: 600 })
    await p.sync() // the lock now holds job ids
    await p.admin('POST', 'finish')
    const files = snapshot(p.dir)
    await p.admin('POST', 'faults', { kind: 'malformed', route: 'GET translate/jobs/:ids', times: 5 })
    const malformed = await p.sync().catch((e) => e)
    expect(malformed).toMatchObject({ code: 'L10N_GENGO' })
    expect(malformed.message).toMatch(/GET translate\/jobs\/[\d,]+ with a body that is not JSON/)
    await p.admin('DELETE', 'faults')
    await p.admin('POST', 'faults', { kind: 'html', status: 502, times: 5 })
    await expect(p.sync()).rejects.toMatchObject({ code: 'L10N_GENGO', message: expect.stringMatching(/HTTP 502 and a non-JSON body/) })
    await p.admin('DELETE', 'faults')
    expect(snapshot(p.dir)).toEqual(files)
    const ok = await p.sync()
    expect(ok.complete).toBe(true)
  })

  it('a human edit is never overwritten, not even one made while the translation was pending', async () => {
    const p = await setup(undefined, { targets: ['ja'] }, { speed: 'realistic' })
    await p.sync()
    await p.admin('POST', 'finish')
    await p.sync()
    const edited = { ...p.readJson('locales/ja/common.json'), title: 'ようこそ、{{name}}さん！' }
    p.write('locales/ja/common.json', edited)
    const r = await p.sync()
    expect(r.requests).toBe(0)
    expect(p.readJson('locales/ja/common.json').title).toBe('ようこそ、{{name}}さん！')
    // The source changes; while the new translation is pending a person fixes the value by hand.
    p.write('locales/en/common.json', { ...EN, title: 'Welcome back, {{name}}!' })
    await p.sync()
    p.write('locales/ja/common.json', { ...edited, title: 'おかえりなさい、{{name}}さん！' })
    await p.admin('POST', 'finish')
    const landed = await p.sync()
    expect(landed.complete).toBe(true)
    expect(p.readJson('locales/ja/common.json').title).toBe('おかえりなさい、{{name}}さん！')
  })

  it('the budget refusal orders nothing and names the option', async () => {
    const p = await setup(undefined, { targets: ['ja', 'ru'], gengo: { maxCredits: 0.2 } })
    const files = snapshot(p.dir)
    const error = await p.sync().catch((e) => e)
    expect(error).toMatchObject({ code: 'L10N_BUDGET', option: 'gengo.maxCredits' })
    expect(error.message).toMatch(/would order 13 job\(s\) for 1\.34 USD, over gengo\.maxCredits \(0\.2\).*Nothing was ordered/)
    const ledger = await p.ledger()
    expect(ledger.jobs_created).toBe(0)
    expect(ledger.by_route['POST translate/jobs']).toBeUndefined()
    expect(snapshot(p.dir)).toEqual(files)
  })

  it('an unsupported language is refused before ordering, with the Gengo code and what to do', async () => {
    const p = await setup(undefined, { targets: ['ja-JP', 'tlh', 'qya'] })
    const error = await p.sync().catch((e) => e)
    expect(error).toMatchObject({ code: 'L10N_LANGUAGE' })
    // Every unmapped code in one error (ja-JP maps to ja by the base-language rule).
    expect(error.message).toMatch(/Gengo does not offer en → tlh \(Gengo code 'tlh'\), qya \(Gengo code 'qya'\) at tier .*languageMap/)
    expect(error.message).not.toMatch(/ja-JP/)
    expect((await p.ledger()).jobs_created).toBe(0)
  })

  it('maps i18next codes to Gengo codes, with languageMap overrides', async () => {
    const p = await setup(
      { 'locales/en/common.json': { hi: 'Hello' } },
      { targets: ['zh-Hans', 'pt-BR', 'es-419'], languageMap: { 'es-419': 'es' } },
    )
    await p.sync({ wait: 30, pollIntervalMs: 10 })
    const { jobs } = await p.admin('GET', 'jobs')
    expect(jobs.map((j: { lcTgt: string }) => j.lcTgt).sort()).toEqual(['es', 'pt-br', 'zh'])
    expect(p.readJson('locales/zh-Hans/common.json')).toEqual({ hi: '[zh] Hélló' })
  })

  it('jobs Gengo does not know any more (a reset sandbox) are ordered again', async () => {
    const p = await setup(undefined, { targets: ['ja'] }, { speed: 'realistic' })
    await p.sync()
    await p.admin('POST', 'advance', { seconds: 600 })
    await p.sync() // learns the job ids
    await p.admin('POST', 'reset')
    const r = await p.sync()
    expect(r.warnings.some((w) => /does not know job/.test(w))).toBe(true)
    expect(r.ordered.jobs).toBe(5)
  })

  it('measures requests and credits: first sync, second sync, lock deleted', async () => {
    const p = await setup(
      {
        'locales/en/common.json': EN,
        'locales/en/shop.json': {
          buy: 'Buy now',
          price: 'Price: {{amount, currency}}',
          basket_one: 'One item',
          basket_other: '{{count}} items',
        },
      },
      { targets: ['ja', 'fr', 'ru', 'de'] },
    )
    const first = await p.sync({ wait: 30, pollIntervalMs: 10 })
    const l1 = await p.ledger()
    const second = await p.sync()
    const l2 = await p.ledger()
    p.remove('l10n.lock.json')
    for (const lng of ['ja', 'fr', 'ru', 'de']) p.remove(`locales/${lng}/shop.json`)
    const relock = await p.sync({ wait: 30, pollIntervalMs: 10 })
    const l3 = await p.ledger()
    const rows = {
      first: { requests: first.requests, credits: first.ordered.credits, jobs: first.ordered.jobs, reused: first.reused },
      second: { requests: second.requests, credits: second.ordered.credits, jobs: second.ordered.jobs, reused: second.reused },
      lockDeleted: { requests: relock.requests, credits: relock.ordered.credits, jobs: relock.ordered.jobs, reused: relock.reused },
    }
    console.log(`[measure] ${JSON.stringify(rows)}`)
    expect(l1.requests).toBe(first.requests)
    expect(second.requests).toBe(0)
    expect(l2.requests).toBe(l1.requests)
    expect(relock.ordered.credits).toBe(0)
    expect(l3.credits_charged).toBe(l1.credits_charged)
  })
})
