import { type Ctx, type Params, parseData } from '../context.ts'
import { countUnits, creditsFor, LANGUAGES, languagePairs, unitType } from '../languages.ts'
import type { EmJob } from '../state.ts'
import { fail, ok, wireNumber, wireOrder } from '../wire.ts'
import { checkAll, submittedJobs } from './check-jobs.ts'
import { cancelOne } from './jobs.ts'

function order(ctx: Ctx, id: string) {
  const o = ctx.state.orders[id]
  if (!o) fail(2750, `unauthorized order access: ${id}`)
  return o as NonNullable<typeof o>
}

export function getOrder(ctx: Ctx, id: string): Response {
  const o = order(ctx, id)
  const jobs = o.jobIds.map((j) => ctx.job(j)).filter((j): j is EmJob => j !== undefined)
  return ok(wireOrder(o, jobs, ctx.strings, ctx.worstCase))
}

/** DELETE translate/order/{id}: cancels the still-available jobs. */
export function cancelOrder(ctx: Ctx, id: string): Response {
  const o = order(ctx, id)
  const available = o.jobIds.map((j) => ctx.job(j)).filter((j): j is EmJob => j?.status === 'available')
  if (available.length === 0) fail(2252, `order ${id} has no available jobs to cancel`)
  for (const job of available) cancelOne(ctx, job)
  // Gengo answers the order itself (gengo-php's sandbox tests read it back).
  const jobs = o.jobIds.map((j) => ctx.job(j)).filter((j): j is EmJob => j !== undefined)
  return ok(wireOrder(o, jobs, ctx.strings, ctx.worstCase))
}

function etaSeconds(ctx: Ctx, units: number): number {
  if (ctx.speed === 'instant') return 0
  if (ctx.speed === 'fast' || ctx.speed === 'review') return 3
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
        unit_count: wireNumber(units, ctx.strings),
        credits: ctx.strings
          ? creditsFor(units, j.lcSrc, j.lcTgt, j.tier, ctx.worstCase).toFixed(2)
          : creditsFor(units, j.lcSrc, j.lcTgt, j.tier, ctx.worstCase),
        eta: wireNumber(etaSeconds(ctx, units), ctx.strings),
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

export function pairs(ctx: Ctx, params: Params): Response {
  const list = languagePairs(params.get('lc_src') ?? undefined, ctx.worstCase)
  // Worst case: as in the docs' example, unit_price a string with four decimals and no currency.
  return ok(ctx.worstCase ? list.map(({ currency: _c, ...p }) => ({ ...p, unit_price: p.unit_price.toFixed(4) })) : list)
}

export function balance(ctx: Ctx): Response {
  return ok({ credits: ctx.strings ? ctx.state.balance.toFixed(2) : ctx.state.balance, currency: 'USD' })
}

export function stats(ctx: Ctx): Response {
  const spent = ctx.state.ledger.credits_charged - (ctx.state.ledger.credits_refunded ?? 0)
  return ok({ credits_spent: ctx.strings ? spent.toFixed(2) : spent, user_since: wireNumber(1_262_304_000, ctx.strings), currency: 'USD' })
}

export { parseData }
