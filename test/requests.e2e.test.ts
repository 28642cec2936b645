/**
 * Fewest requests: new work across namespaces goes to Gengo as one order per language
 * (≤ 200 jobs a POST), quotes and job reads of ≤ 200, and only orders with jobs outstanding
 * are polled. Request counts are asserted (never timings).
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { serializeLock } from '@l10n-sync/core'
import { describe, expect, it } from 'vitest'
import { LANGS } from './bench/fixtures.ts'
import { projectPerTest } from './utils/project.ts'

const NAMESPACES = Array.from({ length: 10 }, (_, i) => `ns${i}`)

const newProject = projectPerTest()

/** 10 namespaces × 3 keys, every target translated, the lock in step: then 5 new and 2 changed keys per namespace. */
function files(): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  const strings: Record<string, Record<string, string>> = {}
  for (const ns of NAMESPACES) {
    const src = { a: `Alpha in ${ns}`, b: `Beta in ${ns}`, c: `Gamma in ${ns} with {{x}}` }
    strings[ns] = src
    for (const lng of LANGS)
      out[`locales/${lng}/${ns}.json`] = Object.fromEntries(Object.entries(src).map(([k, v]) => [k, `[${lng}] ${v}`]))
    const added = Object.fromEntries(Array.from({ length: 5 }, (_, i) => [`new${i}`, `New string ${i} in ${ns}`]))
    out[`locales/en/${ns}.json`] = { ...src, a: `${src.a} (changed)`, b: `${src.b} (changed)`, ...added }
  }
  out['l10n.lock.json'] = serializeLock({ version: 1, source: 'en', strings, targets: {} })
  return out
}

describe('requests for new work', () => {
  it('50 new + 20 changed keys × 20 languages in 10 namespaces: one order per language, the minimum of requests', async () => {
    const p = await newProject(files(), { targets: LANGS, gengo: { maxCredits: 1_000_000 } }, { balance: 1_000_000 })
    const jobs = 70 * LANGS.length // 1,400: 70 per language, in one POST each
    const order = await p.sync()
    expect(order.ordered.jobs).toBe(jobs)
    // Gengo's record looked up (one list; nothing in it) + language pairs + ⌈1400 / 200⌉ quotes + balance + one
    // POST per language + one list showing the new jobs (the instant emulator lists them at once)
    expect(order.requests).toBe(1 + 1 + 7 + 1 + LANGS.length + 1)
    const afterOrder = await p.ledger()
    expect(afterOrder.by_route['POST translate/jobs']).toBe(LANGS.length)
    expect(afterOrder.by_route['POST translate/service/quote']).toBe(7)
    const { orders } = await p.admin('GET', 'jobs')
    expect(orders).toHaveLength(LANGS.length)
    for (const o of orders as { jobIds: unknown[]; asGroup: boolean }[]) expect(o).toMatchObject({ jobIds: { length: 70 }, asGroup: false })

    const fetched = await p.sync()
    expect(fetched.complete).toBe(true)
    expect(fetched.files).toHaveLength(LANGS.length * NAMESPACES.length)
    // one GET order per order (its job ids are not known yet) + ⌈1400 / 200⌉ job reads
    expect(fetched.requests).toBe(LANGS.length + 7)
    const afterFetch = await p.ledger()
    expect(afterFetch.by_route['GET translate/jobs/:ids']).toBe(7)

    // Nothing outstanding: no order is polled again.
    const again = await p.sync()
    expect(again.requests).toBe(0)
    expect(again.files).toEqual([])
  }, 60_000)

  it('a job fetch never asks for more than 200 ids, and polls only orders with jobs whose ids are unknown', async () => {
    const p = await newProject(
      files(),
      { targets: LANGS.slice(0, 4), gengo: { maxCredits: 1_000_000, batchSize: 50 } },
      { balance: 1_000_000, speed: 'realistic' },
    )
    const order = await p.sync()
    expect(order.ordered.jobs).toBe(280)
    // 70 jobs per language in batches of 50: two POSTs per language; quotes too are of 50. Besides: the record looked
    // up before, and listed after the POSTs until it shows the new jobs (how often depends on Gengo's creation time).
    const lists = (await p.ledger()).by_route['GET translate/jobs'] ?? 0
    expect(lists).toBeGreaterThanOrEqual(2)
    expect(order.requests - lists).toBe(1 + Math.ceil(280 / 50) + 1 + 4 * 2)
    await p.admin('POST', 'advance', { seconds: 60 }) // the jobs exist; no translator has finished
    const first = await p.sync()
    expect(first.complete).toBe(false)
    // Every order read once (its job ids become known), then 280 ids in two reads.
    expect(first.requests).toBe(8 + 2)
    const second = await p.sync()
    // The job ids are known now: no order is read again, only the jobs.
    expect(second.requests).toBe(2)
    expect((await p.ledger()).by_route['GET translate/order/:id']).toBe(8)
  }, 60_000)
})

describe('a no-op sync after a complete one', () => {
  it('only stats the files it would read: same stamp, same report, no request; any edit makes a full run', async () => {
    const p = await newProject({ 'locales/en/common.json': { hello: 'Hello', bye: 'Goodbye' } }, { targets: ['ja'] })
    p.write('node_modules/.keep', '') // an app's node_modules: the cache lives in node_modules/.cache/l10n-sync
    await p.sync()
    const complete = await p.sync()
    expect(complete.complete).toBe(true)
    expect(complete.files).toEqual(['locales/ja/common.json'])
    const cache = join(p.dir, 'node_modules/.cache/l10n-sync')
    expect(readdirSync(cache)).toHaveLength(1)
    const requests = (await p.ledger()).requests

    const again = await p.sync()
    expect(again).toMatchObject({ complete: true, requests: 0, files: [], ordered: { jobs: 0 } })
    expect(again.languages.ja).toMatchObject({ total: 2, translated: 2, written: 0 })
    expect((await p.ledger()).requests).toBe(requests)

    // An edit (here a key renamed, same size) changes the file's stamp: a full run finds the key's job in Gengo's record (free).
    const file = join(p.dir, 'locales/ja/common.json')
    writeFileSync(file, readFileSync(file, 'utf8').replace('"bye"', '"byx"'))
    const full = await p.sync()
    expect(full.requests).toBeGreaterThan(0)
    expect(full.found).toBe(1)
  })
})
