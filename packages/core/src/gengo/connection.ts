import { createGengoClient, type GengoClient } from '@l10n-sync/gengo'
import type { ResolvedL10nConfig } from '../config/config.ts'
import { resolveKeys } from '../config/credentials.ts'
import { L10nError } from '../errors.ts'
import type { CoreIO } from '../io.ts'
import type { SyncEventHandler } from './events.ts'

/** Keys the in-process emulator accepts when none are set (the emulator's own defaults, `DEMO_KEYS`). */
const DEMO_KEYS = Object.freeze({ publicKey: 'demo-public', privateKey: 'demo-private' })

export interface GengoConnection {
  client: GengoClient
  /** Requests sent (each attempt counts). */
  requests(): number
  close(): Promise<void>
}

export interface ConnectOptions extends Pick<CoreIO, 'env' | 'fetch' | 'fs' | 'clock'> {
  onEvent?: SyncEventHandler
}

/**
 * A Gengo client for the config. `endpoint: 'emulator'` starts the emulator
 * in-process (a dynamic import: core's only tie to it), keeping its state in
 * `gengo.emulator.stateFile` so lazy loading works across runs.
 */
export async function connectGengo(config: ResolvedL10nConfig, options: ConnectOptions = {}): Promise<GengoConnection> {
  let count = 0
  let fetchImpl = options.fetch
  let endpoint = config.gengo.endpoint
  let close = async () => {}
  const g = config.gengo
  const clock = options.clock
  const found = resolveKeys(config.root, options.env ?? {}, options.fs)
  let keys = { publicKey: found.publicKey, privateKey: found.privateKey }
  if (endpoint === 'emulator') {
    // The emulator's own defaults: the same keys on both sides.
    keys = { publicKey: keys.publicKey ?? DEMO_KEYS.publicKey, privateKey: keys.privateKey ?? DEMO_KEYS.privateKey }
  }
  if (endpoint === 'emulator' && !fetchImpl) {
    let mod: typeof import('@l10n-sync/gengo-emulator')
    try {
      mod = await import('@l10n-sync/gengo-emulator')
    } catch (error) {
      const notFound = (error as NodeJS.ErrnoException).code === 'ERR_MODULE_NOT_FOUND'
      throw new L10nError(
        'L10N_CONFIG',
        `gengo.endpoint is 'emulator' but @l10n-sync/gengo-emulator ${notFound ? 'is not installed. Add it as a dev dependency.' : `could not be loaded: ${(error as Error).message}`}`,
        {
          option: 'gengo.endpoint',
          file: config.configFile,
          cause: error,
        },
      )
    }
    const emulator = mod.createEmulator({
      ...keys,
      speed: g.emulator.speed,
      stateFile: g.emulator.stateFile,
      rateLimit: 0,
      now: options.clock?.now,
    })
    fetchImpl = (r) => emulator.fetch(r)
    close = async () => emulator.save()
  }
  if (endpoint === 'emulator') endpoint = 'http://emulator.local/v2/'
  if (!keys.publicKey || !keys.privateKey) {
    throw new L10nError(
      'L10N_CREDENTIALS',
      `Gengo keys are missing: ${found.describeMissing().join(' and ')}. Set GENGO_PUBLIC_KEY and GENGO_PRIVATE_KEY in the environment or in ${config.root}/.env (or use gengo.endpoint: 'emulator'). Calling core's API directly, pass the environment as the \`env\` option.`,
      { option: 'gengo', file: config.configFile },
    )
  }
  const client = createGengoClient({
    publicKey: keys.publicKey,
    privateKey: keys.privateKey,
    endpoint,
    fetch: fetchImpl,
    requestsPerMinute: g.requestsPerMinute,
    retries: g.retries,
    timeoutMs: g.timeoutMs,
    // Signing time, retries and the rate limiter follow the run's clock (a test's simulated one too).
    now: options.clock?.now,
    sleep: clock && ((ms: number) => clock.sleep(ms)),
    onRequest: (info) => {
      if (!info.retry) count++
      options.onEvent?.({ type: 'request', method: info.method, path: info.path, status: info.status, retry: info.retry })
    },
  })
  return { client, requests: () => count, close }
}
