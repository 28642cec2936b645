import type { GengoJob } from '@l10n-sync/gengo'
import { describe, expect, it } from 'vitest'
import { matchRecord } from '../../src/gengo/record.ts'
import { tagCustomData } from '../../src/lock/intents.ts'
import type { JobRequest } from '../../src/plan/jobs.ts'
import { gengoJob } from './job.ts'

const job = (over: Partial<GengoJob>): GengoJob => gengoJob(over, 'common:hello')

const req = (key: string, bodySrc: string, lcTgt = 'ja'): JobRequest => ({
  id: `${lcTgt}|common:${key}`,
  lng: lcTgt,
  ns: 'common',
  input: { bodySrc, lcSrc: 'en', lcTgt, tier: 'standard', customData: `common:${key}` },
  units: [],
  placeholders: [],
  hints: [],
})

describe('matchRecord (pure): which requests Gengo already holds a job of ours for', () => {
  it('adopts a live job of ours with the same text and language, whitespace and tier aside', () => {
    const { found, rest } = matchRecord([req('hello', 'Hello'), req('bye', 'Bye')], [job({ bodySrc: ' Hello ', tier: 'pro' })])
    expect(found.map(([j, r]) => [j.jobId, r.id])).toEqual([['5001', 'ja|common:hello']])
    expect(rest.map((r) => r.id)).toEqual(['ja|common:bye'])
  })

  it('leaves alone jobs that are not ours, are for another language, or can never deliver', () => {
    const jobs = [
      job({ jobId: '1', customData: 'ordered by hand' }),
      job({ jobId: '2', lcTgt: 'fr' }),
      job({ jobId: '3', status: 'canceled' }),
      job({ jobId: '4', status: 'rejected' }),
      job({ jobId: '5', status: 'deleted' }),
    ]
    const { found, rest } = matchRecord([req('hello', 'Hello')], jobs)
    expect(found).toEqual([])
    expect(rest).toHaveLength(1)
  })

  it('one job fills one request: the job ordered for the same key first, then the newest', () => {
    const older = job({ jobId: '10', ctime: 100, customData: tagCustomData('a1b2c3d4e5f6', 'common:other') })
    const newer = job({ jobId: '11', ctime: 200, customData: tagCustomData('a1b2c3d4e5f6', 'common:other') })
    const own = job({ jobId: '9', ctime: 50 })
    const { found, rest } = matchRecord([req('hello', 'Hello'), req('other', 'Hello'), req('third', 'Hello')], [older, newer, own])
    expect(found.map(([j, r]) => [r.id, j.jobId])).toEqual([
      ['ja|common:hello', '9'],
      ['ja|common:other', '11'],
      ['ja|common:third', '10'],
    ])
    expect(rest).toEqual([])
  })

  it('a translated job is adopted too (its text is written; lazy loading would have returned it free anyway)', () => {
    const { found } = matchRecord([req('hello', 'Hello')], [job({ status: 'approved', bodyTgt: 'こんにちは' })])
    expect(found).toHaveLength(1)
  })
})
