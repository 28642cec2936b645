/**
 * `tsx test/bench/compare.ts <before-packages-dir>`: the two 10k × 20 cases of issue 10 (no-op `l10n sync`,
 * no-op `vite build` with the plugin), before and after, interleaved run by run so that other work on a
 * shared machine weighs on both alike. Each side is a published stage (see published.ts) with its own copy
 * of the project; the floors (the plain read-and-parse script, the same app bundling the files with import.meta.glob) run in the
 * same rounds. Prints medians and ratios. COMPARE_ROUNDS (default 7), COMPARE_CASES=sync,vite,vite-cold (vite-cold: both
 * sides and the glob twin as on a fresh clone, without node_modules/.cache, Vite's cache directory or the temp dir).
 */
import { spawnSync } from 'node:child_process'
import { cpSync, mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { FLOOR_SCRIPT, LANGS, viteApp, writeProject } from './fixtures.ts'
import { stagePublished } from './published.ts'

const before = process.argv[2]
if (!before) throw new Error('usage: tsx test/bench/compare.ts <before-packages-dir> [after-packages-dir]')
const after = process.argv[3] ?? fileURLToPath(new URL('../../packages/', import.meta.url))
const ROUNDS = Number(process.env.COMPARE_ROUNDS ?? 7)
const CASES = new Set((process.env.COMPARE_CASES ?? 'sync,vite').split(','))
const BASE = join(tmpdir(), `l10n-compare-${process.pid}`)
const KEYS = { GENGO_PUBLIC_KEY: 'bench', GENGO_PRIVATE_KEY: 'bench' }

const TMP = join(BASE, 'tmp')

function run(args: string[], cwd: string, cold?: string): number {
  if (cold)
    for (const d of [join(cold, 'node_modules/.cache'), join(cwd, '.vite'), join(cwd, 'node_modules/.vite'), TMP])
      rmSync(d, { recursive: true, force: true })
  mkdirSync(TMP, { recursive: true })
  const t = performance.now()
  const r = spawnSync(process.execPath, args, {
    cwd,
    env: { ...process.env, ...KEYS, NO_COLOR: '1', TMPDIR: TMP },
    encoding: 'utf8',
    maxBuffer: 1 << 28,
  })
  const ms = performance.now() - t
  if (r.status !== 0) throw new Error(`${args.join(' ')} failed (${r.status}): ${r.stderr.slice(0, 2000)}`)
  return ms
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b)
  const m = Math.floor(s.length / 2)
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2
}

mkdirSync(BASE, { recursive: true })
const sides = [
  { name: 'before', pub: stagePublished(join(BASE, 'a'), before) },
  { name: 'after', pub: stagePublished(join(BASE, 'b'), after) },
]
try {
  const template = join(BASE, 'template')
  writeProject(template, { keys: 10_000, langs: LANGS, namespaces: 10 })
  viteApp(template)
  const floorJs = join(BASE, 'floor.mjs')
  writeFileSync(floorJs, FLOOR_SCRIPT)
  const dirs = sides.map((s) => {
    const dir = join(s.pub.dir, 'project')
    cpSync(template, dir, { recursive: true })
    return dir
  })
  const times: Record<string, number[]> = {}
  const add = (k: string, ms: number) => {
    ;(times[k] ??= []).push(ms)
  }
  const viteBin = join(sides[1]?.pub.dir as string, 'node_modules/vite/bin/vite.js')
  for (let round = -1; round < ROUNDS; round++) {
    // Round -1 warms up (the stamp, jiti's cache, the file cache) and is not counted.
    const keep = (k: string, ms: number) => round >= 0 && add(k, ms)
    if (CASES.has('sync')) {
      keep('floor', run([floorJs, template], template))
      for (const [i, s] of sides.entries()) keep(`sync ${s.name}`, run([s.pub.cliBin, 'sync', '--json'], dirs[i] as string))
    }
    // A fresh clone: no stamp, no jiti cache; the sums file as the last run left it (committed).
    if (CASES.has('sync-cold')) {
      keep('floor', run([floorJs, template], template))
      for (const [i, s] of sides.entries()) keep(`sync-cold ${s.name}`, run([s.pub.cliBin, 'sync', '--json'], dirs[i] as string, s.pub.dir))
      for (const [i, s] of sides.entries()) keep(`status ${s.name}`, run([s.pub.cliBin, 'status', '--json'], dirs[i] as string, s.pub.dir))
    }
    if (CASES.has('vite')) {
      keep('vite glob', run([viteBin, 'build', '--config', 'vite.glob.config.mjs', '--logLevel', 'silent'], dirs[1] as string))
      for (const [i, s] of sides.entries())
        keep(`vite ${s.name}`, run([join(s.pub.dir, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'silent'], dirs[i] as string))
    }
    if (CASES.has('vite-cold')) {
      const glob = ['build', '--config', 'vite.glob.config.mjs', '--logLevel', 'silent']
      keep('cold glob', run([viteBin, ...glob], dirs[1] as string, sides[1]?.pub.dir))
      for (const [i, s] of sides.entries())
        keep(
          `cold ${s.name}`,
          run([join(s.pub.dir, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'silent'], dirs[i] as string, s.pub.dir),
        )
    }
  }
  const fmt = (ms: number) => (ms / 1000).toFixed(3)
  for (const [k, xs] of Object.entries(times)) {
    const floor =
      k.startsWith('sync') || k.startsWith('status')
        ? times.floor
        : k.startsWith('vite ') && k !== 'vite glob'
          ? times['vite glob']
          : k.startsWith('cold ') && k !== 'cold glob'
            ? times['cold glob']
            : undefined
    const ratio = floor ? ` ratio ${(median(xs) / median(floor)).toFixed(2)}×` : ''
    console.log(
      `${k.padEnd(14)} median ${fmt(median(xs))} s  min ${fmt(Math.min(...xs))}  max ${fmt(Math.max(...xs))}${ratio}  (${xs.length} runs)`,
    )
  }
} finally {
  for (const s of sides) s.pub.cleanup()
  rmSync(BASE, { recursive: true, force: true })
}
