import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, relative, resolve } from 'node:path'
import ts from 'typescript'
import { describe, expect, it } from 'vitest'
import { ROOT } from './utils/pack.ts'

// The source layout as docs/decisions.md and the README draw it: a folder per stage in core, a stage
// imports only the stages below it, no package has an import cycle (type imports and re-exports
// count), the top of core stays small and no source file passes 300 lines.

const PACKAGES = join(ROOT, 'packages')
const CORE_SRC = join(PACKAGES, 'core', 'src')

/** Core's stages, lowest first: a file may import files of its own stage or of a lower one. */
const STAGES = ['base', 'config', 'files', 'lock', 'plan', 'gengo', 'review', 'top'] as const
const BASE = new Set(['errors.ts', 'io.ts'])

function tsFiles(dir: string): string[] {
  return (readdirSync(dir, { recursive: true, encoding: 'utf8' }) as string[])
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))
    .map((f) => join(dir, f))
    .sort()
}

/** Every relative module a file names: static and type imports, re-exports, dynamic import(). */
function importsOf(file: string): string[] {
  const info = ts.preProcessFile(readFileSync(file, 'utf8'), true, true)
  return info.importedFiles.map((f) => f.fileName).filter((s) => s.startsWith('.'))
}

/** file → the files it imports, within the given set. */
function graphOf(files: string[]): Map<string, string[]> {
  const known = new Set(files)
  const graph = new Map<string, string[]>()
  for (const file of files) {
    const targets = importsOf(file).map((s) => resolve(dirname(file), s))
    for (const t of targets) if (!known.has(t) && t.startsWith(dirname(file))) throw new Error(`${file} imports ${t}, which does not exist`)
    graph.set(
      file,
      targets.filter((t) => known.has(t)),
    )
  }
  return graph
}

/** The import cycles of a graph (Tarjan's strongly connected components of more than one file, or a file importing itself). */
export function cyclesOf(graph: Map<string, string[]>): string[][] {
  let index = 0
  const idx = new Map<string, number>()
  const low = new Map<string, number>()
  const stack: string[] = []
  const on = new Set<string>()
  const out: string[][] = []
  const visit = (v: string): void => {
    idx.set(v, index)
    low.set(v, index++)
    stack.push(v)
    on.add(v)
    for (const w of graph.get(v) ?? []) {
      if (!idx.has(w)) {
        visit(w)
        low.set(v, Math.min(low.get(v) as number, low.get(w) as number))
      } else if (on.has(w)) low.set(v, Math.min(low.get(v) as number, idx.get(w) as number))
    }
    if (low.get(v) === idx.get(v)) {
      const scc: string[] = []
      let w: string
      do {
        w = stack.pop() as string
        on.delete(w)
        scc.push(w)
      } while (w !== v)
      if (scc.length > 1 || (graph.get(v) ?? []).includes(v)) out.push(scc.sort())
    }
  }
  for (const v of graph.keys()) if (!idx.has(v)) visit(v)
  return out
}

function stageOf(file: string): (typeof STAGES)[number] {
  const rel = relative(CORE_SRC, file)
  const [first] = rel.split('/')
  if (rel === first) return BASE.has(rel) ? 'base' : 'top'
  if (!(STAGES as readonly string[]).includes(first as string)) throw new Error(`${rel}: ${first}/ is not a stage (${STAGES.join(', ')})`)
  return first as (typeof STAGES)[number]
}

/** folder ('' for the top) → file names, from the block between `<!-- core-tree -->` markers. */
function documentedTree(doc: string): Map<string, Set<string>> {
  const text = readFileSync(join(ROOT, doc), 'utf8')
  const block = /<!-- core-tree -->([\s\S]*?)<!-- \/core-tree -->/.exec(text)?.[1]
  if (!block) throw new Error(`${doc} has no <!-- core-tree --> block`)
  const tree = new Map<string, Set<string>>()
  let folder: string | undefined
  for (const line of block.split('\n')) {
    const names = line.match(/[a-z][a-z0-9-]*\.ts\b/g)
    if (!names) continue
    const head = /^[|\s`]*(\.\/|[a-z]+\/)/.exec(line)?.[1]
    if (head) folder = head === './' ? '' : head.slice(0, -1)
    if (folder === undefined) throw new Error(`${doc}: a line of the core tree names files before a folder: ${line}`)
    const set = tree.get(folder) ?? new Set<string>()
    for (const n of names) set.add(n)
    tree.set(folder, set)
  }
  return tree
}

function actualTree(): Map<string, Set<string>> {
  const tree = new Map<string, Set<string>>()
  for (const file of tsFiles(CORE_SRC)) {
    const rel = relative(CORE_SRC, file)
    const folder = rel.includes('/') ? dirname(rel) : ''
    const set = tree.get(folder) ?? new Set<string>()
    set.add(rel.slice(folder ? folder.length + 1 : 0))
    tree.set(folder, set)
  }
  return tree
}

const asObject = (tree: Map<string, Set<string>>) =>
  Object.fromEntries([...tree].sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => [k, [...v].sort()]))

describe('source layout', () => {
  const packages = readdirSync(PACKAGES).filter((p) => readdirSync(join(PACKAGES, p)).includes('src'))

  it.each(packages)('packages/%s/src has no import cycle', (pkg) => {
    const graph = graphOf(tsFiles(join(PACKAGES, pkg, 'src')))
    expect(graph.size).toBeGreaterThan(3)
    const cycles = cyclesOf(graph).map((c) => c.map((f) => relative(join(PACKAGES, pkg, 'src'), f)))
    expect(cycles).toEqual([])
  })

  it('finds a cycle made of type imports and re-exports (the check can fail)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'l10n-layout-'))
    try {
      writeFileSync(join(dir, 'a.ts'), "import type { B } from './b.ts'\nexport type A = B\n")
      writeFileSync(join(dir, 'b.ts'), "export { c } from './c.ts'\nexport type B = string\n")
      writeFileSync(join(dir, 'c.ts'), "export const c = async () => (await import('./a.ts')) && 1\n")
      writeFileSync(join(dir, 'd.ts'), "import { c } from './c.ts'\nexport const d = c\n")
      const cycles = cyclesOf(graphOf(tsFiles(dir))).map((c) => c.map((f) => relative(dir, f)))
      expect(cycles).toEqual([['a.ts', 'b.ts', 'c.ts']])
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })

  it('core: no stage imports a stage above it', () => {
    const graph = graphOf(tsFiles(CORE_SRC))
    const upward: string[] = []
    for (const [file, targets] of graph) {
      const from = STAGES.indexOf(stageOf(file))
      for (const t of targets) {
        if (STAGES.indexOf(stageOf(t)) > from) upward.push(`${relative(CORE_SRC, file)} → ${relative(CORE_SRC, t)}`)
      }
    }
    expect(upward).toEqual([])
    // Every stage holds files, so the rule above is not vacuous.
    expect(new Set([...graph.keys()].map(stageOf))).toEqual(new Set(STAGES))
  })

  it('core: at most a dozen files at the top of src; no source file over 300 lines', () => {
    const top = readdirSync(CORE_SRC).filter((f) => f.endsWith('.ts'))
    expect(top.length).toBeLessThanOrEqual(12)
    const long = packages
      .flatMap((p) => tsFiles(join(PACKAGES, p, 'src')))
      .map((f) => [relative(ROOT, f), readFileSync(f, 'utf8').split('\n').length - 1] as const)
      .filter(([, lines]) => lines > 300)
    expect(long).toEqual([])
  })

  it.each(['README.md', 'docs/decisions.md'])("%s lists core's tree as it is", (doc) => {
    expect(asObject(documentedTree(doc))).toEqual(asObject(actualTree()))
  })

  it("core's unit tests mirror the stages", () => {
    const dirs = readdirSync(join(ROOT, 'packages/core/test'), { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .map((d) => d.name)
    expect(dirs.length).toBeGreaterThan(0)
    for (const d of dirs) expect(STAGES).toContain(d)
  })
})
