import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { type L10nConfig, loadConfig, type ResolvedL10nConfig, type SyncOptions, type SyncReport, sync } from '@l10n-sync/core'
import { type RunningEmulator, type StartEmulatorOptions, startEmulator } from '@l10n-sync/gengo-emulator'
import { afterEach } from 'vitest'
import { tempDir } from './tmp.ts'

export const TEST_KEYS = { publicKey: 'e2e-public', privateKey: 'e2e-private-key-7d1f' }

export interface Ledger {
  credits_charged: number
  jobs_created: number
  requests: number
  by_route: Record<string, number>
  balance: number
  /** Polls of one job or order sooner than Gengo's 30-minute guidance. */
  poll_warnings: number
}

export interface TestProject {
  dir: string
  emulator: RunningEmulator
  /** Writes a file (objects as 2-space JSON). */
  write(path: string, content: unknown): void
  read(path: string): string
  readJson(path: string): any
  remove(path: string): void
  exists(path: string): boolean
  config(): Promise<ResolvedL10nConfig>
  sync(options?: SyncOptions): Promise<SyncReport>
  ledger(): Promise<Ledger>
  admin(method: string, path: string, body?: unknown): Promise<any>
  cleanup(): Promise<void>
}

export function configSource(config: Partial<L10nConfig>, endpoint: string): string {
  const full = { source: 'en', targets: ['ja'], ...config, gengo: { endpoint, maxCredits: 100, acceptReviewable: true, ...config.gengo } }
  return `export default ${JSON.stringify(full, null, 2)}\n`
}

/** A throwaway project in a temp dir, with the emulator over real HTTP. */
export async function createProject(
  files: Record<string, unknown>,
  config: Partial<L10nConfig> = {},
  emulatorOptions: StartEmulatorOptions = {},
): Promise<TestProject> {
  const { dir, cleanup } = tempDir('l10n-project-')
  const emulator = await startEmulator({ ...TEST_KEYS, speed: 'instant', rateLimit: 0, ...emulatorOptions })
  const write = (path: string, content: unknown) => {
    const file = join(dir, path)
    mkdirSync(dirname(file), { recursive: true })
    writeFileSync(file, typeof content === 'string' ? content : `${JSON.stringify(content, null, 2)}\n`)
  }
  for (const [path, content] of Object.entries(files)) write(path, content)
  write('l10n.config.mjs', configSource(config, emulator.url))
  // The keys the way a project keeps them: core reads `.env` beside the config (and the environment it is given).
  if (!('.env' in files)) write('.env', `GENGO_PUBLIC_KEY=${TEST_KEYS.publicKey}\nGENGO_PRIVATE_KEY=${TEST_KEYS.privateKey}\n`)
  const admin = async (method: string, path: string, body?: unknown) =>
    (await fetch(`${emulator.origin}/_emulator/${path}`, { method, body: body === undefined ? undefined : JSON.stringify(body) })).json()
  const project: TestProject = {
    dir,
    emulator,
    write,
    read: (path) => readFileSync(join(dir, path), 'utf8'),
    readJson: (path) => JSON.parse(readFileSync(join(dir, path), 'utf8')),
    remove: (path) => rmSync(join(dir, path), { force: true }),
    exists: (path) => {
      try {
        readFileSync(join(dir, path))
        return true
      } catch {
        return false
      }
    },
    config: () => loadConfig({ cwd: dir }),
    sync: async (options) => sync(await loadConfig({ cwd: dir }), options),
    ledger: () => admin('GET', 'ledger'),
    admin,
    cleanup: async () => {
      await emulator.close()
      cleanup()
    },
  }
  return project
}

/** One throwaway project per test, cleaned up after it: `const newProject = projectPerTest()` at the top of a file. */
export function projectPerTest(): (...args: Parameters<typeof createProject>) => Promise<TestProject> {
  let current: TestProject | undefined
  afterEach(async () => {
    await current?.cleanup()
    current = undefined
  })
  return async (...args) => {
    current = await createProject(...args)
    return current
  }
}
