import { type Ctx, type Params, parseData } from '../context.ts'
import { WORST_CASE } from '../options.ts'
import type { EmJob, JobStatus } from '../state.ts'
import { revisionDelayMs, schedule } from '../translators.ts'
import { fail, ok, wireJob, wireNumber, wireStatus } from '../wire.ts'

const STATUS_ALIASES: Record<string, JobStatus> = { cancelled: 'canceled', hold: 'held' }

/** GET translate/jobs?status=&timestamp_after=&count= → [{job_id, ctime}], newest first. */
export function listJobs(ctx: Ctx, params: Params): Response {
  const statusParam = params.get('status')
  const status = statusParam ? (STATUS_ALIASES[statusParam] ?? statusParam) : undefined
  const after = params.get('timestamp_after')
  const countParam = params.get('count')
  const simNow = ctx.simNow()
  // Jobs are listed once created; in the worst case only some time after that as well.
  // `status=queued` is a documented filter: it lists the jobs still being created (not in the worst case, which lists nothing early).
  let jobs = Object.values(ctx.state.jobs).filter((j) =>
    j.status === 'queued' ? status === 'queued' && !ctx.worstCase : !ctx.worstCase || simNow >= j.at.available + WORST_CASE.listDelayMs,
  )
  if (status) jobs = jobs.filter((j) => j.status === status)
  if (after !== null && after !== '') jobs = jobs.filter((j) => j.ctime > Number(after))
  jobs.sort((a, b) => b.ctime - a.ctime || b.id - a.id)
  // count defaults to 10 (max 200); timestamp_after alone returns everything since then.
  if (countParam !== null || after === null || after === '') {
    const count = Math.min(200, Math.max(1, Number(countParam ?? 10) || 10))
    jobs = jobs.slice(0, count)
  }
  return ok(jobs.map((j) => ({ job_id: wireNumber(j.id, ctx.strings), ctime: wireNumber(j.ctime, ctx.strings) })))
}

/** GET translate/jobs/{ids}: unknown ids are left out. */
export function getJobs(ctx: Ctx, ids: string): Response {
  const list = ids.split(',').filter((id) => id !== '')
  if (list.length === 0) fail(2050, 'job_id is a required field')
  const simNow = ctx.simNow()
  const jobs = list.map((id) => ctx.job(id)).filter((j): j is EmJob => j !== undefined && j.status !== 'queued')
  return ok({ jobs: jobs.map((j) => wireJob(j, ctx.strings, simNow, ctx.worstCase)) })
}

export function getJob(ctx: Ctx, id: string): Response {
  const job = existing(ctx, id)
  return ok({ job: wireJob(job, ctx.strings, ctx.simNow(), ctx.worstCase) })
}

function existing(ctx: Ctx, id: string): EmJob {
  if (!id) fail(2050, 'job_id is a required field')
  const job = ctx.job(id)
  if (!job || job.status === 'queued') fail(2100, `unauthorized job access: ${id}`)
  return job as EmJob
}

/** Applies a PUT action to one job; throws with Gengo's code on a wrong state. */
export function applyAction(ctx: Ctx, job: EmJob, data: Record<string, unknown>): void {
  const action = data.action
  const simNow = ctx.simNow()
  const ctime = Math.floor(simNow / 1000)
  const state = wireStatus(job.status, ctx.legacy)
  switch (action) {
    case 'approve':
      if (job.status !== 'reviewable') fail(2250, `job ${job.id} is ${state}, not reviewable`)
      job.approval = approvalOf(data, ctime)
      job.status = 'approved'
      return
    case 'revise': {
      const comment = typeof data.comment === 'string' ? data.comment.trim() : ''
      if (!comment) fail(2300, 'comment is a required field')
      if (job.status !== 'reviewable') fail(2250, `job ${job.id} is ${state}, not reviewable`)
      job.status = 'revising'
      job.revisions++
      job.comments.push({ body: comment, author: 'customer', ctime })
      job.at = { ...job.at, reviewable: simNow + revisionDelayMs(ctx.speed) }
      return
    }
    case 'reject': {
      // Codes per the docs' error list and Gengo's PHP sandbox tests: 2650 wrong state, 2350 no reason, 2450 bad follow_up.
      if (job.status !== 'reviewable') fail(2650, `job ${job.id} is ${state}; only a reviewable job can be rejected`)
      if (!['quality', 'incomplete', 'other'].includes(String(data.reason))) fail(2350, 'reason must be quality, incomplete or other')
      const comment = typeof data.comment === 'string' ? data.comment.trim() : ''
      if (!comment) fail(2300, 'comment is a required field')
      if (data.follow_up !== undefined && data.follow_up !== 'requeue' && data.follow_up !== 'cancel')
        fail(2450, 'follow_up must be requeue or cancel')
      job.comments.push({ body: comment, author: 'customer', ctime })
      if (data.follow_up === 'cancel') {
        job.status = 'canceled'
        return
      }
      job.status = 'available'
      job.bodyTgt = undefined
      job.at = schedule(ctx.speed, job.id, simNow)
      return
    }
    case 'archive':
      if (job.status !== 'approved') fail(2650, `job ${job.id} is ${state}; only approved jobs can be archived`)
      return
    default:
      fail(2650, `unsupported action ${JSON.stringify(action)}`)
  }
}

/** rating (1-5), for_translator, for_mygengo, public (0/1) of an approve action. */
function approvalOf(data: Record<string, unknown>, ctime: number): NonNullable<EmJob['approval']> {
  const rating = data.rating === undefined || data.rating === null || data.rating === '' ? undefined : Number(data.rating)
  if (rating !== undefined && !(Number.isInteger(rating) && rating >= 1 && rating <= 5))
    fail(2501, `rating must be a whole number from 1 to 5, got ${JSON.stringify(data.rating)}`)
  const text = (v: unknown) => (typeof v === 'string' && v.trim() !== '' ? v : undefined)
  const approval: NonNullable<EmJob['approval']> = { ctime }
  if (rating !== undefined) approval.rating = rating
  if (text(data.for_translator)) approval.forTranslator = text(data.for_translator)
  if (text(data.for_mygengo)) approval.forMygengo = text(data.for_mygengo)
  if (data.public !== undefined) approval.public = data.public === 1 || data.public === '1' || data.public === true
  return approval
}

export function putJob(ctx: Ctx, id: string, params: Params): Response {
  const job = existing(ctx, id)
  applyAction(ctx, job, parseData(params, fail))
  return ok({})
}

/** PUT translate/jobs: {action, job_ids: [id | {job_id, ...}]}. */
export function putJobs(ctx: Ctx, params: Params): Response {
  const data = parseData(params, fail)
  if (!Array.isArray(data.job_ids) || data.job_ids.length === 0) fail(2050, 'job_ids is a required field')
  for (const entry of data.job_ids as unknown[]) {
    const isObj = typeof entry === 'object' && entry !== null
    const id = String(isObj ? (entry as Record<string, unknown>).job_id : entry)
    applyAction(ctx, existing(ctx, id), isObj ? { ...data, ...(entry as object) } : data)
  }
  return ok({})
}

/** DELETE translate/job/{id}: only while available; the credits come back. */
export function cancelJob(ctx: Ctx, id: string): Response {
  const job = existing(ctx, id)
  cancelOne(ctx, job)
  return ok({})
}

export function cancelOne(ctx: Ctx, job: EmJob): void {
  if (job.status !== 'available') fail(2252, `job ${job.id} is ${wireStatus(job.status, ctx.legacy)}; only available jobs can be cancelled`)
  job.status = 'canceled'
  ctx.state.balance = Math.round((ctx.state.balance + job.credits) * 100) / 100
  ctx.state.ledger.credits_refunded = Math.round(((ctx.state.ledger.credits_refunded ?? 0) + job.credits) * 100) / 100
}
