import { describe, expect, it } from 'vitest'
import { runL10nInProcess } from './utils/cli.ts'
import { sameForI18next } from './utils/i18next-oracle.ts'
import { projectPerTest } from './utils/project.ts'

// Issue 20, point 2: the source's own edge whitespace is part of the string. Gengo matches and
// translators trim, so jobs carry the text without it and each key gets its own edges back.

const newProject = projectPerTest()

const EN = { a: 'Failed to connect…\r\n', b: 'Failed to connect…', c: ' Items', d: 'Line one\nLine two', e: '\tTotal: {{n}}  ' }

describe('edge whitespace, through the CLI (issue 20)', () => {
  it("each translation is written with its source's edges; texts that differ only there are one job", async () => {
    const p = await newProject({ 'locales/en/app.json': EN }, { targets: ['ja', 'de'] })
    const synced = await runL10nInProcess(['sync', '--wait=60', '--poll=1', '--json'], { cwd: p.dir })
    expect(synced.code, synced.stderr).toBe(0)
    const report = JSON.parse(synced.stdout)
    expect(report.complete).toBe(true)
    // a and b share one job per language: 4 distinct texts × 2 languages.
    expect(report.ordered.jobs).toBe(8)
    expect((await p.ledger()).jobs_created).toBe(8)
    for (const lng of ['ja', 'de']) {
      const t = p.readJson(`locales/${lng}/app.json`)
      expect(t.a).toMatch(/^\[\w+\] \S.*…\r\n$/)
      expect(t.b).toBe(t.a.slice(0, -2))
      expect(t.c).toMatch(/^ \[\w+\] \S/)
      expect(t.d).toMatch(/^\[\w+\] \S.*\n.*\S$/)
      expect(t.d).not.toContain('\r')
      expect(t.e).toMatch(/^\t\[\w+\] \S.*\{\{n\}\} {2}$/)
      for (const [key, text] of Object.entries(EN)) expect([lng, key, sameForI18next(text, t[key])]).toEqual([lng, key, true])
    }
    // Nothing left to do: the written values are up to date (no loop on the edges).
    const again = JSON.parse((await runL10nInProcess(['sync', '--json'], { cwd: p.dir })).stdout)
    expect([again.requests, again.ordered.jobs]).toEqual([0, 0])
  })

  it("a translator's own edge whitespace does not reach the file; only the source's edges do", async () => {
    const p = await newProject({ 'locales/en/app.json': { c: ' Items', a: 'Failed\r\n' } }, { targets: ['ja'] })
    await p.admin('POST', 'faults', { kind: 'placeholder', mode: 'inject', text: '  \n', times: 2 })
    const synced = await runL10nInProcess(['sync', '--wait=60', '--poll=1', '--json'], { cwd: p.dir })
    expect(synced.code, synced.stderr).toBe(0)
    expect(JSON.parse(synced.stdout).invalid).toEqual([])
    expect(p.readJson('locales/ja/app.json')).toEqual({ c: ' [ja] Ítéms', a: '[ja] Fáíléd\r\n' })
  })
})
