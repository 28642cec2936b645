/** Why a key was deleted: the source no longer has it, or (with --repair) it is a plural form the language does not have. */
export type PruneReason = { reason: 'not-in-source' } | { reason: 'unused-plural-form'; form: string }

/** Progress events that adapters render (a progress bar, Vite's logger, CI annotations). */
export type SyncEvent =
  | { type: 'plan'; toOrder: number; toFetch: number; langs: string[] }
  | { type: 'quote'; jobs: number; credits: number; currency: string }
  | { type: 'order'; batch: number; batches: number; jobs: number; credits: number; reused: number }
  | { type: 'fetch'; jobs: number; done: number; eta?: number }
  | { type: 'write'; file: string; keys: number }
  | ({ type: 'prune'; lng: string; ns: string; key: string } & PruneReason)
  | { type: 'invalid'; lng: string; ns: string; key: string; jobId: string; problem: string; revised: boolean }
  | { type: 'kept'; lng: string; ns: string; key: string; reason: string }
  | { type: 'request'; method: string; path: string; status?: number; retry?: string }
  | { type: 'wait'; pending: number; total: number; eta?: number; nextPollMs: number; awaitingApproval: number }
  | { type: 'warn'; message: string }
  /** A translator's message in a pending job's thread that nobody has answered (`sync --wait`; `l10n comments` answers). */
  | { type: 'question'; lng: string; ns: string; key: string; jobId: string; author: string; body: string }

export type SyncEventHandler = (event: SyncEvent) => void
