import { createGengoClient } from '@l10n-sync/gengo'
import { createEmulator } from '@l10n-sync/gengo-emulator'
import { describe, expect, it } from 'vitest'
import { resolveConfig } from '../../src/config/config.ts'
import { shortHash } from '../../src/files/hash.ts'
import type { GengoConnection } from '../../src/gengo/connection.ts'
import { requestFor } from '../../src/gengo/decide-fetch.ts'
import type { Unit } from '../../src/plan/plan.ts'
import { type ReviewItem, reviewItems } from '../../src/review/review.ts'
import { addRevisions, type RevisionCache } from '../../src/review/revisions.ts'

// The text before a revision, read from the real emulator (both readings of the docs) through the real client.

const config = resolveConfig({ source: 'en', targets: ['ja'], gengo: { endpoint: 'emulator' } }, '/p')

async function revisedJob(worstCase: boolean, sentBack = true) {
  let now = Date.UTC(2026, 0, 1)
  const em = createEmulator({ speed: 'instant', rateLimit: 0, worstCase, now: () => now })
  let requests = 0
  const client = createGengoClient({
    publicKey: 'demo-public',
    privateKey: 'demo-private',
    endpoint: 'http://em.local/v2/',
    fetch: (r) => {
      requests++
      return em.fetch(r)
    },
    now: () => now,
    retryDelayMs: 1,
  })
  const conn: GengoConnection = { client, requests: () => requests, close: async () => {} }
  const base: Unit = {
    lng: 'ja',
    ns: 'common',
    key: 'title',
    sourceKey: 'title',
    text: 'Notes {{n}}',
    hash: shortHash('Notes {{n}}'),
    state: 'pending',
  }
  const res = await client.postJobs({ a: requestFor(config, base).input })
  now += 10_000
  const id = (await client.getOrder(res.orderId as string)).jobIds[0] as string
  await client.updateJob(id, { action: 'revise', comment: 'Use the product name' })
  now += 10_000
  const job = (await client.getJobs([id]))[0]
  const unit: Unit = {
    ...base,
    entry: {
      h: base.hash,
      s: 'pending',
      job: id,
      ...(sentBack && { r: { a: 'revise', t: 1, job: id, c: 'Use the product name', sent: true } }),
    },
  }
  const items = reviewItems(config, [unit], () => job)
  requests = 0
  return { conn, items, units: [unit], requests: () => requests }
}

describe.each([false, true])('addRevisions (worst case: %s)', (worstCase) => {
  it('finds the text before the revision, restored like the translation, the current one after it', async () => {
    const r = await revisedJob(worstCase)
    await addRevisions(config, r.conn, r)
    expect(r.items[0]?.translation).toBe('[ja rev 1] Nótés {{n}}')
    expect(r.items[0]?.revision).toEqual({ before: '[ja] Nótés {{n}}', versions: worstCase ? 1 : 2 })
    // The list, then the newest text; by default that is the current one, so the one before it too.
    expect(r.requests()).toBe(worstCase ? 2 : 3)
  })

  it('stays within its budget (a job cut short is not cached), and a cache reads a job once per text', async () => {
    const r = await revisedJob(worstCase)
    const cache: RevisionCache = new Map()
    await addRevisions(config, r.conn, r, { maxRequests: 1, cache })
    expect([r.items[0]?.revision, r.requests(), cache.size]).toEqual([undefined, 1, 0])
    await addRevisions(config, r.conn, r, { cache })
    const used = r.requests()
    expect(r.items[0]?.revision?.before).toBe('[ja] Nótés {{n}}')
    const item = r.items[0] as ReviewItem
    item.revision = undefined
    await addRevisions(config, r.conn, r, { cache })
    expect([(item as ReviewItem).revision?.before, r.requests()]).toEqual(['[ja] Nótés {{n}}', used])
  })

  it('a job this project did not send back is read only with `all`', async () => {
    const r = await revisedJob(worstCase, false)
    await addRevisions(config, r.conn, r)
    expect([r.items[0]?.revision, r.requests()]).toEqual([undefined, 0])
    await addRevisions(config, r.conn, r, { all: true })
    expect(r.items[0]?.revision?.before).toBe('[ja] Nótés {{n}}')
  })
})
