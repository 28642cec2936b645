import type { Ctx } from '../context.ts'
import { fail, ok, wireNumber } from '../wire.ts'
import { existing } from './comments.ts'

/**
 * GET translate/job/{id}/revisions → {job_id, revisions:[{rev_id, ctime}]}. A revision is saved each time the
 * translator writes the job's text (the first delivery included), rev_id 1, 2, … The docs name no order and do not
 * say whether the text the job holds now is one of them: the default lists every version oldest first; the worst
 * case lists newest first and leaves the current text out (it is the job's body_tgt), ids and times as strings.
 */
export function getRevisions(ctx: Ctx, id: string): Response {
  const job = existing(ctx, id)
  let list = (job.versions ?? []).map((v, i) => ({ rev_id: wireNumber(i + 1, ctx.strings), ctime: wireNumber(v.ctime, ctx.strings) }))
  if (ctx.worstCase) list = list.slice(0, -1).reverse()
  return ok({ job_id: wireNumber(job.id, ctx.strings), revisions: list })
}

/** GET translate/job/{id}/revision/{rev_id} → {revision:{ctime, body_tgt}}; an unknown rev_id is 2150. */
export function getRevision(ctx: Ctx, id: string, revId: string): Response {
  const job = existing(ctx, id)
  const version = /^\d+$/.test(revId) ? job.versions?.[Number(revId) - 1] : undefined
  if (!version) fail(2150, `job ${id} has no revision ${revId}`)
  return ok({ revision: { ctime: wireNumber(version.ctime, ctx.strings), body_tgt: version.bodyTgt } })
}
