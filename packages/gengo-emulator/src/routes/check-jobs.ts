import type { Ctx } from '../context.ts'
import { flag } from '../context.ts'
import { isLanguage, isPair, LEGACY_TIERS, TIERS } from '../languages.ts'
import { fail, GengoFailure, json } from '../wire.ts'

// The jobs of POST translate/jobs (and of the quote), checked the way Gengo checks them.

const CUSTOM_DATA_MAX = 1024

export interface CheckedJob {
  key: string
  bodySrc: string
  lcSrc: string
  lcTgt: string
  tier: string
  slug: string
  comment: string
  customData: string
  callbackUrl: string
  autoApprove: boolean
  force: boolean
  /** `glossary_id`, kept as sent. */
  glossaryId?: string
  usePreferred?: boolean
  tone?: string
  purpose?: string
  /** `position`: the job's place in its group, which the group's translator works through in this order. */
  position?: number
}

/** `position`, when sent: a whole number ≥ 0 (a number or a digit string); Gengo documents no code, so 1351 like other bad fields. */
function positionOf(key: string, v: unknown): number | undefined {
  if (v === undefined || v === null || v === '') return undefined
  const n = typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : v
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 0) fail(1351, `job ${key}: position must be a whole number`)
  return n
}

/** Validates one submitted job the way Gengo does; throws GengoFailure with Gengo's code. */
export function checkJob(key: string, raw: unknown): CheckedJob {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) fail(1351, `job ${key} is not an object`)
  const j = raw as Record<string, unknown>
  if (j.type === undefined || j.type === '') fail(1300, `job ${key}: type is a required field`)
  if (j.type !== 'text') fail(1301, `job ${key}: type "${String(j.type)}" is not supported`)
  if (j.body_src === undefined || j.body_src === null) fail(1350, `job ${key}: body_src is a required field`)
  if (typeof j.body_src !== 'string' || j.body_src.trim() === '') fail(1351, `job ${key}: body_src is invalid`)
  if (!j.lc_src) fail(1400, `job ${key}: lc_src is a required field`)
  if (!j.lc_tgt) fail(1450, `job ${key}: lc_tgt is a required field`)
  if (!j.tier) fail(1500, `job ${key}: tier is a required field`)
  const tier = String(j.tier)
  if (![...TIERS, ...LEGACY_TIERS].includes(tier as never)) fail(1304, `job ${key}: tier "${tier}" is invalid`)
  const lcSrc = String(j.lc_src)
  const lcTgt = String(j.lc_tgt)
  if (!isLanguage(lcSrc) || !isLanguage(lcTgt) || !isPair(lcSrc, lcTgt)) {
    fail(1551, `job ${key}: language pair ${lcSrc} > ${lcTgt} is not supported`)
  }
  const callbackUrl = j.callback_url === undefined ? '' : String(j.callback_url)
  if (callbackUrl && !/^https?:\/\/[^\s]+$/.test(callbackUrl)) fail(1601, `job ${key}: callback_url is not a valid URL`)
  const customData = j.custom_data === undefined || j.custom_data === null ? '' : String(j.custom_data)
  if (Buffer.byteLength(customData, 'utf8') > CUSTOM_DATA_MAX) fail(1751, `job ${key}: custom_data is over 1 KB`)
  const autoApprove = flag(j.auto_approve, 1651, 'auto_approve', fail)
  const usePreferred = flag(j.use_preferred, 1701, 'use_preferred', fail)
  const force = flag(j.force, 1351, 'force', fail)
  const position = positionOf(key, j.position)
  return {
    key,
    bodySrc: j.body_src,
    lcSrc,
    lcTgt,
    tier,
    slug: typeof j.slug === 'string' ? j.slug : '',
    comment: typeof j.comment === 'string' ? j.comment : '',
    customData,
    callbackUrl,
    autoApprove,
    force,
    ...(j.glossary_id !== undefined && j.glossary_id !== null && { glossaryId: String(j.glossary_id) }),
    ...(usePreferred && { usePreferred }),
    ...(typeof j.tone === 'string' && { tone: j.tone }),
    ...(typeof j.purpose === 'string' && { purpose: j.purpose }),
    ...(position !== undefined && { position }),
  }
}

/** Keys and raw jobs of `data.jobs`, keyed as submitted or by array index. */
export function submittedJobs(data: Record<string, unknown>): [string, unknown][] {
  const jobs = data.jobs
  if (Array.isArray(jobs)) return jobs.map((j, i) => [String(i), j])
  if (typeof jobs === 'object' && jobs !== null) return Object.entries(jobs)
  return fail(1800, 'jobs is a required field')
}

/**
 * Checks every job and answers a per-job error map (`{"job_1": [{code, msg}]}`), in both editions:
 * the docs show it for POST translate/jobs, and nothing says the modern API answers only the first
 * error. Legacy sends the codes as strings.
 */
export function checkAll(ctx: Ctx, entries: [string, unknown][]): CheckedJob[] | Response {
  const checked: CheckedJob[] = []
  const errors: Record<string, { code: number | string; msg: string }[]> = {}
  for (const [key, raw] of entries) {
    try {
      checked.push(checkJob(key, raw))
    } catch (error) {
      if (!(error instanceof GengoFailure)) throw error
      errors[key] = [{ code: ctx.legacy ? String(error.gengoCode) : error.gengoCode, msg: error.message }]
    }
  }
  if (Object.keys(errors).length > 0) return json({ opstat: 'error', err: errors })
  return checked
}
