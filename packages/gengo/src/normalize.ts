import { GengoError } from './errors.ts'
import type { GengoJob, GengoJobStatus, GengoOrder } from './types.ts'

/** Untyped JSON as it arrives. */
export type Raw = Record<string, unknown>

export function isObject(value: unknown): value is Raw {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

export function badShape(what: string, value: unknown): GengoError {
  const preview = JSON.stringify(value)?.slice(0, 120) ?? String(value)
  return new GengoError('GENGO_BAD_RESPONSE', `Gengo answered with an unexpected ${what}: ${preview}`)
}

function toId(value: unknown): string | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value)
  if (typeof value === 'string' && value.trim() !== '') return value.trim()
  return undefined
}

/** Ids we store or put in a URL: plain tokens, so a hostile `"../../x"` or `"1,2"` never gets there. */
export function isSafeId(id: string): boolean {
  return /^[0-9A-Za-z_-]{1,64}$/.test(id)
}

/** An id from Gengo, normalised to a string; present but unsafe → refused by name. */
export function safeId(value: unknown, what: string): string | undefined {
  const id = toId(value)
  if (id === undefined) return undefined
  if (!isSafeId(id)) {
    throw new GengoError(
      'GENGO_BAD_RESPONSE',
      `Gengo answered with an unsafe ${what} ${JSON.stringify(id).slice(0, 80)}; ids must be plain tokens (digits, letters, - or _). It was not stored or used.`,
    )
  }
  return id
}

export function toInt(value: unknown, fallback = 0): number {
  // "" (as in `"eta": ""`) means unknown, not 0.
  if (typeof value === 'string' && value.trim() === '') return fallback
  const n = typeof value === 'string' ? Number(value.trim()) : value
  return typeof n === 'number' && Number.isFinite(n) ? Math.trunc(n) : fallback
}

export function toMoney(value: unknown): number {
  const n = typeof value === 'string' ? Number(value.trim()) : value
  return typeof n === 'number' && Number.isFinite(n) ? Math.round(n * 10_000) / 10_000 : 0
}

function toBool(value: unknown): boolean {
  return value === true || value === 1 || value === '1' || value === 'true'
}

export function toStr(value: unknown): string {
  if (typeof value === 'string') return value
  if (typeof value === 'number') return String(value)
  return ''
}

function toIdList(value: unknown): string[] {
  if (!Array.isArray(value)) return []
  return value.map((v) => safeId(isObject(v) ? v.job_id : v, 'job_id')).filter((v): v is string => v !== undefined)
}

const STATUSES: Record<string, GengoJobStatus> = {
  queued: 'queued',
  available: 'available',
  pending: 'pending',
  reviewable: 'reviewable',
  approved: 'approved',
  revising: 'revising',
  rejected: 'rejected',
  canceled: 'canceled',
  cancelled: 'canceled',
  hold: 'held',
  held: 'held',
  deleted: 'deleted',
  unpaid: 'unpaid',
}

function toStatus(value: unknown): GengoJobStatus {
  return STATUSES[toStr(value).toLowerCase()] ?? 'unknown'
}

export function normalizeJob(raw: unknown): GengoJob {
  if (!isObject(raw)) throw badShape('job', raw)
  const jobId = safeId(raw.job_id, 'job_id')
  if (jobId === undefined) throw badShape('job without job_id', raw)
  const job: GengoJob = {
    jobId,
    orderId: safeId(raw.order_id, 'order_id'),
    slug: typeof raw.slug === 'string' ? raw.slug : undefined,
    bodySrc: toStr(raw.body_src),
    lcSrc: toStr(raw.lc_src),
    lcTgt: toStr(raw.lc_tgt),
    unitCount: toInt(raw.unit_count),
    tier: toStr(raw.tier),
    credits: toMoney(raw.credits),
    currency: toStr(raw.currency) || 'USD',
    status: toStatus(raw.status),
    eta: toInt(raw.eta, -1),
    ctime: toInt(raw.ctime),
    autoApprove: toBool(raw.auto_approve),
    customData: toStr(raw.custom_data),
    callbackUrl: typeof raw.callback_url === 'string' && raw.callback_url ? raw.callback_url : undefined,
    mt: toBool(raw.mt),
  }
  if (typeof raw.body_tgt === 'string') job.bodyTgt = raw.body_tgt
  return job
}

export function normalizeOrder(raw: unknown): GengoOrder {
  const order = isObject(raw) && isObject(raw.order) ? raw.order : raw
  if (!isObject(order)) throw badShape('order', raw)
  const orderId = safeId(order.order_id, 'order_id')
  if (orderId === undefined) throw badShape('order without order_id', raw)
  // Every jobs_* list, so a rejected job (or a status a later edition adds) is never taken as missing.
  const jobIds = new Set<string>()
  for (const [k, v] of Object.entries(order)) if (k.startsWith('jobs_') && Array.isArray(v)) for (const id of toIdList(v)) jobIds.add(id)
  return {
    orderId,
    totalCredits: toMoney(order.total_credits),
    currency: toStr(order.currency) || 'USD',
    totalUnits: toInt(order.total_units),
    totalJobs: toInt(order.total_jobs),
    asGroup: toBool(order.as_group),
    // jobs_queued is a count in the docs; tolerate a list.
    jobsQueued: Array.isArray(order.jobs_queued) ? order.jobs_queued.length : toInt(order.jobs_queued),
    jobsAvailable: toIdList(order.jobs_available),
    jobsPending: toIdList(order.jobs_pending),
    jobsReviewable: toIdList(order.jobs_reviewable),
    jobsApproved: toIdList(order.jobs_approved),
    jobsRevising: toIdList(order.jobs_revising),
    jobsCancelled: toIdList(order.jobs_cancelled ?? order.jobs_canceled),
    jobsHeld: toIdList(order.jobs_held),
    jobsRejected: toIdList(order.jobs_rejected),
    jobIds: [...jobIds],
  }
}
