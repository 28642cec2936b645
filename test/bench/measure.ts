import { spawnSync } from 'node:child_process'
import { mkdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'

/** How the bench measures one child process and a series of them (wall time, CPU time, peak RSS), medians. */
export interface Run {
  ms: number
  /** User + system CPU time: less sensitive than wall time to other work on a shared machine. */
  cpuMs: number
  rssMiB: number
  stdout: string
  stderr: string
  code: number | null
}

export interface Series {
  median: number
  min: number
  max: number
  cpuMs: number
  rssMiB: number
  last: Run
}

/** The keys every measured command gets (the emulator accepts them). */
export const KEYS = { GENGO_PUBLIC_KEY: 'bench', GENGO_PRIVATE_KEY: 'bench' }

/** The measuring functions, with the bench's scratch directory (for /usr/bin/time's output) and its run scale. */
export function measurer(BASE: string, SCALE: number) {
  /** The children's temp dir (jiti keeps its transpiled configs there without a node_modules): the bench's, so a cold run can empty it. */
  const TMP = join(BASE, 'tmp')
  /** One child process: wall time, and CPU time and peak RSS from /usr/bin/time. `before` runs first, untimed. */
  function timed(args: string[], cwd: string, before?: () => void): Run {
    before?.()
    mkdirSync(TMP, { recursive: true })
    const rssFile = join(BASE, 'rss.txt')
    const t = performance.now()
    const r = spawnSync('/usr/bin/time', ['-f', '%M %U %S', '-o', rssFile, process.execPath, ...args], {
      cwd,
      env: { ...process.env, ...KEYS, NO_COLOR: '1', TMPDIR: TMP },
      encoding: 'utf8',
      maxBuffer: 1 << 28,
    })
    const ms = performance.now() - t
    const [kib, user, sys] = (readFileSync(rssFile, 'utf8').trim().split('\n').pop() ?? '').split(' ').map(Number)
    return { ms, cpuMs: ((user ?? 0) + (sys ?? 0)) * 1000, rssMiB: (kib ?? 0) / 1024, stdout: r.stdout, stderr: r.stderr, code: r.status }
  }

  function median(xs: number[]): number {
    const s = [...xs].sort((a, b) => a - b)
    const m = Math.floor(s.length / 2)
    return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2
  }

  /** A warm-up (file cache, jiti cache), then `runs` measured runs; `before` runs before each, untimed (a cold run's cache removal). */
  function series(args: string[], cwd: string, runs: number, check?: (r: Run) => void, before?: () => void): Series {
    const warm = timed(args, cwd, before)
    check?.(warm)
    const all: Run[] = []
    for (let i = 0; i < Math.max(1, Math.round(runs * SCALE)); i++) {
      const r = timed(args, cwd, before)
      check?.(r)
      all.push(r)
    }
    return toSeries(all)
  }

  function toSeries(all: Run[]): Series {
    const ms = all.map((r) => r.ms)
    return {
      median: median(ms),
      min: Math.min(...ms),
      max: Math.max(...ms),
      cpuMs: median(all.map((r) => r.cpuMs)),
      rssMiB: median(all.map((r) => r.rssMiB)),
      last: all.at(-1) as Run,
    }
  }
  return { timed, median, series, toSeries, TMP }
}
