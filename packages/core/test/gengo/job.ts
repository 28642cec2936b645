import type { GengoJob } from '@l10n-sync/gengo'
import { tagCustomData } from '../../src/lock/intents.ts'

/** A Gengo job as the client reads it, tagged by batch `a1b2c3d4e5f6` for `ref`; `over` changes any field. */
export function gengoJob(over: Partial<GengoJob>, ref = 'common:a'): GengoJob {
  return {
    jobId: '5001',
    orderId: '1001',
    bodySrc: 'Hello',
    lcSrc: 'en',
    lcTgt: 'ja',
    unitCount: 1,
    tier: 'standard',
    credits: 0.05,
    currency: 'USD',
    status: 'available',
    eta: -1,
    ctime: 1_001,
    autoApprove: false,
    customData: tagCustomData('a1b2c3d4e5f6', ref),
    mt: false,
    ...over,
  }
}
