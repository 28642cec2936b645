import { createHash } from 'node:crypto'
import { type Ctx, flag, type Params, parseData } from '../context.ts'
import { takeFault } from '../faults.ts'
import { countUnits, creditsFor, LEGACY_TIERS, TIERS } from '../languages.ts'
import { WORST_CASE } from '../options.ts'
import { type EmJob, lazyKey } from '../state.ts'
import { advanceJob, schedule } from '../translators.ts'
import { fail, ok, wireJob, wireNumber } from '../wire.ts'
import { type CheckedJob, checkAll, submittedJobs } from './check-jobs.ts'

const IDENTICAL_WINDOW_MS = 5 * 60_000

/** A group's jobs in the order its translator takes them: by `position`, those without one after, as submitted. */
function byPosition<T extends { job: CheckedJob }>(list: T[]): T[] {
  const at = (p: T) => p.job.position ?? Number.POSITIVE_INFINITY
  return list
    .map((p, i) => ({ p, i }))
    .sort((a, b) => at(a.p) - at(b.p) || a.i - b.i)
    .map(({ p }) => p)
}

export function postJobs(ctx: Ctx, params: Params): Response {
  const data = parseData(params, fail)
  const entries = submittedJobs(data)
  if (entries.length === 0) fail(1800, 'jobs is a required field')
  const asGroup = flag(data.as_group, 1851, 'as_group', fail)
  flag(data.allow_fork, 1852, 'allow_fork', fail)
  flag(data.process, 1901, 'process', fail)
  const checked = checkAll(ctx, entries)
  if (checked instanceof Response) return checked
  if (asGroup) {
    if (checked.length < 2) fail(1951, 'a single job cannot be grouped')
    if (checked.some((j) => j.tier === 'ultra')) fail(1952, 'ultra jobs cannot be grouped')
    const first = checked[0] as CheckedJob
    if (checked.some((j) => j.tier !== first.tier || j.lcSrc !== first.lcSrc || j.lcTgt !== first.lcTgt)) {
      fail(1950, 'jobs cannot be grouped: they differ in tier or language pair')
    }
  }
  const realNow = ctx.realNow()
  const hash = createHash('sha1')
    .update(params.get('data') ?? '')
    .digest('hex')
  ctx.state.recentPayloads = ctx.state.recentPayloads.filter((p) => realNow - p.at < IDENTICAL_WINDOW_MS)
  // Worst case: no 1754 for a repeated payload (the docs do not promise one).
  if (!ctx.worstCase && ctx.state.recentPayloads.some((p) => p.hash === hash))
    fail(1754, 'an identical payload was submitted within the last 5 minutes')

  // Classify: lazy-loaded (old), duplicate within this payload, or new.
  type Plan = { job: CheckedJob; old?: number[]; dupOf?: string; units: number; credits: number }
  const plans: Plan[] = []
  const firstNew = new Map<string, string>()
  for (const job of checked) {
    const lk = lazyKey(job.bodySrc, job.lcSrc, job.lcTgt, job.tier)
    const earlier = job.force ? undefined : lazyMatches(ctx, job)
    if (earlier && earlier.length > 0) {
      plans.push({ job, old: earlier, units: 0, credits: 0 })
      continue
    }
    const dupOf = firstNew.get(lk)
    if (dupOf !== undefined && !job.force) {
      plans.push({ job, dupOf, units: 0, credits: 0 })
      continue
    }
    firstNew.set(lk, job.key)
    const units = countUnits(job.bodySrc, job.lcSrc)
    plans.push({ job, units, credits: creditsFor(units, job.lcSrc, job.lcTgt, job.tier, ctx.worstCase) })
  }
  const fresh = plans.filter((p) => p.old === undefined && p.dupOf === undefined)
  const cost = Math.round(fresh.reduce((sum, p) => sum + p.credits, 0) * 100) / 100
  if (cost > ctx.state.balance + 1e-9)
    fail(2700, `not enough credits: this order costs ${cost.toFixed(2)}, the balance is ${ctx.state.balance.toFixed(2)}`)

  const s = ctx.state
  const orderId = s.nextOrderId++
  const simNow = ctx.simNow()
  const ctime = Math.floor(simNow / 1000)
  const groupId = asGroup && fresh.length > 1 ? s.nextGroupId++ : undefined
  const created: EmJob[] = []
  // A group goes to one translator, who works through its jobs in order: each starts when the one
  // before is done ("sequentially rather than in parallel", gengo-api.md on as_group).
  let groupFree: number | undefined
  for (const p of groupId === undefined ? fresh : byPosition(fresh)) {
    const id = s.nextJobId++
    // drop and alter need a [[[…]]] segment to break; inject adds its text to any job.
    const hasProtected = /\[\[\[/.test(p.job.bodySrc)
    const fault = takeFault(ctx.faults, 'placeholder', ['placeholder'], (f) => f.mode === 'inject' || hasProtected)
    const job: EmJob = {
      id,
      orderId,
      slug: p.job.slug,
      bodySrc: p.job.bodySrc,
      lcSrc: p.job.lcSrc,
      lcTgt: p.job.lcTgt,
      tier: p.job.tier,
      unitCount: p.units,
      credits: p.credits,
      status: 'queued',
      ctime,
      at: inGroup(created_at(ctx, id, simNow), groupId === undefined ? undefined : groupFree),
      autoApprove: p.job.autoApprove || p.job.tier === 'machine',
      customData: p.job.customData,
      callbackUrl: p.job.callbackUrl,
      comment: p.job.comment,
      ...(p.job.glossaryId !== undefined && { glossaryId: p.job.glossaryId }),
      ...(p.job.usePreferred && { usePreferred: true }),
      ...(p.job.tone !== undefined && { tone: p.job.tone }),
      ...(p.job.purpose !== undefined && { purpose: p.job.purpose }),
      ...(p.job.position !== undefined && { position: p.job.position }),
      breakPlaceholder: fault && fault.mode !== 'inject' ? (fault.mode ?? 'drop') : undefined,
      ...(fault?.mode === 'inject' && { inject: fault.text }),
      revisions: 0,
      comments: p.job.comment ? [{ body: p.job.comment, author: 'customer', ctime }] : [],
    }
    s.jobs[String(id)] = job
    if (groupId !== undefined) groupFree = job.at.reviewable
    const lk = lazyKey(job.bodySrc, job.lcSrc, job.lcTgt, job.tier)
    const earlierIds = ctx.lazy.get(lk)
    if (earlierIds) earlierIds.push(id)
    else ctx.lazy.set(lk, [id])
    advanceJob(job, simNow)
    created.push(job)
  }
  s.orders[String(orderId)] = {
    id: orderId,
    ctime,
    jobIds: created.map((j) => j.id),
    totalCredits: cost,
    totalUnits: fresh.reduce((sum, p) => sum + p.units, 0),
    asGroup,
    groupId,
    ...(typeof data.comment === 'string' && data.comment !== '' && { comment: data.comment }),
  }
  s.balance = Math.round((s.balance - cost) * 100) / 100
  s.ledger.credits_charged = Math.round((s.ledger.credits_charged + cost) * 100) / 100
  s.ledger.jobs_created += created.length
  s.recentPayloads.push({ hash, at: realNow, orderId })

  const response: Record<string, unknown> = {
    order_id: wireNumber(orderId, ctx.strings),
    job_count: wireNumber(checked.length, ctx.strings),
    credits_used: ctx.strings || fresh.length === 0 ? cost.toFixed(2) : cost,
    currency: 'USD',
  }
  if (groupId !== undefined) response.group_id = wireNumber(groupId, ctx.strings)
  const oldOrDup = plans.filter((p) => p.old !== undefined || p.dupOf !== undefined)
  if (oldOrDup.length > 0) response.jobs = jobsField(ctx, plans, oldOrDup)
  return ok(response)
}

/** Statuses of a job that has a translation: the only ones the worst case lazy-loads. */
const TRANSLATED = new Set<EmJob['status']>(['reviewable', 'approved'])

/**
 * Earlier jobs lazy loading returns. Default: any job with the same (body, pair, tier), queued
 * ones too. Worst case, the strict reading of the docs ("ordered before and translations
 * exist"): matched on content and language pair only (any tier), and only jobs that have a
 * translation (reviewable or approved); an available, pending, revising, held or cancelled job
 * is ordered and charged again.
 */
function lazyMatches(ctx: Ctx, job: CheckedJob): number[] | undefined {
  if (!ctx.worstCase) return ctx.lazy.get(lazyKey(job.bodySrc, job.lcSrc, job.lcTgt, job.tier))
  const ids: number[] = []
  for (const tier of [...TIERS, ...LEGACY_TIERS])
    for (const id of ctx.lazy.get(lazyKey(job.bodySrc, job.lcSrc, job.lcTgt, tier)) ?? []) {
      const earlier = ctx.job(id)
      if (earlier && TRANSLATED.has(earlier.status)) ids.push(id)
    }
  return ids.length > 0 ? ids.sort((a, b) => a - b) : undefined
}

/** A grouped job's schedule: its translator starts on it when the previous job is done (`free`). */
function inGroup(at: EmJob['at'], free: number | undefined): EmJob['at'] {
  if (free === undefined || free <= at.pending) return at
  return { ...at, pending: free, reviewable: free + (at.reviewable - at.pending) }
}

/** The job's schedule; in the worst case it is created (leaves `queued`) only after a delay. */
function created_at(ctx: Ctx, id: number, simNow: number): EmJob['at'] {
  const at = schedule(ctx.speed, id, simNow)
  if (!ctx.worstCase) return at
  const available = Math.max(at.available, simNow + WORST_CASE.creationDelayMs)
  return { available, pending: Math.max(at.pending, available), reviewable: Math.max(at.reviewable, available) }
}

function jobsField(ctx: Ctx, plans: { job: CheckedJob; old?: number[]; dupOf?: string }[], shown: typeof plans): unknown {
  const simNow = ctx.simNow()
  const wire = (ids: number[]) =>
    ids
      .map((id) => ctx.job(id))
      .filter((j): j is EmJob => j !== undefined)
      .map((j) => wireJob(j, ctx.strings, simNow, ctx.worstCase))
  const hasDup = shown.some((p) => p.dupOf !== undefined)
  if (ctx.legacy && !hasDup) {
    // 2014 edition: a list of lists, no keys; clients match by custom_data.
    return shown.map((p) => wire(p.old ?? []))
  }
  const out: Record<string, unknown> = {}
  for (const p of shown) {
    if (p.old) out[p.job.key] = wire(p.old)
    else if (p.dupOf !== undefined) {
      const original = plans.find((q) => q.job.key === p.dupOf)
      if (ctx.legacy) out[p.job.key] = { duplicate: p.dupOf, custom_data: p.job.customData }
      // modern: a list entry per duplicate, each holding the same job (when the original is known already)
      else if (original?.old) out[p.job.key] = wire(original.old)
      else out[p.job.key] = [{ duplicate: p.dupOf, custom_data: p.job.customData }]
    }
  }
  return out
}
