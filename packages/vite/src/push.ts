import { resolve } from 'node:path'
import { classifyFile, type ResolvedL10nConfig } from '@l10n-sync/core'
import type { DevEnvironment, EnvironmentModuleGraph, ViteDevServer } from 'vite'
import { fileId, RESOLVED_BACKEND_ID } from './backend.ts'
import { readSettled } from './read-settled.ts'
import { RESOLVED_VIRTUAL_ID } from './virtual.ts'

/** The custom HMR event carrying a locale file's new content to the page. */
export const UPDATE_EVENT = 'l10n-sync:update'

/** The modules a locale file feeds, made again when next asked for: the resources module, the backend, the file's chunk. */
export function invalidateLocale(graph: EnvironmentModuleGraph, ref: { lng: string; ns: string }): void {
  for (const id of [RESOLVED_VIRTUAL_ID, RESOLVED_BACKEND_ID, `\0${fileId(ref.lng, ref.ns)}`]) {
    const m = graph.getModuleById(id)
    if (m) graph.invalidateModule(m)
  }
}

/** Sends a locale file's new content (`{}` once deleted) to the open pages of an environment. */
export function sendLocale(env: Pick<DevEnvironment, 'hot'>, ref: { lng: string; ns: string }, resources: unknown): void {
  env.hot.send({ type: 'custom', event: UPDATE_EVENT, data: { lng: ref.lng, ns: ref.ns, resources } })
}

/**
 * Target files a run in this server wrote (an approve on the dev page, a background sync), sent to open pages as the
 * watcher's event would send them. Not left to the watcher alone: a file in a directory that has just appeared
 * (the first translation of a language) can come before the watcher looks into it, and its event is then never
 * sent. A page that gets both applies the same text twice.
 */
export async function pushWritten(server: ViteDevServer, config: ResolvedL10nConfig, files: readonly string[]): Promise<void> {
  for (const rel of files) {
    const file = resolve(config.root, rel)
    const ref = classifyFile(config, file)
    if (ref?.role !== 'target') continue
    const client = server.environments.client
    invalidateLocale(client.moduleGraph, ref)
    let resources: unknown
    try {
      resources = await readSettled(file)
    } catch {
      continue // being written again: that write's own event follows
    }
    sendLocale(client, ref, resources)
  }
}
