import type { EmJob, EmOrder } from './state.ts'

/** Envelopes and payloads as Gengo sends them; `legacy` emits the older variants. */

export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json; charset=utf-8', ...headers } })
}

export function ok(response: unknown): Response {
  return json({ opstat: 'ok', response })
}

export class GengoFailure extends Error {
  constructor(
    readonly gengoCode: number,
    message: string,
    readonly status = 200,
  ) {
    super(message)
  }
}

export function fail(code: number, msg: string, status = 200): never {
  throw new GengoFailure(code, msg, status)
}

export function errorResponse(code: number, msg: string, legacy: boolean, status = 200): Response {
  return json({ opstat: 'error', err: { code: legacy ? String(code) : code, msg } }, status)
}

/** Legacy editions send ids, counts and money as strings. */
function num(value: number, legacy: boolean, money = false): number | string {
  if (!legacy) return value
  return money ? value.toFixed(2) : String(value)
}

/** Job statuses as sent: `hold` in every edition (the docs' name; `held` was never documented), `cancelled` in the legacy one. */
export function wireStatus(status: EmJob['status'], legacy: boolean): string {
  if (status === 'held') return 'hold'
  if (legacy && status === 'canceled') return 'cancelled'
  return status
}

export function wireJob(job: EmJob, legacy: boolean, simNowMs: number, worstCase = false): Record<string, unknown> {
  const done = job.status === 'reviewable' || job.status === 'approved'
  const eta =
    done || job.status === 'canceled' ? 0 : job.status === 'held' ? -1 : Math.max(0, Math.ceil((job.at.reviewable - simNowMs) / 1000))
  // Worst case, as in the docs' examples: an available job's eta is "" (unknown).
  const etaWire = worstCase && job.status === 'available' ? '' : num(eta, legacy)
  const out: Record<string, unknown> = {
    job_id: num(job.id, legacy),
    order_id: num(job.orderId, legacy),
    slug: job.slug,
    body_src: job.bodySrc,
    lc_src: job.lcSrc,
    lc_tgt: job.lcTgt,
    unit_count: num(job.unitCount, legacy),
    tier: job.tier,
    credits: num(job.credits, legacy, true),
    currency: 'USD',
    status: wireStatus(job.status, legacy),
    eta: etaWire,
    ctime: num(job.ctime, legacy),
    auto_approve: num(job.autoApprove ? 1 : 0, legacy),
    callback_url: job.callbackUrl,
    custom_data: job.customData,
  }
  // No machine text while pending: Gengo dropped pre_mt/mt in 2016 (gengo-python, gengo-php: "API doesn't support this parameter anymore").
  if (job.bodyTgt !== undefined) out.body_tgt = job.bodyTgt
  return out
}

/**
 * GET translate/order/{id}. Worst case: jobs still being created are not in the order at all
 * (`jobs_queued` reads 0 and no `jobs_*` list names them), a reading the docs do not rule out.
 */
export function wireOrder(order: EmOrder, all: EmJob[], legacy: boolean, worstCase = false): Record<string, unknown> {
  const jobs = worstCase ? all.filter((j) => j.status !== 'queued') : all
  const ids = (status: EmJob['status']) => jobs.filter((j) => j.status === status).map((j) => String(j.id))
  return {
    order: {
      order_id: num(order.id, legacy),
      total_credits: num(order.totalCredits, legacy, true),
      currency: 'USD',
      total_units: num(order.totalUnits, legacy),
      total_jobs: num(jobs.length, legacy),
      as_group: num(order.asGroup ? 1 : 0, legacy),
      jobs_queued: num(jobs.filter((j) => j.status === 'queued').length, legacy),
      jobs_available: ids('available'),
      jobs_pending: ids('pending'),
      jobs_reviewable: ids('reviewable'),
      jobs_approved: ids('approved'),
      jobs_revising: ids('revising'),
      jobs_cancelled: ids('canceled'),
      jobs_held: ids('held'),
    },
  }
}

export { num as wireNumber }
