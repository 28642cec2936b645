import { existsSync, readdirSync, readFileSync, utimesSync } from 'node:fs'
import { join, relative } from 'node:path'
import type { SyncOptions, SyncReport } from '@l10n-sync/core'
import type { StartEmulatorOptions } from '@l10n-sync/gengo-emulator'
import { createProject, type Ledger, type TestProject } from './project.ts'

/**
 * Shared pieces of the fault suites (test/faults, crash and soak .e2e.test.ts): one
 * project, the two emulator modes, a driver that settles a project on the emulator's simulated
 * clock (no sleeping), and the judge that compares a project with a clean run.
 */

export const FAULT_EN = {
  title: 'Welcome, {{name}}!',
  nav: { home: 'Home', settings: 'Settings' },
  items_one: '{{count}} item',
  items_other: '{{count}} items',
  help: 'Read <0>the guide</0> or $t(common:nav.home)',
  badge: '[{{count}}] new',
}
export const FAULT_FILES = {
  'locales/en/common.json': FAULT_EN,
  'locales/en/extra.json': { bye: 'Goodbye', line: 'One<br/>Two', apple_one: 'An apple', apple_other: 'Apples' },
}
/**
 * ja and ru, two namespaces, plurals with and without a placeholder, a bracket beside one:
 * 24 jobs in 8 POSTs of up to 4, two at a time, so a fault can hit the first or a later POST,
 * and the files are written one after the other. A short client time-out makes `delay` faults bite; a short grace keeps a
 * POST that never reached the emulator cheap to wait out.
 */
export const FAULT_CONFIG = {
  targets: ['ja', 'ru'],
  gengo: { batchSize: 4, concurrency: 2, reconcileGrace: 3, timeoutMs: 400 },
}
export const TARGET_FILES = ['locales/ja/common.json', 'locales/ja/extra.json', 'locales/ru/common.json', 'locales/ru/extra.json']

export type Fault = Record<string, unknown> & { kind: string }

/** Request faults: each a variant of a kind, as issue 11's hostile run used them. */
export const VARIANTS: [string, Fault][] = [
  ['HTTP 500 with an error envelope', { kind: 'status', status: 500 }],
  ['HTTP 502 envelope without a code', { kind: 'status', status: 502, body: 'no-code' }],
  ['HTTP 503 plain JSON', { kind: 'status', status: 503, body: 'plain' }],
  ['HTTP 500 empty body', { kind: 'status', status: 500, body: 'empty' }],
  ['HTTP 404 envelope', { kind: 'status', status: 404 }],
  ['HTTP 400 envelope without a code', { kind: 'status', status: 400, body: 'no-code' }],
  ['err 2800 (unavailable)', { kind: 'error', code: 2800 }],
  ['err "2800" as a string', { kind: 'error', code: '2800' }],
  ['an error without a code', { kind: 'error', code: null }],
  ['err 1000 (authentication)', { kind: 'error', code: 1000 }],
  ['err 2750 (order not visible)', { kind: 'error', code: 2750 }],
  ['err 1754 (identical payload)', { kind: 'error', code: 1754 }],
  ['err 2700 (not enough credits)', { kind: 'error', code: 2700 }],
  ['HTTP 500 with err 2800', { kind: 'error', code: 2800, status: 500 }],
  ['rate limit (HTTP 429, err 2800)', { kind: 'rate-limit' }],
  ['delay past the client time-out', { kind: 'delay', ms: 900 }],
  ['delay within the client time-out', { kind: 'delay', ms: 50 }],
  ['delay-after past the client time-out', { kind: 'delay-after', ms: 900 }],
  ['drop before handling', { kind: 'drop' }],
  ['drop after handling (lost answer)', { kind: 'drop-after' }],
  ['err 2800 after handling (the order placed)', { kind: 'error-after', code: 2800 }],
  ['malformed JSON', { kind: 'malformed' }],
  ['HTML error page (502)', { kind: 'html' }],
  ['HTML page with HTTP 200', { kind: 'html', status: 200 }],
]

export const ROUTES = [
  'POST translate/jobs',
  'GET translate/order/:id',
  'GET translate/jobs/:ids',
  'GET translate/jobs',
  'POST translate/service/quote',
  'GET translate/service/language_pairs',
  'GET account/balance',
] as const

export const MODES = [
  ['default', {}],
  ['worst-case', { worstCase: true }],
] as const satisfies readonly (readonly [string, StartEmulatorOptions])[]

/** Whether the full matrix and soak run (`pnpm test:faults`), or the CI slice. */
export const FULL = process.env.L10N_FAULTS === 'full'

/**
 * A fetch that moves the emulator's simulated clock forward before every API request, so
 * the worst case's asynchronous job creation and late listing pass in simulated time, at
 * the pace of the client's own requests, never by sleeping.
 */
export function advancingFetch(origin: string, seconds = 5): (request: Request) => Promise<Response> {
  return async (request) => {
    if (new URL(request.url).pathname.startsWith('/v2/'))
      await fetch(`${origin}/_emulator/advance`, { method: 'POST', body: JSON.stringify({ seconds }) })
    return fetch(request)
  }
}

export async function faultProject(emu: StartEmulatorOptions, config: object = FAULT_CONFIG): Promise<TestProject> {
  return createProject(FAULT_FILES, config, emu)
}

export interface Pass {
  report?: SyncReport
  error?: Error & { code?: string; report?: SyncReport }
}

/** One sync on the advancing clock; a failure is returned, not thrown. */
export async function pass(p: TestProject, options: SyncOptions = {}): Promise<Pass> {
  try {
    return { report: await p.sync({ fetch: advancingFetch(p.emulator.origin), ...options }) }
  } catch (error) {
    return { error: error as Pass['error'] }
  }
}

/**
 * Syncs until complete (at most `max` passes), letting the translators finish between passes:
 * what `--wait` does, on the simulated clock. Returns the last pass.
 */
export async function settle(p: TestProject, max = 6): Promise<Pass & { passes: number }> {
  let last: Pass = {}
  for (let n = 1; n <= max; n++) {
    last = await pass(p)
    if (last.report?.complete) return { ...last, passes: n }
    await p.admin('POST', 'finish')
  }
  return { ...last, passes: max }
}

export const money = (l: Ledger) => ({ credits_charged: Math.round(l.credits_charged * 100) / 100, jobs_created: l.jobs_created })

export interface Outcome {
  money: ReturnType<typeof money>
  files: Record<string, string | undefined>
}

export async function outcome(p: TestProject): Promise<Outcome> {
  const files: Record<string, string | undefined> = {}
  for (const f of TARGET_FILES) files[f] = p.exists(f) ? p.read(f) : undefined
  return { money: money(await p.ledger()), files }
}

/** The outcome of one clean settle in a fresh emulator of the mode. */
export async function cleanOutcome(emu: StartEmulatorOptions, config: object = FAULT_CONFIG): Promise<Outcome> {
  const p = await faultProject(emu, config)
  try {
    const r = await settle(p)
    if (!r.report?.complete) throw new Error(`the clean run did not complete: ${r.error?.message}`)
    return await outcome(p)
  } finally {
    await p.cleanup()
  }
}

/** A killed sync's project lock goes stale after 10 s without a heartbeat: let that time pass, without sleeping. */
export function ageProjectLock(p: TestProject): boolean {
  const busy = join(p.dir, 'l10n.lock.json.busy')
  if (!existsSync(busy)) return false
  const past = new Date(Date.now() - 60_000)
  utimesSync(busy, past, past)
  return true
}

/** What the judge found, for the figures in the closing note. */
export interface Verdict {
  complete: boolean
  money: ReturnType<typeof money>
  /** Target files that differ from the clean run's (a lost or wrong translation). */
  filesDiffering: string[]
  lockValid: boolean
  intentsLeft: number
  /** Files a crash left behind in the project (temp files, a project lock). */
  leftovers: string[]
}

function walk(dir: string, root = dir): string[] {
  const out: string[] = []
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, e.name)
    if (e.isDirectory() && !e.name.endsWith('.busy')) out.push(...walk(path, root))
    else out.push(relative(root, path))
  }
  return out
}

const EXPECTED_FILES = new Set(['l10n.config.mjs', 'l10n.lock.json', ...Object.keys(FAULT_FILES), ...TARGET_FILES])

/** Judges a project after its last pass against a clean run's outcome. */
export async function verdict(p: TestProject, last: Pass, clean: Outcome): Promise<Verdict> {
  const now = await outcome(p)
  let lockValid = false
  let intentsLeft = 0
  try {
    const lock = JSON.parse(readFileSync(join(p.dir, 'l10n.lock.json'), 'utf8'))
    lockValid = lock.version === 1 && typeof lock.strings === 'object' && typeof lock.targets === 'object'
    intentsLeft = Object.keys(lock.intents ?? {}).length
  } catch {}
  return {
    complete: last.report?.complete === true,
    money: now.money,
    filesDiffering: TARGET_FILES.filter((f) => now.files[f] !== clean.files[f]),
    lockValid,
    intentsLeft,
    leftovers: walk(p.dir).filter((f) => !EXPECTED_FILES.has(f)),
  }
}

/** The judge's pass mark: the money and files of one clean run, a valid lock, no intent left. */
export function passMark(v: Verdict) {
  const { leftovers: _l, ...rest } = v
  return rest
}
export function expected(clean: Outcome) {
  return { complete: true, money: clean.money, filesDiffering: [], lockValid: true, intentsLeft: 0 }
}
