import i18next, { type i18n } from 'i18next'

/**
 * Real i18next as the oracle for "the same placeholders": what i18next renders of a string when
 * every variable, format and nesting echoes itself. Two strings with the same `oracle()` ask i18next
 * for the same variables, formats (with their parsed options) and nested keys (with their options).
 * Escaping tells `{{x}}` (escaped) from `{{- x}}` (not); a second pass with numbers lets
 * `$t(k, {"count": {{n}}})` parse as JSON.
 */

export interface OracleDelimiters {
  prefix?: string
  suffix?: string
  unescapePrefix?: string
  nestingPrefix?: string
  nestingSuffix?: string
}

const instances = new Map<string, i18n>()

function instance(d: OracleDelimiters): i18n {
  const id = JSON.stringify(d)
  let inst = instances.get(id)
  if (inst) return inst
  inst = i18next.createInstance()
  void inst.init({ lng: 'en', resources: {}, initAsync: false, interpolation: { ...d } })
  const formatter = inst.services.formatter as unknown as { formats: unknown }
  formatter.formats = new Proxy(
    {},
    {
      get: (_t, name) =>
        typeof name === 'string'
          ? (value: unknown, _lng: string, opts: Record<string, unknown>) => {
              const shown = Object.fromEntries(
                Object.keys(opts)
                  .filter((k) => !['interpolationkey', 'lng', 'ns', 'count'].includes(k) && !/^\d+$/.test(k) && !k.startsWith('⟦'))
                  .sort()
                  .map((k) => [k, opts[k]]),
              )
              return `⟨${String(value)}|${name}|${JSON.stringify(shown)}⟩`
            }
          : undefined,
    },
  )
  instances.set(id, inst)
  return inst
}

function data(value: (name: string) => unknown): object {
  return new Proxy(
    {},
    {
      get: (_t, k) => (typeof k === 'string' ? value(k) : undefined),
      has: () => true,
      getOwnPropertyDescriptor: (_t, k) =>
        typeof k === 'string' ? { value: value(k), enumerable: true, configurable: true, writable: true } : undefined,
    },
  )
}

function render(inst: i18n, text: string, vars: object): string {
  const ip = inst.services.interpolator
  const nested = (key: string, opts: Record<string, unknown>) => {
    const shown = Object.fromEntries(
      Object.entries(opts)
        .filter(([k]) => k !== 'applyPostProcessor')
        .sort(([a], [b]) => (a < b ? -1 : 1)),
    )
    return `⟪${key}|${JSON.stringify(shown)}⟫`
  }
  const s = ip.interpolate(text, vars, 'en', {})
  return ip.nest(s, nested as never, {}) as string
}

const SENTINEL = /⟦[^⟧]*⟧|⟨[^⟩]*⟩|⟪[^⟫]*⟫/g

/** The sorted sentinels i18next writes for `text`: its variables, formats and nestings, as i18next read them. */
export function oracle(text: string, d: OracleDelimiters = {}): string[] {
  const inst = instance(d)
  const named = render(
    inst,
    text,
    data((k) => `⟦${k}<&>⟧`),
  )
  const numbers = new Map<string, number>()
  const numbered = render(
    inst,
    text,
    data((k) => {
      if (!numbers.has(k)) numbers.set(k, 1000 + [...k].reduce((h, c) => (h * 31 + c.charCodeAt(0)) % 997, 0))
      return numbers.get(k)
    }),
  )
  // Nestings come from the numbered pass only: with a string for `{{n}}`, `{"count": {{n}}}` is no JSON.
  const variables = (named.match(SENTINEL) ?? []).filter((s) => !s.startsWith('⟪'))
  return [...variables, '|', ...(numbered.match(/⟪[^⟫]*⟫/g) ?? [])].sort()
}

/** Whether i18next reads the same placeholders in both strings. */
export const sameForI18next = (a: string, b: string, d: OracleDelimiters = {}): boolean =>
  oracle(a, d).join('\u0001') === oracle(b, d).join('\u0001')
