import type { GengoJob } from '@l10n-sync/gengo'
import { describe, expect, it } from 'vitest'
import { decideIntent, type OrderView } from '../../src/gengo/reconcile.ts'
import { batchOf, jobHash, type OrderIntent, readIntents, tagCustomData } from '../../src/lock/intents.ts'
import { emptyLock, serializeLock } from '../../src/lock/lock.ts'
import { gengoJob } from './job.ts'

const BATCH = 'a1b2c3d4e5f6'
const intent: OrderIntent = { t: 1_000, lng: 'ja', jobs: { 'ja|common:a': jobHash('Hello', 'ja') } }

const job = (over: Partial<GengoJob>): GengoJob => gengoJob(over, 'common:a')

describe('decideIntent (pure): what became of an order whose answer was lost', () => {
  const orders = (queued?: number) => new Map<string, OrderView>([['1001', { queued }]])

  it('ordered: jobs carrying the batch id exist and their order has created them all', () => {
    expect(decideIntent(BATCH, intent, [job({})], orders(0), 1_010, 180)).toEqual({ kind: 'ordered', jobs: [job({})] })
  })

  it('waits while the order still has jobs being created, or cannot be read yet (2750)', () => {
    expect(decideIntent(BATCH, intent, [job({})], orders(2), 1_010, 180)).toMatchObject({ kind: 'wait' })
    expect(decideIntent(BATCH, intent, [job({})], orders(undefined), 1_010, 180)).toMatchObject({ kind: 'wait' })
  })

  it('waits out the grace period before concluding that nothing was ordered', () => {
    const other = job({ customData: tagCustomData('ffffffffffff', 'common:a') })
    expect(decideIntent(BATCH, intent, [other], new Map(), 1_100, 180)).toMatchObject({ kind: 'wait' })
    expect(decideIntent(BATCH, intent, [other], new Map(), 1_180, 180)).toEqual({ kind: 'none' })
  })

  it('an order id already recorded is checked even when no job is listed yet', () => {
    expect(decideIntent(BATCH, { ...intent, order: '1001' }, [], orders(1), 5_000, 180)).toMatchObject({ kind: 'wait' })
    expect(decideIntent(BATCH, { ...intent, order: '1001' }, [], orders(0), 5_000, 180)).toEqual({ kind: 'ordered', jobs: [] })
  })

  it('jobs_queued 0 with only part of the order visible waits out the grace period (no second charge for the rest)', () => {
    const two: OrderIntent = { ...intent, jobs: { ...intent.jobs, 'ja|common:b': jobHash('Bye', 'ja') } }
    expect(decideIntent(BATCH, two, [job({})], orders(0), 1_010, 180)).toMatchObject({ kind: 'wait' })
    // the order's total_jobs says one job: complete
    const one = new Map<string, OrderView>([['1001', { queued: 0, total: 1 }]])
    expect(decideIntent(BATCH, two, [job({})], one, 1_010, 180)).toEqual({ kind: 'ordered', jobs: [job({})] })
    // after the grace period, what is visible is what was ordered
    expect(decideIntent(BATCH, two, [job({})], orders(0), 1_180, 180)).toEqual({ kind: 'ordered', jobs: [job({})] })
  })
})

describe('intents in the lock', () => {
  it('tags custom_data with the batch id within 1 KB of UTF-8, and reads it back', () => {
    expect(tagCustomData(BATCH, 'common:a')).toBe(`l10n:${BATCH} common:a`)
    const long = tagCustomData(BATCH, `common:${'é'.repeat(600)}`)
    expect(Buffer.byteLength(long)).toBeLessThanOrEqual(1024)
    expect(batchOf(long)).toBe(BATCH)
    expect(batchOf('common:a')).toBeUndefined()
  })

  it('round-trips through the lock (version 1, optional field), and drops malformed entries', () => {
    const lock = { ...emptyLock('en'), intents: { [BATCH]: intent } }
    const text = serializeLock(lock)
    expect(JSON.parse(text)).toMatchObject({ version: 1, intents: { [BATCH]: intent } })
    expect(serializeLock(emptyLock('en'))).not.toContain('intents')
    expect(readIntents(JSON.parse(text).intents)).toEqual({ [BATCH]: intent })
    expect(readIntents({ '../x': intent, [BATCH]: { ...intent, order: '1,2' }, bbbbbbbbbbbb: { t: 'soon', lng: 'ja', jobs: {} } })).toEqual(
      { [BATCH]: intent },
    )
  })
})
