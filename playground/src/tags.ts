/** Renders Trans-style tags (`<0>…</0>`, `<strong>`) from a translated string, escaping everything else. */
const ESC: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESC[c] ?? c)
}

/** `components[n]` is the element for `<n>…</n>`; `<strong>` and `<br/>` pass through. */
export function renderTags(text: string, components: Record<string, string> = {}): string {
  const parts = text.split(/(<\/?[A-Za-z0-9]+\s*\/?>)/)
  return parts
    .map((part) => {
      const m = /^<(\/?)([A-Za-z0-9]+)\s*(\/?)>$/.exec(part)
      if (!m) return escapeHtml(part)
      const [, close, name = '', selfClose] = m
      if (name === 'strong' || name === 'em') return `<${close}${name}>`
      if (name === 'br') return '<br/>'
      const el = components[name]
      if (!el) return ''
      if (selfClose) return `<${el}></${el}>`
      return close ? `</${el.split(' ')[0]}>` : `<${el}>`
    })
    .join('')
}
