/**
 * Interpolations and nestings as i18next (26.x, `Interpolator`) reads them, each with a canonical
 * identity: two spellings i18next renders the same (`{{count}}` and `{{ count }}`) have the same key.
 * - interpolation: `prefix(.+?)suffix` (no newline inside), the unescaped form `prefix unescapePrefix(.+?)suffix`
 *   (`{{- x}}`, `{{-x}}`; not `{{ - x}}`); the name trimmed; formats split on `,`, names lowercased,
 *   options split on `;` into trimmed `key: value` pairs (`number(maximumFractionDigits: 9)`);
 * - nesting: i18next's `nestingRegexp` (quoted strings count, parentheses nest one level); the key as
 *   i18next derives it (`$t(key , {…})` looks up `"key "`), the options as parsed JSON, the formatters trimmed.
 */
export interface DelimiterOptions {
  prefix: string
  suffix: string
  unescapePrefix: string
  nestingPrefix: string
  nestingSuffix: string
}

export interface Interpolation {
  start: number
  end: number
  /** The canonical identity: equal for spellings i18next reads the same. */
  key: string
}

/** i18next's format and nesting-options separator (it has an option for it; this project uses the default). */
const SEP = ','

const escapeRe = (s: string) => s.replace(/[-[\]/{}()*+?.\\^$|]/g, '\\$&')

interface Regexes {
  interp: RegExp
  unescaped: RegExp
  nest: RegExp
}

const cache = new WeakMap<DelimiterOptions, Regexes>()

function regexesFor(o: DelimiterOptions): Regexes {
  let r = cache.get(o)
  if (r) return r
  const [p, s, u, np, ns] = [o.prefix, o.suffix, o.unescapePrefix, o.nestingPrefix, o.nestingSuffix].map(escapeRe)
  r = {
    interp: new RegExp(`${p}(.+?)${s}`, 'g'),
    unescaped: new RegExp(`${p}${u}(.+?)${s}`, 'g'),
    nest: new RegExp(`${np}((?:[^()"']|"[^"]*"|'[^']*'|\\((?:[^()"']|"[^"]*"|'[^']*')*\\))*?)${ns}`, 'g'),
  }
  cache.set(o, r)
  return r
}

/** `number(a: 1; b: 'x'), uppercase` → [['number', [['a','1'],['b','x']]], ['uppercase', []]], as `Formatter.format` splits it. */
function formats(text: string): [string, string[][]][] {
  const raw = text.split(SEP)
  const out: [string, string[][]][] = []
  for (let i = 0; i < raw.length; i++) {
    let f = raw[i] as string
    while (f.includes('(') && !f.includes(')') && i + 1 < raw.length) f += SEP + raw[++i]
    const [name = '', rest] = f.split('(')
    const opts = rest === undefined ? '' : rest.slice(0, rest.lastIndexOf(')') < 0 ? undefined : rest.lastIndexOf(')'))
    const pairs = opts
      .split(';')
      .filter((x) => x.trim() !== '')
      .map((kv) => {
        const [k = '', ...v] = kv.split(':')
        return [
          k.trim(),
          v
            .join(':')
            .trim()
            .replace(/^'+|'+$/g, ''),
        ]
      })
      .sort((a, b) => (a.join(':') < b.join(':') ? -1 : 1))
    out.push([name.toLowerCase().trim(), pairs])
  }
  return out
}

function interpolationKey(inner: string, unescaped: boolean): string {
  const at = inner.indexOf(SEP)
  const name = (at < 0 ? inner : inner.slice(0, at)).trim()
  const f = at < 0 ? [] : formats(inner.slice(at + 1).trim())
  return JSON.stringify(['i', unescaped, name, f])
}

/** JSON with object keys sorted, so `{"a":1,"b":2}` and `{"b":2,"a":1}` are one identity. */
function sortedJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(sortedJson).join(',')}]`
  if (v && typeof v === 'object')
    return `{${Object.keys(v)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${sortedJson((v as Record<string, unknown>)[k])}`)
      .join(',')}}`
  return JSON.stringify(v)
}

/** The options of `$t(key, {…})` as i18next parses them, with each inner interpolation replaced by its key. */
function nestingOptions(text: string, r: Regexes): string {
  const keys: string[] = []
  const base = text.replace(r.interp, (_m, inner: string) => {
    keys.push(interpolationKey(inner, false))
    return `\uE000${keys.length - 1}\uE000`
  })
  const back = (s: string) => s.replace(/\uE000(\d+)\uE000/g, (_m, i: string) => keys[Number(i)] as string)
  // i18next's quote rule: single quotes become double when they are even in number and there are no
  // double quotes, or when the double quotes are odd in number.
  const sq = (base.match(/'/g) ?? []).length
  const dq = (base.match(/"/g) ?? []).length
  const norm = (sq % 2 === 0 && dq === 0) || dq % 2 !== 0 ? base.replace(/'/g, '"') : base
  // A variable stands for a value (`{"count": {{n}}}`) or sits inside a string (`{"a": "{{n}} items"}`).
  for (const variant of [norm.replace(/\uE000\d+\uE000/g, '"$&"'), norm]) {
    try {
      return back(sortedJson(JSON.parse(variant)))
    } catch {}
  }
  // i18next would not parse it either (it then looks the whole text up as a key): compare without whitespace.
  return back(base.replace(/\s+/g, ''))
}

function nestingKey(body: string, r: Regexes): string {
  let formatters: string[] = []
  const end = /{.*}/s.test(body) ? body.lastIndexOf('}') + 1 : body.indexOf(SEP)
  if (end !== -1) {
    formatters = body
      .slice(end)
      .split(SEP)
      .map((s) => s.trim())
      .filter(Boolean)
    body = body.slice(0, end)
  }
  body = body.trim()
  let key = body
  let options: string | null = null
  const parts = body.split(new RegExp(`${escapeRe(SEP)}[ ]*{`))
  if (parts.length > 1) {
    key = parts[0] as string
    options = nestingOptions(`{${parts[1]}`, r)
  }
  return JSON.stringify(['t', key, options, formatters])
}

/**
 * Every interpolation and nesting i18next would read in `text`, in order, with its canonical key.
 * A nesting is one token, the interpolations inside it included (they are part of its options).
 */
export function readInterpolations(text: string, o: DelimiterOptions): Interpolation[] {
  if (!text.includes(o.prefix) && !text.includes(o.nestingPrefix)) return []
  const r = regexesFor(o)
  const out: Interpolation[] = []
  for (const m of text.matchAll(r.nest)) {
    out.push({ start: m.index, end: m.index + m[0].length, key: nestingKey(m[1] as string, r) })
  }
  // i18next replaces the unescaped ones first, then the escaped ones in what is left: a match that
  // overlaps one already read (`{{{- x}}`: the `{{-` one wins) is not a second placeholder.
  const taken = (start: number, end: number) => out.some((t) => start < t.end && end > t.start)
  for (const [re, unescaped] of [
    [r.unescaped, true],
    [r.interp, false],
  ] as const) {
    for (const m of text.matchAll(re)) {
      if (taken(m.index, m.index + m[0].length)) continue
      out.push({ start: m.index, end: m.index + m[0].length, key: interpolationKey(m[1] as string, unescaped) })
    }
  }
  return out.sort((a, b) => a.start - b.start)
}
