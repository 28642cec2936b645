import { describe, expect, it } from 'vitest'
import { runL10nInProcess } from './utils/cli.ts'
import { sameForI18next } from './utils/i18next-oracle.ts'
import { projectPerTest } from './utils/project.ts'

// Issue 20, point 1: placeholders are compared as i18next reads them. A human value that spells a
// placeholder with spaces (`{{ count }}`) is correct: not broken, not repaired, not ordered again.

const newProject = projectPerTest()

const EN = {
  items: '{{count}} items',
  hello: 'Hello {{- name}}',
  total: 'Total: {{amount, number(maximumFractionDigits: 2)}}',
  see: 'See $t(items, {"count": {{n}}})',
  spaced: 'Welcome, {{ user }}!',
}
const JA = {
  items: '{{ count }} 件',
  hello: 'こんにちは {{-name}}',
  total: '合計: {{ amount ,Number(maximumFractionDigits:2) }}',
  see: '$t( items,{ "count":{{ n }}}) を参照',
}

describe('placeholders as i18next reads them, through the CLI (issue 20)', () => {
  it('a human {{ count }} for {{count}} is not broken: --repair orders only the missing key, status --check passes', async () => {
    const p = await newProject({ 'locales/en/app.json': EN, 'locales/ja/app.json': JA }, { targets: ['ja'] })
    const status = JSON.parse((await runL10nInProcess(['status', '--json'], { cwd: p.dir })).stdout)
    expect(status.problems).toEqual([])
    // Only `spaced` is missing; its job keeps `{{ user }}` as one protected segment, and the answer is written.
    const synced = await runL10nInProcess(['sync', '--repair', '--wait=60', '--poll=1', '--json'], { cwd: p.dir })
    expect(synced.code, synced.stderr).toBe(0)
    const report = JSON.parse(synced.stdout)
    expect(report.ordered.jobs).toBe(1)
    expect(report.invalid).toEqual([])
    const ja = p.readJson('locales/ja/app.json')
    expect(ja.spaced).toMatch(/^\[ja\] .*\{\{ user \}\}/)
    for (const [key, text] of Object.entries(EN)) expect([key, sameForI18next(text, ja[key])]).toEqual([key, true])
    for (const [key, value] of Object.entries(JA)) expect(ja[key]).toBe(value)
    expect((await p.ledger()).jobs_created).toBe(1)
    expect((await runL10nInProcess(['status', '--check'], { cwd: p.dir })).code).toBe(0)
  })

  it('a changed format option is still broken (i18next renders it differently)', async () => {
    const p = await newProject(
      {
        'locales/en/app.json': { total: EN.total },
        'locales/ja/app.json': { total: '合計: {{amount, number(maximumFractionDigits: 4)}}' },
      },
      { targets: ['ja'] },
    )
    const status = JSON.parse((await runL10nInProcess(['status', '--json'], { cwd: p.dir })).stdout)
    expect(status.problems.map((x: { key: string; kind: string }) => [x.key, x.kind])).toEqual([['total', 'broken']])
    expect((await runL10nInProcess(['status', '--check'], { cwd: p.dir })).code).toBe(1)
  })
})
