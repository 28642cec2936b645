/**
 * `pnpm bench`: medians and ratios, printed as a table. Measured, never asserted.
 *  1. A no-op sync and a status on 10k keys × 20 languages, against reading and parsing the locale files.
 *  2. A no-op `vite build` of the playground with the plugin, against the same build without it.
 */
import { execFileSync } from 'node:child_process'
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { loadConfig, serializeLock, status, sync } from '@l10n-sync/core'
import { copyPlayground, VITE_BIN } from '../utils/playground.ts'

const KEYS = Number(process.env.BENCH_KEYS ?? 10_000)
const LANGS = [
  'ja',
  'ru',
  'ar',
  'fr',
  'de',
  'es',
  'it',
  'pt-BR',
  'zh-Hans',
  'ko',
  'nl',
  'pl',
  'sv',
  'tr',
  'cs',
  'da',
  'fi',
  'hu',
  'id',
  'uk',
]
const RUNS = Number(process.env.BENCH_RUNS ?? 7)

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b)
  const m = Math.floor(s.length / 2)
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2
}

async function measure(fn: () => unknown, runs = RUNS): Promise<number> {
  await fn() // warm-up
  const times: number[] = []
  for (let i = 0; i < runs; i++) {
    const t = performance.now()
    await fn()
    times.push(performance.now() - t)
  }
  return median(times)
}

function bigProject(): string {
  const dir = join(tmpdir(), `l10n-bench-${process.pid}`)
  rmSync(dir, { recursive: true, force: true })
  const perNs = KEYS / 10
  const strings: Record<string, Record<string, string>> = {}
  for (let n = 0; n < 10; n++) {
    const ns = `ns${n}`
    const src: Record<string, Record<string, string>> = {}
    const flat: Record<string, string> = {}
    for (let k = 0; k < perNs; k++) {
      const group = `group${Math.floor(k / 20)}`
      src[group] ??= {}
      const text = `String number ${k} in ${ns} with {{value}} and some words`
      ;(src[group] as Record<string, string>)[`key${k}`] = text
      flat[`${group}.key${k}`] = text
    }
    strings[ns] = flat
    for (const lng of ['en', ...LANGS]) {
      mkdirSync(join(dir, 'locales', lng), { recursive: true })
      const tree =
        lng === 'en'
          ? src
          : Object.fromEntries(
              Object.entries(src).map(([g, ks]) => [g, Object.fromEntries(Object.entries(ks).map(([k, v]) => [k, `[${lng}] ${v}`]))]),
            )
      writeFileSync(join(dir, 'locales', lng, `${ns}.json`), `${JSON.stringify(tree, null, 2)}\n`)
    }
  }
  writeFileSync(
    join(dir, 'l10n.config.json'),
    JSON.stringify({ source: 'en', targets: LANGS, gengo: { endpoint: 'http://127.0.0.1:9/v2/' } }),
  )
  // A fully synced lock: the source baseline and no exceptions.
  writeFileSync(join(dir, 'l10n.lock.json'), serializeLock({ version: 1, source: 'en', strings, targets: {} }))
  return dir
}

function readAllLocales(dir: string): number {
  let n = 0
  for (const lng of readdirSync(join(dir, 'locales'))) {
    for (const f of readdirSync(join(dir, 'locales', lng)))
      n += Object.keys(JSON.parse(readFileSync(join(dir, 'locales', lng, f), 'utf8'))).length
  }
  return n
}

/** What any diffing tool must do at least: read, parse and flatten every locale file. */
function readAndFlatten(dir: string): number {
  let n = 0
  const walk = (node: unknown, prefix: string, out: Map<string, string>) => {
    if (typeof node === 'string') out.set(prefix, node)
    else if (node && typeof node === 'object') for (const [k, v] of Object.entries(node)) walk(v, prefix ? `${prefix}.${k}` : k, out)
  }
  for (const lng of readdirSync(join(dir, 'locales'))) {
    for (const f of readdirSync(join(dir, 'locales', lng))) {
      const out = new Map<string, string>()
      walk(JSON.parse(readFileSync(join(dir, 'locales', lng, f), 'utf8')), '', out)
      n += out.size
    }
  }
  return n
}

const rows: [string, number, string][] = []
const dir = bigProject()
process.env.GENGO_PUBLIC_KEY ??= 'bench'
process.env.GENGO_PRIVATE_KEY ??= 'bench'
const config = await loadConfig({ cwd: dir })
const check = await sync(config)
if (check.requests !== 0 || check.files.length !== 0)
  throw new Error(`bench fixture is not a no-op: ${check.requests} requests, ${check.files.length} files`)
const read = await measure(() => readAllLocales(dir))
const flat = await measure(() => readAndFlatten(dir))
const st = await measure(() => status(config))
const noop = await measure(() => sync(config))
const lockBytes = statSync(join(dir, 'l10n.lock.json')).size
const lockRead = await measure(() => JSON.parse(readFileSync(join(dir, 'l10n.lock.json'), 'utf8')))
const biggest = Math.max(...readdirSync(join(dir, 'locales', 'en')).map((f) => statSync(join(dir, 'locales', 'ja', f)).size))
const total = readdirSync(join(dir, 'locales')).reduce(
  (s, l) => s + readdirSync(join(dir, 'locales', l)).reduce((t, f) => t + statSync(join(dir, 'locales', l, f)).size, 0),
  0,
)
rows.push([`read + JSON.parse ${KEYS} keys × ${LANGS.length + 1} languages`, read, '1.00×'])
rows.push(['read + parse + flatten to key → value maps', flat, `${(flat / read).toFixed(2)}×`])
rows.push(['read + parse l10n.lock.json alone', lockRead, `${(lockRead / read).toFixed(2)}×`])
rows.push(['status() (no network)', st, `${(st / read).toFixed(2)}×`])
rows.push(['no-op sync() (0 requests, 0 writes)', noop, `${(noop / read).toFixed(2)}×`])
rmSync(dir, { recursive: true, force: true })

// A no-op vite build: the playground, translations present, with and without the plugin.
const pg = copyPlayground((s) => s.replace("speed: 'fast'", "speed: 'instant'"))
try {
  const l10nBin = new URL('../../packages/cli/bin/l10n.mjs', import.meta.url).pathname
  execFileSync(process.execPath, [l10nBin, 'sync', '--wait', '120', '--poll', '0.2'], { cwd: pg.dir, stdio: 'ignore' })
  writeFileSync(join(pg.dir, 'vite.plain.config.ts'), "import { defineConfig } from 'vite'\nexport default defineConfig({})\n")
  writeFileSync(join(pg.dir, 'src/virtual-shim.ts'), '')
  const buildWith = () =>
    execFileSync(process.execPath, ['--import', 'tsx', VITE_BIN, 'build', '--configLoader', 'native', '--logLevel', 'silent'], {
      cwd: pg.dir,
      stdio: 'ignore',
    })
  // Without the plugin the virtual module does not exist: alias it to a prebuilt file with the same resources.
  const resources = JSON.stringify(
    Object.fromEntries(
      readdirSync(join(pg.dir, 'locales')).map((lng) => [
        lng,
        Object.fromEntries(
          readdirSync(join(pg.dir, 'locales', lng))
            .filter((f) => !f.includes('.context.'))
            .map((f) => [f.replace('.json', ''), JSON.parse(readFileSync(join(pg.dir, 'locales', lng, f), 'utf8'))]),
        ),
      ]),
    ),
  )
  writeFileSync(
    join(pg.dir, 'src/virtual-shim.ts'),
    `export default ${resources}\nexport const source = 'en'\nexport const languages = ['ja','ru','ar','fr','de','zh-Hans']\nexport const namespaces = ['common','errors','notes','settings']\n`,
  )
  writeFileSync(
    join(pg.dir, 'vite.plain.config.ts'),
    "import { defineConfig } from 'vite'\nexport default defineConfig({ resolve: { alias: { 'virtual:l10n-sync/resources': new URL('./src/virtual-shim.ts', import.meta.url).pathname } } })\n",
  )
  const buildWithout = () =>
    execFileSync(
      process.execPath,
      ['--import', 'tsx', VITE_BIN, 'build', '--configLoader', 'native', '--config', 'vite.plain.config.ts', '--logLevel', 'silent'],
      { cwd: pg.dir, stdio: 'ignore' },
    )
  const without = await measure(buildWithout, 5)
  const withPlugin = await measure(buildWith, 5)
  rows.push(['vite build, playground, no plugin', without, '1.00×'])
  rows.push(['vite build, playground, l10n() no-op sync', withPlugin, `${(withPlugin / without).toFixed(2)}×`])
} finally {
  pg.cleanup()
}

const w = Math.max(...rows.map((r) => r[0].length))
console.log(`\n${'case'.padEnd(w)}  ${'median ms'.padStart(10)}  ${'ratio'.padStart(7)}`)
console.log(`${'-'.repeat(w)}  ${'-'.repeat(10)}  ${'-'.repeat(7)}`)
for (const [name, ms, ratio] of rows) console.log(`${name.padEnd(w)}  ${ms.toFixed(1).padStart(10)}  ${ratio.padStart(7)}`)
console.log(
  `\nlock file: ${(lockBytes / 1024).toFixed(0)} KiB for ${KEYS} keys × ${LANGS.length} targets; largest target locale file ${(biggest / 1024).toFixed(0)} KiB; all locale files ${(total / 1024 / 1024).toFixed(1)} MiB`,
)
console.log(`(${RUNS} runs per row after a warm-up, 5 for builds; medians on a shared machine: compare ratios, not absolutes)`)
