import { l10n, STATUS_ROUTE } from '@l10n-sync/vite'
import { createServer } from 'vite'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { outsideCi } from './utils/env.ts'
import { createProject, type TestProject } from './utils/project.ts'

// `vite dev` closed while its background sync is in flight: `server.close()` resolves only after that sync has
// finished its step, so nothing writes into the project after the server is gone (a script that closes the server and
// then commits, copies or removes the project sees every file as the sync left it).

const cleanups: (() => unknown)[] = []
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c()
})
beforeEach(outsideCi)

async function devServer(p: TestProject) {
  const server = await createServer({
    root: p.dir,
    configFile: false,
    plugins: [l10n({ order: 'always' })],
    logLevel: 'silent',
    server: { port: 0, host: '127.0.0.1' },
  })
  await server.listen()
  return server
}

describe('vite dev: closing the server', () => {
  it('waits for the sync in flight: its order is in the lock when close() resolves, and nothing is written after', async () => {
    const p = await createProject({ 'locales/en/common.json': { hello: 'Hello {{name}}', bye: 'Goodbye' } }, { targets: ['ja'] })
    cleanups.push(p.cleanup)
    p.write('index.html', '<!doctype html><div id="app"></div>')
    // The order's answer comes 1.5 s after Gengo took it: the first sync is in flight when the server closes.
    await p.admin('POST', 'faults', { kind: 'delay-after', route: 'POST translate/jobs', ms: 1500 })
    const server = await devServer(p)
    for (let i = 0; i < 200 && (await p.ledger()).jobs_created === 0; i++) await new Promise((r) => setTimeout(r, 25))
    expect((await p.ledger()).jobs_created).toBe(2)
    expect(p.exists('locales/ja/common.json')).toBe(false)
    await server.close()
    // The sync finished before close resolved: the order id is in the lock, the intent gone.
    const lock = p.readJson('l10n.lock.json')
    expect(lock.intents).toBeUndefined()
    expect(Object.keys(lock.targets.ja.common).sort()).toEqual(['bye', 'hello'])
    const after = p.read('l10n.lock.json')
    await new Promise((r) => setTimeout(r, 300))
    expect(p.read('l10n.lock.json')).toBe(after)
  }, 30_000)

  it('a server closed with no sync running closes at once and starts none', async () => {
    const p = await createProject({ 'locales/en/common.json': { hello: 'Hello' } }, { targets: ['ja'] })
    cleanups.push(p.cleanup)
    p.write('index.html', '<!doctype html><div id="app"></div>')
    const server = await devServer(p)
    const address = server.httpServer?.address() as { port: number }
    const port = address.port
    const status = async () => (await fetch(`http://127.0.0.1:${port}${STATUS_ROUTE}`)).json()
    for (let i = 0; i < 400; i++) {
      const s = await status()
      if (s.syncs >= 1 && !s.running) break
      await new Promise((r) => setTimeout(r, 25))
    }
    expect(await status()).toMatchObject({ syncs: 1, running: false })
    await server.close()
    const requests = (await p.ledger()).requests
    await new Promise((r) => setTimeout(r, 300))
    expect((await p.ledger()).requests).toBe(requests)
  }, 30_000)
})
