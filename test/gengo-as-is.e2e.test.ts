import { createGengoClient } from '@l10n-sync/gengo'
import { describe, expect, it } from 'vitest'
import { MODES } from './utils/faults.ts'
import { projectPerTest, TEST_KEYS, type TestProject } from './utils/project.ts'

/**
 * Gengo as its docs describe it, where the emulator used to be kinder. A job cancelled on Gengo's
 * side: lazy loading may hand it back forever (the default reading), so the key is ordered again
 * with `force`, through the quote and the budget, and the report says why. A revision whose PUT
 * failed is sent again on the next sync.
 */
const FILES = { 'locales/en/common.json': { hello: 'Hello there', bye: 'Goodbye' } }
const CONFIG = { targets: ['ja'], gengo: { reconcileGrace: 5 } }
const newProject = projectPerTest()

async function cancelHello(p: TestProject): Promise<string> {
  await p.admin('POST', 'advance', { seconds: 60 }) // created and available
  const { jobs } = await p.admin('GET', 'jobs')
  const hello = (jobs as { id: number; bodySrc: string }[]).find((j) => j.bodySrc === 'Hello there')
  const client = createGengoClient({ ...TEST_KEYS, endpoint: p.emulator.url, requestsPerMinute: 0 })
  await client.cancelJob(String(hello?.id))
  return String(hello?.id)
}

describe.each(MODES)('a job cancelled on Gengo (emulator %s)', (_mode, emu) => {
  it('is ordered again with force on the next sync, charged once more, and its translation arrives', async () => {
    const p = await newProject(FILES, CONFIG, { ...emu, speed: 'realistic' })
    expect((await p.sync()).ordered.jobs).toBe(2)
    const id = await cancelHello(p)
    const second = await p.sync()
    expect(second.warnings.join('\n')).toContain(`Gengo job ${id} was cancelled (ja common:hello)`)
    expect(second.warnings.join('\n')).toMatch(/ordered again as a new job \(force\)/)
    expect(second.ordered.jobs).toBe(1)
    await p.admin('POST', 'finish')
    const third = await p.sync()
    expect(third.complete).toBe(true)
    expect(p.readJson('locales/ja/common.json')).toEqual({ hello: '[ja] Hélló théré', bye: '[ja] Góódbyé' })
    const ledger = await p.ledger()
    expect(ledger.jobs_created).toBe(3) // two, and the cancelled one once more
  })

  it('a fresh clone (no lock, no journal) orders a cancelled key again in the same run, not the cancelled job', async () => {
    const p = await newProject(FILES, CONFIG, { ...emu, speed: 'realistic' })
    await p.sync()
    await cancelHello(p)
    await p.admin('POST', 'finish')
    p.remove('l10n.lock.json')
    p.remove('.l10n/l10n.lock.json.inflight.json')
    const fresh = await p.sync()
    // Default reading: lazy loading answers the POST with the cancelled job, so it is posted again with force.
    // Worst case: the cancelled job has no translation and is not handed back; a plain POST orders it.
    expect(fresh.ordered.jobs).toBeGreaterThanOrEqual(1)
    await p.admin('POST', 'finish')
    const done = await p.sync()
    expect(done.complete).toBe(true)
    expect(p.readJson('locales/ja/common.json').hello).toBe('[ja] Hélló théré')
    expect((await p.ledger()).jobs_created).toBe(3)
  })
})

describe('a revision whose PUT failed', () => {
  it('is sent again on the next sync, and the revised translation is written', async () => {
    const p = await newProject({ 'locales/en/common.json': { hi: 'Hi {{name}}' } }, { targets: ['ja'], gengo: { retries: 0 } })
    await p.admin('POST', 'faults', {
      faults: [
        { kind: 'placeholder', mode: 'drop' },
        { kind: 'status', status: 503, route: 'PUT translate/job/:id' },
      ],
    })
    expect((await p.sync()).ordered.jobs).toBe(1)
    const failed = await p.sync()
    expect(failed.invalid).toEqual([expect.objectContaining({ key: 'hi', revised: false })])
    expect(failed.warnings.join('\n')).toMatch(/Could not send Gengo job \d+ back for revision .*the next sync asks again/)
    const resent = await p.sync()
    expect((await p.ledger()).by_route['PUT translate/job/:id']).toBe(2)
    expect(resent.warnings.join('\n')).not.toMatch(/Could not send/)
    const done = await p.sync({ wait: 30, pollIntervalMs: 10 })
    expect(done.complete).toBe(true)
    expect(p.readJson('locales/ja/common.json').hi).toMatch(/\{\{name\}\}/)
    expect((await p.ledger()).jobs_created).toBe(1)
  })
})

describe.each(MODES)('a job id in the lock that Gengo answers with 2100 (emulator %s)', (_mode, emu) => {
  it('is named by key and ordered again, instead of failing every poll', async () => {
    const p = await newProject(FILES, CONFIG, { ...emu, speed: 'realistic' })
    await p.sync()
    await p.admin('POST', 'advance', { seconds: 60 })
    await p.sync() // learns the job ids from the order
    const lock = p.readJson('l10n.lock.json')
    const entry = lock.targets.ja.common.hello
    expect(entry.job).toMatch(/^\d+$/)
    entry.job = '999999' // another account's job, or one the emulator state lost
    p.write('l10n.lock.json', lock)
    // Gengo refuses the whole id list because of the one id, as a 2100 inside an HTTP 200
    await p.admin('POST', 'faults', { kind: 'error', code: 2100, route: 'GET translate/jobs/:ids' })
    const r = await p.sync()
    expect(r.warnings.join('\n')).toMatch(/Gengo does not know job 999999 \(ja common:hello\) for this account \(err 2100: not yours/)
    expect(p.readJson('l10n.lock.json').targets.ja.common.hello.job).not.toBe('999999')
    await p.admin('POST', 'finish')
    expect((await p.sync()).complete).toBe(true)
    expect(p.readJson('locales/ja/common.json').hello).toBe('[ja] Hélló théré')
  })
})

describe.each(MODES)('an approved broken translation (autoApprove waives revisions; emulator %s)', (_mode, emu) => {
  it('is not written and says to repair; --repair orders it again with force, and the new translation is written', async () => {
    const p = await newProject({ 'locales/en/common.json': { hi: 'Hi {{name}}' } }, { targets: ['ja'], gengo: { autoApprove: true } }, emu)
    await p.admin('POST', 'faults', { kind: 'placeholder', mode: 'drop' })
    await p.sync()
    await p.admin('POST', 'finish')
    const plain = await p.sync()
    expect(plain.invalid).toEqual([expect.objectContaining({ key: 'hi', revised: false })])
    expect(plain.warnings.join('\n')).toMatch(/approved with a broken translation .*cannot be revised\. Run sync --repair/)
    expect(p.exists('locales/ja/common.json')).toBe(false) // nothing written
    const repaired = await p.sync({ repair: true })
    expect(repaired.warnings.join('\n')).toMatch(/--repair orders it again as a new job \(force\)/)
    expect(repaired.ordered.jobs).toBe(1)
    await p.admin('POST', 'finish')
    expect((await p.sync({ wait: 30, pollIntervalMs: 10 })).complete).toBe(true)
    expect(p.readJson('locales/ja/common.json').hi).toBe('[ja] Hí {{name}}')
    expect((await p.ledger()).jobs_created).toBe(2)
  })
})
