import { createHash } from 'node:crypto'
import { existsSync } from 'node:fs'
import { join, relative } from 'node:path'
import { classifyFile, isL10nError, type ResolvedL10nConfig, runScope, type SyncReport, status, sync } from '@l10n-sync/core'
import type { Logger, Plugin, ResolvedConfig, ViteDevServer } from 'vite'
import { type AppNamespaces, appNamespaces, BACKEND_ID, FILE_ID_PREFIX, isBackendId, loadBackend } from './backend.ts'
import { installCatchUp } from './catch-up.ts'
import { installDashboard } from './dashboard.ts'
import { type L10nPluginOptions, loadPluginConfig, resolvePluginOptions } from './options.ts'
import { type CiContext, ciContext, type OrderDecision, shouldOrder } from './ordering.ts'
import { invalidateLocale, pushWritten, sendLocale, UPDATE_EVENT } from './push.ts'
import { readSettled } from './read-settled.ts'
import { createSyncRunner, runnerStatus, type SyncRunner } from './runner.ts'
import { notDoneList, summarize } from './summary.ts'
import { RESOLVED_VIRTUAL_ID, VIRTUAL_ID, type VirtualModule, virtualModule } from './virtual.ts'

export { UPDATE_EVENT } from './push.ts'
/** The page asks, once it listens, for the locale files written since it began to load (client.ts). */
export const CATCH_UP_EVENT = 'l10n-sync:catch-up'
/** Dev-server route with the sync count and last report, for tools and tests. */
export const STATUS_ROUTE = '/__l10n-sync/status'

/**
 * `l10n()`: syncs translations at the start of `vite build`, and in the
 * background of `vite dev`, pushing new translations to the open page.
 * A thin adapter: all sync logic is in @l10n-sync/core.
 */
export function l10n(options: L10nPluginOptions = {}): Plugin {
  const o = resolvePluginOptions(options)
  let vite: ResolvedConfig
  let config: ResolvedL10nConfig
  let logger: Logger
  let runner: SyncRunner | undefined
  /** The build's sync, awaited at buildStart: the locale modules are made after it, with what it wrote. */
  let buildSync: Promise<void> | undefined
  /** This build's virtual module (the code, or the kept file that holds it), made once after its sync. */
  let built: Promise<VirtualModule> | undefined
  /** Writing a made module's kept file, while the bundler works on its code. */
  let keeping: Promise<unknown> | undefined
  /** The app's namespaces, found once per build (dev looks each time: a new source file adds one). */
  let names: Promise<AppNamespaces> | undefined
  /** The one whose kept file the build reads. */
  let servedFile: VirtualModule | undefined
  let ci: CiContext
  /** Reasons already logged: "not ordering" is said once, not on every save. */
  const told = new Set<string>()

  /** The module, kept in Vite's cache directory while no locale file changes: a no-op build parses none of them. */
  function virtual(): Promise<VirtualModule> {
    const name = createHash('sha1').update(`${config.root}\u0000${config.files}`).digest('hex').slice(0, 12)
    // A build keeps a made module only once the bundler has its code (load, below).
    const defer = vite.command === 'build'
    return virtualModule(config, join(vite.cacheDir, 'l10n-sync', `resources-${name}.json`), o.namespaces, defer)
  }

  /** The build's module, made once after its sync (which may write translations), whatever the environments. */
  const builtModule = (): Promise<VirtualModule> => (built ??= virtual())

  const load = (root: string) => loadPluginConfig(o, root)

  const log = (msg: string) => logger.info(`[l10n] ${msg}`, { timestamp: true })
  const warn = (msg: string) => logger.warn(`[l10n] ${msg}`, { timestamp: true })

  /** Whether this sync may order (`order`, the endpoint, the command, `strict`, the CI edge: ordering.ts). */
  function decide(command: 'build' | 'serve'): OrderDecision {
    return shouldOrder({ order: o.order, endpoint: config.gengo.endpoint, command, strict: o.strict, ci })
  }

  /**
   * A sync that orders only when `decide` says so; otherwise fetch-only (fetches, orders nothing). A fetch-only dev
   * sync does not read Gengo's record either: typing into a source file costs no request at all.
   */
  function run(d: OrderDecision, command: 'build' | 'serve'): Promise<SyncReport> {
    const fetchOnly = !d.order
    return sync(config, { fetch: o.fetch, env: o.env, langs: o.langs, fetchOnly, findOrdered: !(fetchOnly && command === 'serve') })
  }

  async function syncForBuild(error: (message: string) => never): Promise<void> {
    let report: SyncReport | undefined
    try {
      if (!o.sync) log('sync is off (sync: false or L10N_SYNC=0): building from the locale files on disk, without contacting Gengo.')
      else {
        const d = decide('build')
        report = await run(d, 'build')
        // Fetch-only's own warning speaks of the CLI flag; the build says why it did not order.
        if (!d.order)
          (report.unordered ? warn : log)(
            `not ordering: ${d.reason}${report.unordered ? ` (${report.unordered} key(s) left unordered)` : ''}`,
          )
      }
      if (report) log(`synced: ${summarize(report)}`)
      for (const w of report?.warnings ?? []) if (!/not ordered \(fetch-only\)/.test(w)) warn(w)
    } catch (e) {
      if (
        !isL10nError(e) ||
        e.code === 'L10N_PARSE' ||
        e.code === 'L10N_RESOURCE' ||
        e.code === 'L10N_CONFIG' ||
        e.code === 'L10N_LANGUAGE'
      )
        throw e
      if (o.strict) error(`${e.message}\nstrict: the build needs every translation, and the sync failed.`)
      const keyless = e.code === 'L10N_CREDENTIALS'
      warn(
        `${e.message.replace(/^\[l10n\] /, '')}\n${keyless ? 'No Gengo keys: building from the files on disk.' : 'Building from the translations on disk.'}`,
      )
    }
    // The sync already planned the result; read the files again only when it failed or was off.
    // The release gate is status's: not done, and broken values unless checkBroken is off (a sync without repair
    // does not wait for them, so its `incomplete` leaves them out; `broken` lists them either way).
    const keys = report
      ? [
          ...report.incomplete.filter((k) => k.state !== 'broken'),
          ...(config.checkBroken ? report.broken.map((b) => ({ lng: b.lng, ns: b.ns, key: b.key, state: 'broken' as const })) : []),
        ]
      : (await status(config, { langs: o.langs })).keys
    if (keys.length === 0) return
    const byLang = new Map<string, number>()
    for (const k of keys) byLang.set(k.lng, (byLang.get(k.lng) ?? 0) + 1)
    const counts = [...byLang].map(([lng, n]) => `${lng}: ${n}`).join(', ')
    if (o.strict) error(`strict: ${keys.length} key(s) are not translated yet (${counts}):\n${notDoneList(keys)}`)
    warn(`${keys.length} key(s) not translated yet (${counts}); the bundle falls back to ${config.source} for them.`)
  }

  function startDev(server: ViteDevServer): void {
    if (!o.sync) {
      log('sync is off (sync: false or L10N_SYNC=0): serving the locale files on disk, without contacting Gengo.')
      return
    }
    runner = createSyncRunner({
      run: () => {
        const d = decide('serve')
        if (!d.order && !told.has(d.reason)) {
          told.add(d.reason)
          log(`not ordering: ${d.reason}`)
        }
        return run(d, 'serve')
      },
      debounce: o.debounce,
      // Against Gengo, its polling guidance (gengo.pollIntervalMs, 30 min) unless the option is given.
      pollInterval: options.pollInterval ?? Math.max(o.pollInterval, config.gengo.pollIntervalMs),
      onDone: (r, n) => {
        if (n === 1 || r.ordered.jobs || r.files.length || r.invalid.length) log(`sync #${n}: ${summarize(r)}`)
        void pushWritten(server, config, r.files)
      },
      onError: (e, n) =>
        warn(
          `sync #${n} failed: ${(e as Error).message.replace(/^\[l10n\] /, '')}${isL10nError(e) && (e.code === 'L10N_GENGO' || e.code === 'L10N_CREDENTIALS') ? ' — serving the files on disk; will retry.' : ''}`,
        ),
    })
    // Never block the server: the first sync runs in the background.
    void runner.now()
    server.httpServer?.once('close', () => void runner?.stop())
    server.middlewares.use(STATUS_ROUTE, (_req, res) => {
      res.setHeader('content-type', 'application/json')
      res.end(JSON.stringify(runnerStatus(runner)))
    })
  }

  return {
    name: 'l10n-sync',
    enforce: 'pre',
    async configResolved(resolved) {
      vite = resolved
      logger = resolved.logger
      config = await load(resolved.root)
      ci = ciContext(o.env)
      runScope(config, { langs: o.langs }, 'l10n({ langs })') // the run scope of sync and status: an unknown language fails here
    },
    async resolveId(id) {
      // The backend and its per-file modules (backend.ts): virtual in dev and build, one chunk each.
      if (id === BACKEND_ID || id.startsWith(FILE_ID_PREFIX)) return `\0${id}`
      if (id !== VIRTUAL_ID) return undefined
      // A build hands the bundler the kept file that holds the module's code, to read like any source file; dev
      // keeps the virtual id (hot updates invalidate it) and serves the code from load.
      if (vite.command !== 'build') return RESOLVED_VIRTUAL_ID
      const m = await builtModule()
      if (!m.file) return RESOLVED_VIRTUAL_ID
      servedFile = m
      return m.file
    },
    async load(id) {
      const building = vite.command === 'build'
      if (isBackendId(id)) {
        const found = () => (building ? (names ??= appNamespaces(config, o.namespaces)) : appNamespaces(config, o.namespaces))
        const b = (await loadBackend(id, config, o.namespaces, found)) as { code: string; files: string[] }
        for (const f of b.files) if (existsSync(f)) this.addWatchFile(f)
        return b.code
      }
      let m: VirtualModule
      if (servedFile && id === servedFile.file) m = servedFile
      else if (id === RESOLVED_VIRTUAL_ID) m = await (building ? builtModule() : virtual())
      else return undefined
      // Existing files only: a missing target file appears later, and the root watcher sees it.
      for (const f of m.files) if (existsSync(f)) this.addWatchFile(f)
      if (id !== RESOLVED_VIRTUAL_ID) return null // the bundler reads the kept file
      const { keep } = m
      m.keep = undefined
      // Kept for the next build once the bundler has the code: written while it parses, not before.
      if (keep) keeping = new Promise((resolve) => setImmediate(resolve)).then(keep)
      return m.code()
    },
    async buildStart() {
      if (vite.command !== 'build') return
      built = undefined // made again after this build's sync (watch mode rebuilds)
      names = undefined
      // Once per build, whatever the number of environments. Awaited here: letting the bundler start meanwhile was
      // measured (issue 22) and gained nothing, as Vite's HTML plugin needs the same thread as the sync.
      buildSync ??= syncForBuild((message) => this.error(message))
      await buildSync
    },
    async closeBundle() {
      await keeping
      // A dev server closing: the sync in flight finishes its step first, so nothing writes into the project after.
      if (runner) await runner.stop()
    },
    configureServer(server) {
      startDev(server)
      installCatchUp(server, () => config, CATCH_UP_EVENT, UPDATE_EVENT)
      // The dev page /__l10n-sync/: coverage, pending jobs, the review queue (dashboard.ts).
      installDashboard(server, {
        config: () => config,
        runner: () => runner,
        wrote: (files) => pushWritten(server, config, files),
        fetch: o.fetch,
        env: o.env,
        langs: o.langs,
        orderRefused: () =>
          !o.sync ? 'sync is off (sync: false or L10N_SYNC=0)' : o.order === 'never' ? "order: 'never' (or L10N_ORDER=0)" : undefined,
      })
    },
    async hotUpdate({ file, type }) {
      if (this.environment.name !== 'client') return undefined
      if (config.configFile && file === config.configFile) {
        config = await load(vite.root)
        runner?.request()
        return undefined
      }
      const ref = classifyFile(config, file)
      if (!ref) return undefined
      // The resources module, the backend (a new namespace) and this file's chunk are made again when next asked for.
      invalidateLocale(this.environment.moduleGraph, ref)
      if (ref.role === 'context') return []
      let resources: unknown = {}
      if (type !== 'delete') {
        try {
          resources = await readSettled(file)
        } catch (e) {
          this.environment.hot.send({
            type: 'error',
            err: { message: `[l10n] ${relative(vite.root, file)}: ${(e as Error).message}`, stack: '' },
          })
          // The sync reads the file again, and names the error if it is still there.
          if (ref.role === 'source') runner?.request()
          return []
        }
      }
      sendLocale(this.environment, ref, resources)
      // A source edit: translate it. Files the plugin writes are targets, so they never start another sync.
      if (ref.role === 'source') runner?.request()
      return []
    },
  }
}
