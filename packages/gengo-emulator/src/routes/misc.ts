import { type Ctx, type Params, parseData } from '../context.ts'
import { countUnits, creditsFor, LANGUAGES, languagePairs, unitType } from '../languages.ts'
import type { EmJob } from '../state.ts'
import { fail, ok, wireNumber, wireOrder } from '../wire.ts'
import { cancelOne } from './jobs.ts'
import { checkAll, submittedJobs } from './post-jobs.ts'

function order(ctx: Ctx, id: string) {
  const o = ctx.state.orders[id]
  if (!o) fail(2750, `unauthorized order access: ${id}`)
  return o as NonNullable<typeof o>
}

export function getOrder(ctx: Ctx, id: string): Response {
  const o = order(ctx, id)
  const jobs = o.jobIds.map((j) => ctx.job(j)).filter((j): j is EmJob => j !== undefined)
  return ok(wireOrder(o, jobs, ctx.legacy))
}

/** DELETE translate/order/{id}: cancels the still-available jobs. */
export function cancelOrder(ctx: Ctx, id: string): Response {
  const o = order(ctx, id)
  const available = o.jobIds.map((j) => ctx.job(j)).filter((j): j is EmJob => j?.status === 'available')
  if (available.length === 0) fail(2252, `order ${id} has no available jobs to cancel`)
  for (const job of available) cancelOne(ctx, job)
  return ok({})
}

function etaSeconds(ctx: Ctx, units: number): number {
  if (ctx.speed === 'instant') return 0
  if (ctx.speed === 'fast') return 3
  return 3600 + units * 30
}

/** POST translate/service/quote. */
export function quote(ctx: Ctx, params: Params): Response {
  const data = parseData(params, fail)
  const entries = submittedJobs(data)
  if (entries.length === 0) fail(1800, 'jobs is a required field')
  const checked = checkAll(ctx, entries)
  if (checked instanceof Response) return checked
  const quotes = checked.map((j) => {
    const units = countUnits(j.bodySrc, j.lcSrc)
    return [
      j.key,
      {
        unit_count: wireNumber(units, ctx.legacy),
        credits: ctx.legacy ? creditsFor(units, j.lcSrc, j.lcTgt, j.tier).toFixed(2) : creditsFor(units, j.lcSrc, j.lcTgt, j.tier),
        eta: wireNumber(etaSeconds(ctx, units), ctx.legacy),
        currency: 'USD',
        type: 'text',
        unit_type: unitType(j.lcSrc),
      },
    ] as const
  })
  // 2013 edition: a list of single-key objects.
  return ok({ jobs: ctx.legacy ? quotes.map(([k, q]) => ({ [k]: q })) : Object.fromEntries(quotes) })
}

export function languages(): Response {
  return ok(LANGUAGES)
}

export function pairs(params: Params): Response {
  return ok(languagePairs(params.get('lc_src') ?? undefined))
}

export function balance(ctx: Ctx): Response {
  return ok({ credits: ctx.legacy ? ctx.state.balance.toFixed(2) : ctx.state.balance, currency: 'USD' })
}

export function stats(ctx: Ctx): Response {
  const spent = ctx.state.ledger.credits_charged - (ctx.state.ledger.credits_refunded ?? 0)
  return ok({ credits_spent: ctx.legacy ? spent.toFixed(2) : spent, user_since: wireNumber(1_262_304_000, ctx.legacy), currency: 'USD' })
}

export { parseData }
