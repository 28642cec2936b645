import type { ResolvedL10nConfig } from '../config/config.ts'
import { resolveLangs, type ScopeOptions } from '../config/scope-names.ts'
import type { Plan, Unit, UnitState } from './plan.ts'

export { resolveLangs, resolveNamespaces, type ScopeOptions } from '../config/scope-names.ts'

/** Whether a run orders this unit: missing or stale, and with `repair` (the config's or `--repair`) broken. */
export function toOrder(config: ResolvedL10nConfig, u: Unit, repair = config.repair): boolean {
  return u.state === 'missing' || u.state === 'stale' || (repair && u.state === 'broken')
}

/** States that keep a key from being done (a release gate, `status --check`, `strict`). */
export const NOT_DONE_STATES: ReadonlySet<UnitState> = new Set(['missing', 'stale', 'pending', 'interim', 'invalid'])

export interface NotDoneKey {
  lng: string
  ns: string
  key: string
  state: UnitState
  jobId?: string
}

/**
 * Every key in `langs` that is not done; with `broken`, also every broken existing value
 * (a release gate counts them unless `checkBroken` is off; a sync without `repair` cannot fix them).
 */
export function notDoneKeys(plan: Pick<Plan, 'units' | 'problems'>, langs: readonly string[], broken = false): NotDoneKey[] {
  const out: NotDoneKey[] = plan.units
    .filter((u) => langs.includes(u.lng) && NOT_DONE_STATES.has(u.state))
    .map((u) => ({ lng: u.lng, ns: u.ns, key: u.key, state: u.state, ...(u.entry?.job && { jobId: u.entry.job }) }))
  if (broken) {
    for (const p of plan.problems)
      if (p.kind === 'broken' && langs.includes(p.lng)) out.push({ lng: p.lng, ns: p.ns, key: p.key, state: 'broken' })
  }
  return out
}

/** What one run covers and what it counts as work: the one definition sync, quote, status, diff and the plugin share. */
export interface RunScope {
  /** The target languages, checked against `targets`. */
  langs: string[]
  /** The namespaces asked for (checked against the source when it is read); undefined: all. */
  namespaces?: readonly string[]
  /** Broken existing values are re-ordered (`--repair` or `repair: true`). */
  repair: boolean
  /** Whether a unit is in the run's languages. */
  covers(u: Pick<Unit, 'lng'>): boolean
  /** The units a run orders: missing or stale, and with `repair` broken. */
  toOrder(units: readonly Unit[]): Unit[]
  /** The units with a Gengo job to check: pending, interim (machine text) or invalid (sent back). */
  toFetch(units: readonly Unit[]): Unit[]
  /** The keys that keep the run's languages from done; with `broken`, broken values too. */
  notDone(plan: Pick<Plan, 'units' | 'problems'>, broken: boolean): NotDoneKey[]
}

export interface RunScopeOptions extends ScopeOptions {
  /** @default config.repair */
  repair?: boolean
}

const FETCH_STATES: ReadonlySet<UnitState> = new Set(['pending', 'interim', 'invalid'])

/** Validates `--lang` (a typo is a usage error, never an empty run that passes a gate) and fixes what the run counts. */
export function runScope(config: ResolvedL10nConfig, options: RunScopeOptions = {}, option = 'lang'): RunScope {
  const langs = resolveLangs(config, options.langs, option)
  const inRun = new Set(langs)
  const repair = options.repair ?? config.repair
  return {
    langs,
    namespaces: options.namespaces,
    repair,
    covers: (u) => inRun.has(u.lng),
    toOrder: (units) => units.filter((u) => inRun.has(u.lng) && toOrder(config, u, repair)),
    toFetch: (units) => units.filter((u) => inRun.has(u.lng) && FETCH_STATES.has(u.state)),
    notDone: (plan, broken) => notDoneKeys(plan, langs, broken),
  }
}
