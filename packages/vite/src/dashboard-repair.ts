import { randomBytes } from 'node:crypto'
import { quote, type ResolvedL10nConfig, status, sync } from '@l10n-sync/core'

/** A broken value in a target file (lost or invented placeholder, broken tag, a plural form the language lacks). */
export interface BrokenValue {
  lng: string
  ns: string
  key: string
  problem: string
  file: string
}

/**
 * Broken existing translations and their re-order, quote first: `quote(lng)`
 * answers what a `sync --repair` of that language would order and cost, with a
 * one-time nonce; `reorder(lng, nonce)` runs that sync only with the nonce of
 * a quote shown for the same language, so nothing is spent unseen.
 */
export function createRepair(deps: {
  config(): ResolvedL10nConfig
  fetch?: (request: Request) => Promise<Response>
  env: Readonly<Record<string, string | undefined>>
}) {
  const quotes = new Map<string, { lng: string; at: number }>()
  const QUOTE_TTL_MS = 10 * 60_000

  async function broken(): Promise<BrokenValue[]> {
    const report = await status(deps.config())
    return report.problems
      .filter((p) => p.kind === 'broken')
      .map((p) => ({ lng: p.lng, ns: p.ns, key: p.key, problem: p.problem, file: p.file }))
  }

  async function quoteRepair(lng: string) {
    const q = await quote(deps.config(), { langs: [lng], repair: true, fetch: deps.fetch, env: deps.env })
    const nonce = randomBytes(12).toString('hex')
    quotes.set(nonce, { lng, at: Date.now() })
    return { lng, jobs: q.jobs, units: q.units, credits: q.credits, currency: q.currency, overBudget: q.overBudget, nonce }
  }

  async function reorder(lng: string, nonce: string) {
    const seen = quotes.get(nonce)
    if (!seen || seen.lng !== lng || Date.now() - seen.at > QUOTE_TTL_MS)
      throw Object.assign(new Error('[l10n] re-order refused: ask for its quote first (Quote re-order), then confirm within 10 minutes'), {
        status: 409,
      })
    quotes.delete(nonce)
    const r = await sync(deps.config(), { langs: [lng], repair: true, fetch: deps.fetch, env: deps.env })
    return { lng, ordered: r.ordered, reused: r.reused, found: r.found, files: r.files }
  }

  return { broken, quote: quoteRepair, reorder }
}
