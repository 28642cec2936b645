import type { ResolvedL10nConfig } from './config.ts'
import { L10nError } from './errors.ts'
import type { Plan, Unit, UnitState } from './plan.ts'

export interface ScopeOptions {
  /** Only these target languages (i18next codes, as in `targets`). @default all targets */
  langs?: readonly string[]
  /** Only these namespaces. @default all */
  namespaces?: readonly string[]
}

function unknownError(
  what: 'language' | 'namespace',
  option: string,
  unknown: string[],
  known: readonly string[],
  file?: string,
): L10nError {
  const hints = unknown.map((u) => {
    const near = known.find((k) => k.toLowerCase() === u.toLowerCase())
    return near ? `'${u}' (did you mean '${near}'?)` : `'${u}'`
  })
  const where = what === 'language' ? "the config's targets are" : 'the source has the namespaces'
  return new L10nError(
    'L10N_CONFIG',
    `Unknown ${what}${unknown.length > 1 ? 's' : ''} ${hints.join(', ')} in \`${option}\`; ${where} ${known.join(', ')}. Pick from those.`,
    { option, file },
  )
}

/**
 * The languages a run covers, checked: every code must be one of `targets`, exactly (a typo
 * such as `--lang JA` or `--lang ../x` is a usage error, never an empty run that passes a gate).
 */
export function resolveLangs(config: ResolvedL10nConfig, langs: readonly string[] | undefined, option = 'lang'): string[] {
  if (langs === undefined) return [...config.targets]
  if (langs.length === 0)
    throw new L10nError('L10N_CONFIG', `\`${option}\` is empty; give one or more of ${config.targets.join(', ')}.`, { option })
  const unknown = langs.filter((l) => !config.targets.includes(l))
  if (unknown.length) throw unknownError('language', option, unknown, config.targets, config.configFile)
  return [...new Set(langs)]
}

/** The namespaces a run covers, checked against those the source has. */
export function resolveNamespaces(available: readonly string[], namespaces: readonly string[] | undefined, option = 'ns'): string[] {
  if (namespaces === undefined) return [...available]
  if (namespaces.length === 0)
    throw new L10nError('L10N_CONFIG', `\`${option}\` is empty; give one or more of ${available.join(', ')}.`, { option })
  const unknown = namespaces.filter((n) => !available.includes(n))
  if (unknown.length) throw unknownError('namespace', option, unknown, available)
  return available.filter((n) => namespaces.includes(n))
}

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
