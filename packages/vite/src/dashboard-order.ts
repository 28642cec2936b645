import { createHash, randomBytes } from 'node:crypto'
import { plan, quote, type ResolvedL10nConfig, readLock, readResources, runScope, sync, type Unit } from '@l10n-sync/core'

/** What the dev page's "New strings" section shows: the keys a sync would order now (files and lock only, no request). */
export interface NewStrings {
  keys: number
  langs: string[]
  /** Why the dev page cannot order, when it cannot (`order: 'never'`). */
  refused?: string
}

/**
 * The dev page's order of new strings, quote first: `quote()` answers what a sync would order now and
 * what Gengo says it costs, with a one-time nonce bound to exactly those strings; `order(nonce)` runs that
 * sync only with the nonce of a quote shown within 10 minutes, and only while the strings are the quoted
 * ones (typing on after the quote asks for a new one). Modelled on the repair (dashboard-repair.ts).
 */
export function createOrder(deps: {
  config(): ResolvedL10nConfig
  fetch?: (request: Request) => Promise<Response>
  env: Readonly<Record<string, string | undefined>>
  langs?: string[]
  /** Why ordering from the page is off (`order: 'never'`), or undefined. */
  refused(): string | undefined
  /** After an order: the background runner fetches from now on. */
  ordered?(): void
}) {
  const quotes = new Map<string, { print: string; at: number }>()
  const QUOTE_TTL_MS = 10 * 60_000

  async function toOrder(): Promise<Unit[]> {
    const config = deps.config()
    const scope = runScope(config, { langs: deps.langs })
    const resources = await readResources(config, { namespaces: scope.namespaces })
    const { lock } = await readLock(config)
    return scope.toOrder(plan(config, resources, lock).units)
  }

  /** One print of the strings a sync would order: language, namespace, key and source text's hash. */
  const fingerprint = (units: Unit[]) =>
    createHash('sha256')
      .update(
        units
          .map((u) => `${u.lng}\u0000${u.ns}\u0000${u.key}\u0000${u.hash}`)
          .sort()
          .join('\n'),
      )
      .digest('hex')

  async function pending(): Promise<NewStrings> {
    const units = await toOrder()
    return { keys: units.length, langs: [...new Set(units.map((u) => u.lng))], refused: deps.refused() }
  }

  function refuseIfOff(): void {
    const why = deps.refused()
    if (why) throw Object.assign(new Error(`[l10n] order refused: ${why}`), { status: 409 })
  }

  async function quoteOrder() {
    refuseIfOff()
    const print = fingerprint(await toOrder())
    const q = await quote(deps.config(), { langs: deps.langs, fetch: deps.fetch, env: deps.env })
    const nonce = randomBytes(12).toString('hex')
    quotes.set(nonce, { print, at: Date.now() })
    return { jobs: q.jobs, units: q.units, credits: q.credits, currency: q.currency, overBudget: q.overBudget, nonce }
  }

  async function order(nonce: string) {
    refuseIfOff()
    const seen = quotes.get(nonce)
    if (!seen || Date.now() - seen.at > QUOTE_TTL_MS)
      throw Object.assign(new Error('[l10n] order refused: ask for its quote first (Quote order), then confirm within 10 minutes'), {
        status: 409,
      })
    quotes.delete(nonce)
    if (fingerprint(await toOrder()) !== seen.print)
      throw Object.assign(new Error('[l10n] order refused: the new strings changed since the quote; ask for a new quote (Quote order)'), {
        status: 409,
      })
    const r = await sync(deps.config(), { langs: deps.langs, fetch: deps.fetch, env: deps.env })
    deps.ordered?.()
    return { ordered: r.ordered, reused: r.reused, found: r.found, files: r.files }
  }

  return { pending, quote: quoteOrder, order }
}
