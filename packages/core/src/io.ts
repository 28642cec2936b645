import * as nodeFs from 'node:fs'
import { setTimeout as delay } from 'node:timers/promises'

/**
 * The file system core reads and writes a project through: node:fs's own shape, so a test can
 * wrap it (a full disk, a failing rename) without mocking modules.
 */
export type FileSystem = typeof nodeFs

// A plain object, which a test can spread and wrap (a module namespace is frozen).
export const nodeFileSystem: FileSystem = { ...nodeFs }

/** Environment variables as the adapters pass them in (the environment of the process, at the edge); core never reads the process's own. */
export type Env = Readonly<Record<string, string | undefined>>

/** Time, injected so tests drive it. */
export interface Clock {
  /** Epoch milliseconds. */
  now(): number
  /** Resolves after `ms`, or at once when `signal` aborts (never rejects). */
  sleep(ms: number, signal?: AbortSignal): Promise<void>
}

export const systemClock: Clock = Object.freeze({
  now: () => Date.now(),
  sleep: (ms: number, signal?: AbortSignal) => delay(ms, undefined, { signal }).catch(() => {}),
})

/** What core does I/O with beyond the project's files. Every field has a default at the edge. */
export interface CoreIO {
  /**
   * Where the Gengo keys come from (`GENGO_PUBLIC_KEY`, `GENGO_PRIVATE_KEY`); `.env` beside the config
   * fills what is unset or empty. The CLI and the Vite plugin pass the environment of the process. @default {}
   */
  env?: Env
  /** The HTTP layer. @default global fetch, or the in-process emulator for endpoint 'emulator' */
  fetch?: (request: Request) => Promise<Response>
  /** @default the system clock */
  clock?: Clock
  /** The project's files: locale files, the lock, its journal, temp files. @default node:fs */
  fs?: FileSystem
}
