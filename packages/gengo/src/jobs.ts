import { GengoError } from './errors.ts'
import { badShape, isObject, normalizeJob, type Raw, safeId, toInt, toMoney, toStr } from './normalize.ts'
import type { GengoJob, GengoJobInput, GengoPostedJob, GengoPostJobsResult } from './types.ts'

const CUSTOM_DATA_MAX_BYTES = 1024

/** Serialises one job for the wire, checking what Gengo would refuse. */
function serializeJob(key: string, job: GengoJobInput): Raw {
  if (typeof job.bodySrc !== 'string' || job.bodySrc.trim() === '') {
    throw new GengoError('GENGO_INPUT', `Job "${key}" has an empty bodySrc; Gengo refuses it (1350/1351).`)
  }
  if (job.customData !== undefined && Buffer.byteLength(job.customData, 'utf8') > CUSTOM_DATA_MAX_BYTES) {
    throw new GengoError(
      'GENGO_INPUT',
      `Job "${key}" has customData over 1 KB (${Buffer.byteLength(job.customData, 'utf8')} bytes); Gengo refuses it (1751). Hash or shorten it.`,
    )
  }
  const out: Raw = { type: 'text', body_src: job.bodySrc, lc_src: job.lcSrc, lc_tgt: job.lcTgt, tier: job.tier }
  if (job.slug !== undefined) out.slug = job.slug
  if (job.comment !== undefined) out.comment = job.comment
  if (job.customData !== undefined) out.custom_data = job.customData
  if (job.autoApprove !== undefined) out.auto_approve = job.autoApprove ? 1 : 0
  if (job.force !== undefined) out.force = job.force ? 1 : 0
  if (job.usePreferred !== undefined) out.use_preferred = job.usePreferred ? 1 : 0
  if (job.callbackUrl !== undefined) out.callback_url = job.callbackUrl
  if (job.glossaryId !== undefined) out.glossary_id = job.glossaryId
  if (job.position !== undefined) out.position = job.position
  if (job.tone !== undefined) out.tone = job.tone
  if (job.purpose !== undefined) out.purpose = job.purpose
  return out
}

/** The wire form of submitted jobs: keyed, or a list when the caller gave a list. */
export function serializeJobs(submitted: [string, GengoJobInput][], asList: boolean): Raw | Raw[] {
  return asList ? submitted.map(([k, j]) => serializeJob(k, j)) : Object.fromEntries(submitted.map(([k, j]) => [k, serializeJob(k, j)]))
}

/** The submitted jobs as [key, job] pairs; array input uses the index as key, as Gengo does. */
export function jobEntries(jobs: Record<string, GengoJobInput> | GengoJobInput[]): [string, GengoJobInput][] {
  return Array.isArray(jobs) ? jobs.map((job, i) => [String(i), job]) : Object.entries(jobs)
}

/** Reads jobs leniently: a job Gengo sent without a usable job_id goes to `unmatched`, it does not throw. */
function readJobs(list: unknown[], unmatched: unknown[]): GengoJob[] {
  const out: GengoJob[] = []
  for (const v of list) {
    try {
      out.push(normalizeJob(v))
    } catch {
      unmatched.push(v)
    }
  }
  return out
}

function postedFrom(value: unknown, unmatched: unknown[]): GengoPostedJob | undefined {
  // 2013: {"duplicate":"job_1","custom_data":""}
  if (isObject(value) && value.duplicate !== undefined) return { kind: 'duplicate', of: toStr(value.duplicate) }
  if (isObject(value)) {
    const jobs = readJobs([value], unmatched)
    return jobs.length > 0 ? { kind: 'existing', jobs } : undefined
  }
  if (Array.isArray(value)) {
    const dup = value.find((v) => isObject(v) && v.duplicate !== undefined)
    if (isObject(dup)) return { kind: 'duplicate', of: toStr(dup.duplicate) }
    const jobs = readJobs(value, unmatched)
    return jobs.length > 0 ? { kind: 'existing', jobs } : undefined
  }
  unmatched.push(value)
  return undefined
}

/** Whitespace-insensitive: Gengo may return body_src trimmed or with spaces collapsed. */
function sameText(a: string, b: string): boolean {
  return a === b || a.replace(/\s+/g, ' ').trim() === b.replace(/\s+/g, ' ').trim()
}

/** Lazy loading matches on content and language pair, so tier is not part of the match. */
function sameJob(job: GengoJob, input: GengoJobInput): boolean {
  return sameText(job.bodySrc, input.bodySrc) && job.lcTgt === input.lcTgt
}

/**
 * 2014 edition: `jobs` is a list of lists with no keys; match each list to a
 * submitted key by custom_data, then by body_src and lc_tgt.
 */
function matchUnkeyed(lists: unknown[], submitted: [string, GengoJobInput][], unmatched: unknown[]): Record<string, GengoPostedJob> {
  const out: Record<string, GengoPostedJob> = {}
  const free = new Set(submitted.map(([k]) => k))
  for (const list of lists) {
    const posted = postedFrom(list, unmatched)
    if (posted?.kind !== 'existing' || posted.jobs.length === 0) continue
    const first = posted.jobs[0] as GengoJob
    const candidates = submitted.filter(([k]) => free.has(k))
    const match =
      candidates.find(([, j]) => first.customData !== '' && j.customData === first.customData && sameJob(first, j)) ??
      candidates.find(([, j]) => first.customData !== '' && j.customData === first.customData) ??
      candidates.find(([, j]) => sameJob(first, j))
    if (!match) {
      unmatched.push(list)
      continue
    }
    out[match[0]] = posted
    free.delete(match[0])
  }
  return out
}

/**
 * Reads a POST translate/jobs answer. Once Gengo has taken the order this must not lose it:
 * the order id is read first, and anything in `jobs` that matches no submitted key (a list of
 * lists without keys, a body_src that differs, a job without job_id) goes to `unmatched`
 * instead of throwing. Only a missing or unsafe order id throws, and the caller treats that
 * as an unknown outcome.
 */
export function normalizePostJobs(raw: unknown, submitted: [string, GengoJobInput][]): GengoPostJobsResult {
  const r = isObject(raw) ? raw : {}
  const orderId = safeId(r.order_id, 'order_id')
  const unmatched: unknown[] = []
  let given: Record<string, GengoPostedJob> = {}
  if (Array.isArray(r.jobs)) given = matchUnkeyed(r.jobs, submitted, unmatched)
  else if (isObject(r.jobs)) {
    const keys = new Set(submitted.map(([k]) => k))
    for (const [key, value] of Object.entries(r.jobs)) {
      const posted = postedFrom(value, unmatched)
      if (posted && keys.has(key)) given[key] = posted
      else if (posted) unmatched.push(value)
    }
  }
  const jobs: Record<string, GengoPostedJob> = {}
  for (const [key] of submitted) jobs[key] = given[key] ?? { kind: 'new' }
  const anyNew = Object.values(jobs).some((j) => j.kind === 'new' || j.kind === 'duplicate')
  if (orderId === undefined && anyNew) throw badShape('answer without order_id', raw)
  let groupId: string | undefined
  try {
    groupId = safeId(r.group_id, 'group_id')
  } catch {
    groupId = undefined
  }
  return {
    orderId,
    groupId,
    jobCount: toInt(r.job_count, submitted.length),
    // An all-old POST (every job lazy-loaded) spends nothing, whatever credits_used says.
    creditsUsed: anyNew ? toMoney(r.credits_used) : 0,
    currency: toStr(r.currency) || 'USD',
    jobs,
    unmatched,
  }
}
