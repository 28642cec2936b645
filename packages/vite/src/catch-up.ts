import { stat } from 'node:fs/promises'
import { discoverNamespaces, localePath, type ResolvedL10nConfig } from '@l10n-sync/core'
import type { ViteDevServer } from 'vite'
import { readSettled } from './read-settled.ts'

/** What the page sends with its catch-up request (client.ts): when it began to load, and its clock now. */
interface CatchUp {
  since?: number
  now?: number
}

/** A second of slack for file systems whose modification times are coarse. */
const SLACK_MS = 1_000

/**
 * Answers a page's catch-up request (sent once its listener is on): every locale file written since the page began
 * to load goes to that page as an update. Without it, a translation the background sync wrote between serving the
 * module and the page's listener going on (a slow first load) would reach the page only with the next change to
 * that file. The page's clock is mapped onto the server's, so a dev server on another machine works too.
 */
export function installCatchUp(server: ViteDevServer, config: () => ResolvedL10nConfig, event: string, updateEvent: string): void {
  server.hot.on(event, async (data: CatchUp, client) => {
    if (typeof data?.since !== 'number' || typeof data.now !== 'number') return
    const since = data.since + (Date.now() - data.now) - SLACK_MS
    const c = config()
    for (const ns of await discoverNamespaces(c)) {
      for (const lng of [c.source, ...c.targets]) {
        const file = localePath(c, c.files, lng, ns)
        try {
          if ((await stat(file)).mtimeMs < since) continue
          client.send(updateEvent, { lng, ns, resources: await readSettled(file) })
        } catch {
          // Missing or being written: its own update follows.
        }
      }
    }
  })
}
