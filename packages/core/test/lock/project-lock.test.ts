/**
 * The project lock (lock/project-lock.ts): one sync per project at a time, on real directories in a temp dir. A holder
 * in this process or another live one makes the next wait; a lock without a heartbeat for 30 s is taken over; a
 * holder whose lock was taken over learns it at its next heartbeat.
 */
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { ResolvedL10nConfig } from '../../src/config/config.ts'
import { acquireProjectLock } from '../../src/lock/project-lock.ts'

const dirs: string[] = []
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
})

function project(): { config: ResolvedL10nConfig; busy: string } {
  const dir = mkdtempSync(join(tmpdir(), 'l10n-plock-'))
  dirs.push(dir)
  const lockfile = join(dir, 'l10n.lock.json')
  return { config: { lockfile } as ResolvedL10nConfig, busy: `${lockfile}.busy` }
}

/** A lock directory as another machine's sync leaves it, its heartbeat `ageMs` ago. */
function foreignLock(busy: string, ageMs: number): void {
  mkdirSync(busy)
  writeFileSync(`${busy}.owner`, JSON.stringify({ pid: 1, host: 'another-machine' }))
  const at = new Date(Date.now() - ageMs)
  utimesSync(busy, at, at)
}

describe('the project lock', () => {
  it('a second holder in the same process waits for the first to release', async () => {
    const { config, busy } = project()
    const first = await acquireProjectLock(config, 1000)
    expect(existsSync(busy)).toBe(true)
    const order: string[] = []
    const second = acquireProjectLock(config, 5000).then((l) => {
      order.push('second acquired')
      return l
    })
    await new Promise((r) => setTimeout(r, 250))
    order.push('first released')
    await first.release()
    await (await second).release()
    expect(order).toEqual(['first released', 'second acquired'])
    expect([existsSync(busy), existsSync(`${busy}.owner`)]).toEqual([false, false])
  })

  it('a live holder makes the next fail by name once its wait is over', async () => {
    const { config, busy } = project()
    const held = await acquireProjectLock(config)
    await expect(acquireProjectLock(config, 300)).rejects.toMatchObject({
      code: 'L10N_BUSY',
      message: expect.stringContaining(busy),
    })
    await held.release()
  })

  it("another machine's lock with a recent heartbeat is waited for; one without a heartbeat for 30 s is taken over", async () => {
    const { config, busy } = project()
    foreignLock(busy, 5_000)
    await expect(acquireProjectLock(config, 300)).rejects.toMatchObject({ code: 'L10N_BUSY' })
    rmSync(busy, { recursive: true })
    foreignLock(busy, 60_000)
    const held = await acquireProjectLock(config, 300)
    held.check()
    await held.release()
    expect(existsSync(busy)).toBe(false)
  })

  it('a holder whose lock was taken over (its mtime is not the one it set) is told at its next heartbeat, and leaves the new holder alone', async () => {
    const { config, busy } = project()
    const held = await acquireProjectLock(config)
    // Another sync took the lock over: a new directory, a new owner.
    rmSync(busy, { recursive: true })
    foreignLock(busy, 0)
    await new Promise((r) => setTimeout(r, 2_500))
    expect(() => held.check()).toThrow(/project lock .* was lost.*orders nothing more/)
    await held.release()
    expect(existsSync(busy)).toBe(true) // the other sync's
  }, 10_000)

  it('a process that exits while holding the lock removes it', () => {
    const { busy } = project()
    const src = new URL('../../src/lock/project-lock.ts', import.meta.url).pathname
    const script = `const { acquireProjectLock } = await import(${JSON.stringify(src)})
await acquireProjectLock({ lockfile: ${JSON.stringify(busy.replace(/\.busy$/, ''))} })
if (!(await import('node:fs')).existsSync(${JSON.stringify(busy)})) process.exit(3)
throw new Error('a crash while holding the lock')`
    const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { encoding: 'utf8' })
    expect(r.stderr).toContain('a crash while holding the lock')
    expect(r.status).toBe(1)
    expect([existsSync(busy), existsSync(`${busy}.owner`)]).toEqual([false, false])
  })
})
