/** A unified diff of two small texts (config files), for `l10n init` to show before it writes. */
export function unifiedDiff(path: string, before: string | undefined, after: string, context = 3): string {
  const a = before === undefined ? [] : splitLines(before)
  const b = splitLines(after)
  const header = [`--- ${before === undefined ? '/dev/null' : `a/${path}`}`, `+++ b/${path}`]
  const ops = lineOps(a, b)
  const hunks: string[] = []
  let i = 0
  while (i < ops.length) {
    while (i < ops.length && ops[i]?.op === ' ') i++
    if (i >= ops.length) break
    // A hunk: from `context` lines before the first change to `context` lines after the last one within reach.
    let start = Math.max(0, i - context)
    let end = i
    for (;;) {
      while (end < ops.length && ops[end]?.op !== ' ') end++
      let next = end
      while (next < ops.length && ops[next]?.op === ' ') next++
      if (next < ops.length && next - end <= context * 2) end = next
      else break
    }
    end = Math.min(ops.length, end + context)
    const slice = ops.slice(start, end)
    const aStart = slice[0]?.a ?? 0
    const bStart = slice[0]?.b ?? 0
    const aLen = slice.filter((o) => o.op !== '+').length
    const bLen = slice.filter((o) => o.op !== '-').length
    hunks.push(`@@ -${aLen ? aStart + 1 : aStart},${aLen} +${bLen ? bStart + 1 : bStart},${bLen} @@`)
    for (const o of slice) hunks.push(`${o.op}${o.text}`)
    i = end
    start = end
  }
  return [...header, ...hunks].join('\n')
}

function splitLines(text: string): string[] {
  const lines = text.split('\n')
  if (lines[lines.length - 1] === '') lines.pop()
  return lines
}

interface Op {
  op: ' ' | '-' | '+'
  text: string
  /** Position in the old and new text before this line. */
  a: number
  b: number
}

/** Line operations from a longest common subsequence (the files are small). */
function lineOps(a: string[], b: string[]): Op[] {
  const n = a.length
  const m = b.length
  const lcs: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0))
  for (let x = n - 1; x >= 0; x--) {
    for (let y = m - 1; y >= 0; y--) {
      lcs[x]![y] = a[x] === b[y] ? lcs[x + 1]![y + 1]! + 1 : Math.max(lcs[x + 1]![y]!, lcs[x]![y + 1]!)
    }
  }
  const ops: Op[] = []
  let x = 0
  let y = 0
  while (x < n || y < m) {
    if (x < n && y < m && a[x] === b[y]) ops.push({ op: ' ', text: a[x++]!, a: x - 1, b: y++ })
    else if (x < n && (y >= m || lcs[x + 1]![y]! >= lcs[x]![y + 1]!)) ops.push({ op: '-', text: a[x++]!, a: x - 1, b: y })
    else ops.push({ op: '+', text: b[y++]!, a: x, b: y - 1 })
  }
  return ops
}
