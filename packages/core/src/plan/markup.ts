/**
 * Markup a translator added: tags, attributes, comments and entities the source does not have
 * (`<img src=x onerror=alert(1)>`, `<b class="y">` for `<b>`, `&amp;` for `&`). An app may render a
 * value as HTML (react-i18next's Trans, `dangerouslySetInnerHTML`, a template's `{@html}`), so such
 * an answer is treated like an invented placeholder. One exception keeps a rule of issue 8: a lone
 * tag-like word (`<unknown>` → `<unbekannt>`, `<Enter>` → `<Eingabe>`: no attributes, no `/`, no
 * `-`, not an HTML element name) is text, and any such word matches any other.
 */

/** HTML element names (and a few obsolete ones browsers still act on): never a lone word. */
const HTML = new Set(
  (
    'a abbr address area article aside audio b base bdi bdo blockquote body br button canvas caption cite code col ' +
    'colgroup data datalist dd del details dfn dialog div dl dt em embed fieldset figcaption figure footer form h1 h2 ' +
    'h3 h4 h5 h6 head header hgroup hr html i iframe img input ins kbd label legend li link main map mark math menu ' +
    'meta meter nav noscript object ol optgroup option output p param picture pre progress q rp rt ruby s samp script ' +
    'search section select slot small source span strong style sub summary sup svg table tbody td template textarea ' +
    'tfoot th thead time title tr track u ul var video wbr frame frameset marquee font center image applet base ' +
    'basefont bgsound blink isindex keygen listing nobr noembed noframes plaintext xmp'
  ).split(' '),
)

/** Tag-like runs and entities: `<!--`, `<![CDATA[`, `<!x`, `<?`, `<name attrs/>`, `</name>`, `&name;`, `&#n;`, `&#xh;`. */
const TOKEN =
  /<!--|<!\[CDATA\[|<![A-Za-z]|<\?|<(\/?)([A-Za-z][\w:.-]*)((?:\s[^<>]*?)?)\s*(\/?)>|&(#\d+|#[xX][\da-fA-F]+|[A-Za-z][A-Za-z\d]*);/g

export interface MarkupToken {
  /** What it is, whatever its spelling: `<b class="y">`, `</b>`, `&amp;`, `<word>` for a lone tag-like word. */
  id: string
  raw: string
}

/** The markup in a text, in order. */
export function markupOf(text: string): MarkupToken[] {
  if (!text.includes('<') && !text.includes('&')) return []
  const out: MarkupToken[] = []
  for (const m of text.matchAll(TOKEN)) {
    if (m[5] !== undefined) {
      out.push({ id: `&${m[5].toLowerCase()};`, raw: m[0] })
      continue
    }
    if (m[2] === undefined) {
      out.push({ id: m[0], raw: m[0] })
      continue
    }
    const name = m[2].toLowerCase()
    const attrs = (m[3] ?? '').trim().replace(/\s+/g, ' ')
    const word = !m[1] && !m[4] && !attrs && !HTML.has(name) && !name.includes('-')
    out.push({ id: word ? '<word>' : `<${m[1]}${name}${attrs ? ` ${attrs}` : ''}${m[4]}>`, raw: m[0] })
  }
  return out
}

/** The markup `text` has beyond the source's, as a multiset (raw spellings); empty when there is none. */
export function inventedMarkup(source: string, text: string): string[] {
  const found = markupOf(text)
  if (found.length === 0) return []
  const counts = new Map<string, number>()
  for (const t of markupOf(source)) counts.set(t.id, (counts.get(t.id) ?? 0) + 1)
  const extra: string[] = []
  for (const t of found) {
    const n = counts.get(t.id) ?? 0
    if (n > 0) counts.set(t.id, n - 1)
    else extra.push(t.raw)
  }
  return extra
}
