import type { L10nConfig } from '@l10n-sync/core'
import { l10n } from '@l10n-sync/vite'
import { createServer, type ViteDevServer } from 'vite'

type Defer = (fn: () => unknown) => void

/** A real Vite dev server for `dir` with the plugin and no sync, in middleware mode; `defer` receives its close. */
export async function ssrServer(dir: string, config: Partial<L10nConfig>, defer: Defer): Promise<ViteDevServer> {
  const server = await createServer({
    root: dir,
    configFile: false,
    logLevel: 'silent',
    appType: 'custom',
    server: { middlewareMode: true, hmr: false, watch: null },
    plugins: [l10n({ configFile: false, config, sync: false })],
  })
  defer(() => server.close())
  return server
}

/** The plugin's backend module for `dir`, loaded through Vite (SSR, so its dynamic imports go through the plugin too). */
export async function ssrBackend(dir: string, config: Partial<L10nConfig>, defer: Defer): Promise<Record<string, any>> {
  return (await (await ssrServer(dir, config, defer)).ssrLoadModule('virtual:l10n-sync/backend')) as Record<string, any>
}
