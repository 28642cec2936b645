import { mkdir } from 'node:fs/promises'
import { dirname } from 'node:path'
import lockfile from 'proper-lockfile'
import type { ResolvedL10nConfig } from './config.ts'
import { L10nError } from './errors.ts'

/**
 * One sync per project at a time: a lock directory beside the lock file
 * (proper-lockfile; stale after 10 s without a heartbeat, so a killed sync blocks the next one for 10 s at most). A second sync waits
 * up to `waitMs`, then fails with L10N_BUSY.
 */
export async function acquireProjectLock(config: ResolvedL10nConfig, waitMs = 120_000): Promise<() => Promise<void>> {
  await mkdir(dirname(config.lockfile), { recursive: true })
  const minTimeout = 100
  const maxTimeout = 1000
  try {
    return await lockfile.lock(config.lockfile, {
      realpath: false,
      lockfilePath: `${config.lockfile}.busy`,
      stale: 10_000,
      update: 2_000,
      retries: { retries: Math.ceil(waitMs / maxTimeout), factor: 1.5, minTimeout, maxTimeout },
    })
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ELOCKED') {
      throw new L10nError('L10N_BUSY', `Another l10n sync is running on this project (${config.lockfile}.busy). Wait for it to finish.`, {
        cause: error,
      })
    }
    throw error
  }
}
