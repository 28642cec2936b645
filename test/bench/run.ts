/**
 * `pnpm bench`: one table, from one run, of what users feel, measured on the published dist/
 * builds (`pnpm build` first) as child processes, each beside its floor. Measured, never asserted.
 *  - no-op `l10n sync` (after a complete one: answered from its stamp; cold: from the sums file; cold without the
 *    sums file: the first run, every file read), `l10n sync --dry-run` (never cached: the full read and plan) and
 *    `l10n status` at 1k × 5, 10k × 20 and 100k × 20 (no status there), against a plain Node script that reads and
 *    parses the same files (the floor); CPU time and peak RSS of both; at 10k × 20, `status` and a fetch-only sync after
 *    one source value was edited (one namespace of ten to read);
 *  - `l10n --version` against `node -e 0`;
 *  - new work (50 new + 20 changed keys, 20 languages, 10 namespaces) against the emulator over HTTP
 *    with 100 ms injected into every answer, requests beside the minimum;
 *  - a no-op `vite build` of a 10k × 20 app with the plugin, against its twin that bundles the same files with
 *    `import.meta.glob` (fixtures.ts), with the cache kept and cold (both twins without node_modules/.cache, Vite's
 *    cache directory or the temp dir's jiti cache);
 *  - cold rows (the caches under node_modules/.cache removed before each run, as on a fresh clone) of no-op sync
 *    and status;
 *  - the bytes a page downloads: the backend build's entry and chunks per language (bundle-bytes.ts).
 * BENCH_PACKAGES=<dir> measures another checkout's built packages (a "before" run).
 * BENCH_RUNS scales the runs per row; BENCH_SKIP=vite,100k,newwork leaves cases out; BENCH_ONLY runs only the cases
 * named (version, 1k, 10k, 100k, newwork, vite; a size runs its no-op, no-sums, dry-run, status and edit rows,
 * BENCH_ROWS=noop,nosums,dryrun,status,edit narrows those), e.g. `BENCH_ONLY=10k,vite BENCH_ROWS=noop pnpm bench`.
 */
import { type ChildProcess, spawn } from 'node:child_process'
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'
import { backendApp, bundleBytes, entryBytes } from './bundle-bytes.ts'
import { FLOOR_SCRIPT, LANGS, viteApp, writeProject } from './fixtures.ts'
import { measurer, type Run, type Series } from './measure.ts'
import { stagePublished } from './published.ts'

const PACKAGES = process.env.BENCH_PACKAGES ?? fileURLToPath(new URL('../../packages/', import.meta.url))
const SCALE = Number(process.env.BENCH_RUNS ?? 1)
const SKIP = new Set((process.env.BENCH_SKIP ?? '').split(',').filter(Boolean))
const ONLY = new Set((process.env.BENCH_ONLY ?? '').split(',').filter(Boolean))
const ROWS = new Set((process.env.BENCH_ROWS ?? 'noop,nosums,dryrun,status,edit').split(',').filter(Boolean))
/** Whether a case runs: not skipped, and named by BENCH_ONLY when that is set. */
const wanted = (id: string) => !SKIP.has(id) && (ONLY.size === 0 || ONLY.has(id))
const BASE = join(tmpdir(), `l10n-bench-${process.pid}`)
const RTT_MS = 100
const started = performance.now()
const VITE_FLOOR = 'floor: the same app bundling the same files with import.meta.glob, no plugin (cold: both without any cache)'

const { timed, median, series, toSeries, TMP } = measurer(BASE, SCALE)

interface Row {
  name: string
  s?: Series
  floor?: Series
  requests?: string
  note?: string
}
const rows: Row[] = []

function noopCheck(r: Run): void {
  if (r.code !== 0) throw new Error(`command failed (${r.code}): ${r.stderr.slice(0, 2000)}`)
  const report = JSON.parse(r.stdout)
  if (report.requests !== 0 || (report.files?.length ?? 0) !== 0)
    throw new Error(`not a no-op: ${report.requests} requests, ${report.files.length} files`)
}

/** Two commands run by turns (a warm-up of each first), so that other work on a shared machine weighs on both alike. */
function paired(a: string[], b: string[], cwd: string, runs: number, before?: () => void): [Series, Series] {
  const as: Run[] = []
  const bs: Run[] = []
  for (let i = -1; i < Math.max(1, Math.round(runs * SCALE)); i++) {
    const ra = timed(a, cwd, before)
    const rb = timed(b, cwd, before)
    ok(ra)
    ok(rb)
    if (i < 0) continue
    as.push(ra)
    bs.push(rb)
  }
  return [toSeries(as), toSeries(bs)]
}

const ok = (r: Run) => {
  if (r.code !== 0) throw new Error(`command failed (${r.code}): ${r.stderr.slice(0, 2000)}`)
}

mkdirSync(BASE, { recursive: true })
const pub = stagePublished(join(BASE, 'pub'), PACKAGES)
const projects = join(pub.dir, 'projects')
const floorJs = join(BASE, 'floor.mjs')
/** The caches of every project here (the no-op stamp, the kept virtual module, jiti's): a fresh clone has none. */
const dropCache = () => rmSync(join(pub.dir, 'node_modules/.cache'), { recursive: true, force: true })
/**
 * A fresh clone of a vite app: no node_modules/.cache (the stamp, jiti's), no Vite cache directory (the project has no
 * package.json, so Vite keeps `<project>/.vite`; `node_modules/.vite` for one that has), nothing in the temp dir.
 */
const coldVite = (dir: string) => () => {
  dropCache()
  for (const d of [join(dir, '.vite'), join(dir, 'node_modules/.vite'), join(pub.dir, 'node_modules/.vite'), TMP])
    rmSync(d, { recursive: true, force: true })
}
writeFileSync(floorJs, FLOOR_SCRIPT)
const children: ChildProcess[] = []
/** The bundle-bytes table of the vite case. */
let bytes: string | undefined

try {
  // Start-up alone.
  if (wanted('version')) {
    const nodeE = series(['-e', '0'], BASE, 9, ok)
    const version = series([pub.cliBin, '--version'], BASE, 9, ok)
    rows.push({ name: '`l10n --version` (start-up)', s: version, floor: nodeE, note: 'floor: node -e 0' })
  }

  // No-op sync and status.
  const sizes = [
    { id: '1k', label: '1k × 5', keys: 1_000, langs: LANGS.slice(0, 5), runs: 7, status: true },
    { id: '10k', label: '10k × 20', keys: 10_000, langs: LANGS, runs: 5, status: true },
    { id: '100k', label: '100k × 20', keys: 100_000, langs: LANGS, runs: 3, status: false },
  ].filter((size) => wanted(size.id) || (size.id === '10k' && wanted('vite')))
  let vite10k: string | undefined
  for (const size of sizes) {
    const dir = join(projects, size.label.replace(/\W+/g, ''))
    writeProject(dir, { keys: size.keys, langs: size.langs, namespaces: 10 })
    if (size.keys === 10_000) vite10k = dir
    if (!wanted(size.id)) continue
    const floor = series([floorJs, dir], dir, size.runs, ok)
    if (ROWS.has('noop')) {
      const noop = series([pub.cliBin, 'sync', '--json'], dir, size.runs, noopCheck)
      rows.push({ name: `no-op \`l10n sync\`, ${size.label}`, s: noop, floor, requests: `${JSON.parse(noop.last.stdout).requests} (0)` })
      // A fresh clone (CI), or any run after an edit: no stamp, every file read and planned.
      const cold = series([pub.cliBin, 'sync', '--json'], dir, size.runs, noopCheck, dropCache)
      rows.push({ name: `no-op \`l10n sync\`, ${size.label}, cold (no cache)`, s: cold, floor })
    }
    // The first run on a project without the sums file (or one whose every digest fails): the full read and plan, cold.
    if (ROWS.has('nosums')) {
      const noSums = () => {
        dropCache()
        rmSync(join(dir, 'l10n.lock.sums'), { force: true })
      }
      const first = series([pub.cliBin, 'sync', '--json'], dir, size.runs, noopCheck, noSums)
      rows.push({ name: `no-op \`l10n sync\`, ${size.label}, cold, no sums (first run)`, s: first, floor })
    }
    // A dry run is never answered from the cache of the last complete run: the full read and plan.
    if (ROWS.has('dryrun')) {
      const full = series([pub.cliBin, 'sync', '--dry-run', '--json'], dir, size.runs, ok)
      rows.push({ name: `no-op \`l10n sync --dry-run\`, ${size.label}`, s: full, floor })
    }
    if (size.status && ROWS.has('status')) {
      const st = series([pub.cliBin, 'status', '--json'], dir, size.runs, ok)
      rows.push({ name: `\`l10n status\`, ${size.label}`, s: st, floor })
      const cold = series([pub.cliBin, 'status', '--json'], dir, size.runs, ok, dropCache)
      rows.push({ name: `\`l10n status\`, ${size.label}, cold (no cache)`, s: cold, floor })
    }
    // After one source edit: a key's value changed in one namespace of ten. `status` and a fetch-only sync (against the
    // emulator: it looks up Gengo's record, orders nothing) read and plan that namespace; the sums prove the others.
    if (size.keys === 10_000 && ROWS.has('edit')) await editRows(dir, size.runs)
    if (size.keys !== 10_000) rmSync(dir, { recursive: true, force: true })
  }

  /** The published emulator as a child process (instant translators, no rate limit, the bench's keys): its URL. */
  async function startEmulator(extra: string[]): Promise<{ emu: ChildProcess; url: string }> {
    const args = [pub.emulatorBin, '--port', '0', '--speed', 'instant', '--rate-limit', '0', '--keys', 'bench:bench', ...extra]
    const emu = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] })
    children.push(emu)
    const url = await new Promise<string>((resolve, reject) => {
      createInterface({ input: emu.stdout as NodeJS.ReadableStream }).once('line', (l) =>
        resolve(l.replace(/^Gengo emulator listening on /, '')),
      )
      emu.once('exit', (c) => reject(new Error(`emulator exited ${c}`)))
    })
    return { emu, url }
  }

  /** The after-one-edit rows (see above), on a copy of the 10k project pointed at an emulator of its own. */
  async function editRows(template: string, runs: number): Promise<void> {
    const { emu, url } = await startEmulator([])
    const dir = join(projects, 'edit10k')
    cpSync(template, dir, { recursive: true })
    const config = join(dir, 'l10n.config.ts')
    writeFileSync(config, readFileSync(config, 'utf8').replace('http://127.0.0.1:9/v2/', url))
    // A synced project: the sums file is of this config.
    ok(timed([pub.cliBin, 'sync', '--json'], dir))
    const file = join(dir, 'locales/en/ns3.json')
    const src = JSON.parse(readFileSync(file, 'utf8'))
    src.group0.key0 = `${src.group0.key0} (edited)`
    writeFileSync(file, `${JSON.stringify(src, null, 2)}\n`)
    const oneNs = (r: Run) => {
      ok(r)
      const report = JSON.parse(r.stdout)
      if (report.unchanged.length !== 9) throw new Error(`expected 9 namespaces proven, got ${report.unchanged.length}`)
    }
    const st = series([pub.cliBin, 'status', '--json'], dir, runs, oneNs, dropCache)
    rows.push({ name: '`l10n status`, 10k × 20, one source value edited, cold', s: st })
    const fetchOnly = series([pub.cliBin, 'sync', '--fetch-only', '--json'], dir, runs, oneNs, dropCache)
    rows.push({
      name: '`l10n sync --fetch-only`, 10k × 20, one source value edited, cold',
      s: fetchOnly,
      requests: `${JSON.parse(fetchOnly.last.stdout).requests}`,
    })
    emu.kill('SIGTERM')
    rmSync(dir, { recursive: true, force: true })
  }

  // New work against the emulator over HTTP, 100 ms per answer.
  if (wanted('newwork')) {
    const { url } = await startEmulator(['--balance', '100000000'])
    const origin = new URL(url).origin
    const admin = async (method: string, path: string, body?: unknown) =>
      (await fetch(`${origin}/_emulator/${path}`, { method, body: body === undefined ? undefined : JSON.stringify(body) })).json()
    const template = join(projects, 'newwork')
    const trees = writeProject(template, {
      keys: 1_000,
      langs: LANGS,
      namespaces: 10,
      gengo: { endpoint: url, maxCredits: 1_000_000, acceptReviewable: true },
    })
    // 5 new keys and 2 changed keys in each of the 10 namespaces.
    for (const [ns, src] of trees) {
      src.added = Object.fromEntries(Array.from({ length: 5 }, (_, i) => [`new${i}`, `A new string ${i} in ${ns}, with {{name}}`]))
      const g0 = src.group0 as Record<string, string>
      g0.key0 = `${g0.key0} (changed)`
      g0.key1 = `${g0.key1} (changed)`
      writeFileSync(join(template, 'locales/en', `${ns}.json`), `${JSON.stringify(src, null, 2)}\n`)
    }
    const jobs = 70 * LANGS.length
    const perLang = 70
    const min = {
      order: 1 + 1 + Math.ceil(jobs / 200) + 1 + LANGS.length * Math.ceil(perLang / 200) + 1, // record, pairs, quotes, balance, POSTs, listed
      fetch: LANGS.length * Math.ceil(perLang / 200) + Math.ceil(jobs / 200), // one GET order per order, jobs by 200 ids
    }
    const order: Run[] = []
    const fetchRuns: Run[] = []
    const reqs = { order: [] as number[], fetch: [] as number[], ledger: [] as number[] }
    const runs = Math.max(1, Math.round(Number(process.env.BENCH_NEWWORK_RUNS ?? 3) * SCALE))
    for (let i = 0; i < runs; i++) {
      const dir = join(projects, `newwork-${i}`)
      cpSync(template, dir, { recursive: true })
      await admin('POST', 'reset')
      await admin('POST', 'faults', { faults: [{ kind: 'delay', ms: RTT_MS, times: 1_000_000 }] })
      const o = timed([pub.cliBin, 'sync', '--json'], dir)
      if (o.code !== 0) throw new Error(`new-work order failed: ${o.stderr.slice(0, 2000)}`)
      await admin('POST', 'finish')
      const f = timed([pub.cliBin, 'sync', '--json'], dir)
      if (f.code !== 0) throw new Error(`new-work fetch failed: ${f.stderr.slice(0, 2000)}`)
      const oj = JSON.parse(o.stdout)
      const fj = JSON.parse(f.stdout)
      if (oj.ordered.jobs + oj.reused !== jobs || !fj.complete)
        throw new Error(`new work: ordered ${oj.ordered.jobs} + reused ${oj.reused}, complete ${fj.complete}`)
      order.push(o)
      fetchRuns.push(f)
      reqs.order.push(oj.requests)
      reqs.fetch.push(fj.requests)
      reqs.ledger.push((await admin('GET', 'ledger')).requests)
      rmSync(dir, { recursive: true, force: true })
    }
    await admin('DELETE', 'faults')
    const o = toSeries(order)
    const f = toSeries(fetchRuns)
    rows.push({ name: `new work: order ${jobs} jobs (${RTT_MS} ms RTT)`, s: o, requests: `${median(reqs.order)} (${min.order})` })
    rows.push({ name: `new work: fetch and write them (${RTT_MS} ms RTT)`, s: f, requests: `${median(reqs.fetch)} (${min.fetch})` })
    rows.push({
      name: 'new work: both runs',
      requests: `${median(reqs.order) + median(reqs.fetch)} (${min.order + min.fetch}) = ${((median(reqs.order) + median(reqs.fetch)) / (min.order + min.fetch)).toFixed(2)}× min; emulator ledger ${median(reqs.ledger)}`,
    })
  }

  // A no-op vite build of a 10k × 20 app, with the plugin and its import.meta.glob twin, cache kept and cold.
  if (wanted('vite') && vite10k) {
    const dir = vite10k
    const viteBin = join(pub.dir, 'node_modules/vite/bin/vite.js')
    viteApp(dir)
    // The floor: the same app bundling the same locale files through import.meta.glob, no plugin (fixtures.ts).
    const glob = ['build', '--config', 'vite.glob.config.mjs', '--logLevel', 'silent']
    const plugin = ['build', '--logLevel', 'silent']
    const [floor, withPlugin] = paired([viteBin, ...glob], [viteBin, ...plugin], dir, 7)
    rows.push({ name: '`vite build`, 10k × 20, l10n(), cache kept', s: withPlugin, floor, note: VITE_FLOOR })
    const [coldFloor, cold] = paired([viteBin, ...glob], [viteBin, ...plugin], dir, 7, coldVite(dir))
    rows.push({ name: '`vite build`, 10k × 20, l10n(), cold (fresh clone)', s: cold, floor: coldFloor, note: VITE_FLOOR })
    // What a page downloads: the backend build's entry and chunks per language, against the resources build's entry.
    const resourcesEntry = entryBytes(dir)
    backendApp(dir)
    try {
      const backend = series([viteBin, 'build', '--config', 'vite.backend.config.mjs', '--logLevel', 'silent'], dir, 1, ok)
      rows.push({ name: '`vite build`, 10k × 20, the backend (virtual:l10n-sync/backend)', s: backend, floor })
      bytes = bundleBytes(dir, resourcesEntry)
    } catch (error) {
      // Packages from before the backend (BENCH_PACKAGES): the entry chunk alone.
      bytes = `bundle bytes, 10k × 20: resources build's entry chunk ${(resourcesEntry / 1024).toFixed(1)} KiB; no backend build (${(error as Error).message.split('\n')[0]?.slice(0, 200)})`
    }
  }
} finally {
  for (const c of children) c.kill('SIGTERM')
  pub.cleanup()
  rmSync(BASE, { recursive: true, force: true })
}

const fmt = (ms?: number) => (ms === undefined ? '' : (ms / 1000).toFixed(2))
const table = [
  [
    'case',
    'median s',
    'min s',
    'max s',
    'floor s',
    'ratio',
    'CPU s',
    'floor CPU',
    'CPU ratio',
    'peak RSS MiB',
    'floor RSS',
    'requests (min)',
  ],
  ...rows.map((r) => [
    r.name,
    fmt(r.s?.median),
    fmt(r.s?.min),
    fmt(r.s?.max),
    fmt(r.floor?.median),
    r.s && r.floor ? `${(r.s.median / r.floor.median).toFixed(2)}×` : '',
    fmt(r.s?.cpuMs),
    fmt(r.floor?.cpuMs),
    r.s && r.floor ? `${(r.s.cpuMs / r.floor.cpuMs).toFixed(2)}×` : '',
    r.s ? r.s.rssMiB.toFixed(0) : '',
    r.floor ? r.floor.rssMiB.toFixed(0) : '',
    r.requests ?? '',
  ]),
]
const widths = table[0]?.map((_, i) => Math.max(...table.map((row) => (row[i] ?? '').length))) ?? []
const line = (row: string[]) => `| ${row.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join(' | ')} |`
console.log(`\n${line(table[0] as string[])}`)
console.log(`|${widths.map((w, i) => (i === 0 ? `${'-'.repeat(w + 1)}-` : `${'-'.repeat(w + 1)}:`)).join('|')}|`)
for (const row of table.slice(1)) console.log(line(row))
for (const r of rows) if (r.note) console.log(`  ${r.name}: ${r.note}`)
if (bytes) console.log(`\n${bytes}`)
console.log(
  `\nPublished dist/ of ${PACKAGES}, each a child process (wall time; CPU time (user + system) and peak RSS from /usr/bin/time). Medians after a warm-up run; the floor reads and JSON.parses the same files.\nNew work: fresh emulator state and project each run; "min" is 1 look-up of Gengo's record + 1 language-pairs + ⌈jobs/200⌉ quotes + 1 balance + one POST per language (≤ 200 jobs each) + 1 list showing the new jobs, then one GET order per order + ⌈jobs/200⌉ GET jobs. Shared machine: compare ratios. Whole bench: ${((performance.now() - started) / 1000).toFixed(0)} s.`,
)
