import { describe, expect, it } from 'vitest'
import { runL10nInProcess } from './utils/cli.ts'
import { sameForI18next } from './utils/i18next-oracle.ts'
import { projectPerTest } from './utils/project.ts'

// Issue 20, point 3: markup a translator added (`<img src=x onerror=alert(1)>`, any tag, attribute
// or entity the source does not have) is treated like an invented placeholder: not written,
// reported, sent back for revision while the job is reviewable.

const newProject = projectPerTest()

const XSS = '<img src=x onerror=alert(1)>'
const EN = { greeting: 'Hello {{name}}', save: 'Save' }

const sync = async (dir: string, ...args: string[]) => {
  const r = await runL10nInProcess(['sync', '--json', ...args], { cwd: dir })
  return { code: r.code, stderr: r.stderr, report: JSON.parse(r.stdout) }
}

describe('markup the source lacks, through the CLI (issue 20)', () => {
  it('an answer that adds <img onerror> is not written, is reported and revised; the clean revision lands', async () => {
    const p = await newProject({ 'locales/en/app.json': EN }, { targets: ['de'] })
    await p.admin('POST', 'faults', { kind: 'placeholder', mode: 'inject', text: ` ${XSS}` })
    expect((await sync(p.dir)).report.ordered.jobs).toBe(2)
    await p.admin('POST', 'finish')
    const first = await sync(p.dir)
    // The fault hits the first job ordered: one key is refused, the other written.
    expect(first.report.invalid).toEqual([
      expect.objectContaining({
        lng: 'de',
        key: 'greeting',
        revised: true,
        problem: `the translation added markup the source does not have: ${XSS}`,
      }),
    ])
    expect(p.readJson('locales/de/app.json')).toEqual({ save: '[de] Sávé' })
    expect(first.report.languages.de).toMatchObject({ translated: 1, invalid: 1 })
    expect(first.report.complete).toBe(false)
    expect(p.read('locales/de/app.json')).not.toContain('<img')

    await p.admin('POST', 'advance', { seconds: 2 * 3600 })
    const fixed = await sync(p.dir)
    expect(fixed.report.complete).toBe(true)
    const de = p.readJson('locales/de/app.json')
    expect(de).toEqual({ greeting: '[de] Hélló {{name}}', save: '[de] Sávé' })
    for (const [key, text] of Object.entries(EN)) expect([key, sameForI18next(text, de[key])]).toEqual([key, true])
    expect((await p.ledger()).jobs_created).toBe(2)
  })

  it('a human value with markup the source lacks is broken: kept, listed, status --check fails', async () => {
    const p = await newProject(
      { 'locales/en/app.json': EN, 'locales/de/app.json': { greeting: `Hallo {{name}} ${XSS}`, save: 'Speichern' } },
      { targets: ['de'] },
    )
    const status = JSON.parse((await runL10nInProcess(['status', '--json'], { cwd: p.dir })).stdout)
    expect(status.problems).toEqual([
      expect.objectContaining({
        lng: 'de',
        key: 'greeting',
        kind: 'broken',
        problem: `the value invented markup the source does not have: ${XSS}`,
      }),
    ])
    const check = await runL10nInProcess(['status', '--check'], { cwd: p.dir })
    expect(check.code).toBe(1)
    // A plain sync keeps it (a person wrote it); --repair orders it again.
    expect((await sync(p.dir)).report.ordered.jobs).toBe(0)
    expect(p.readJson('locales/de/app.json').greeting).toBe(`Hallo {{name}} ${XSS}`)
    const repaired = await sync(p.dir, '--repair', '--wait=60', '--poll=1')
    expect(repaired.code, repaired.stderr).toBe(0)
    expect(repaired.report.ordered.jobs).toBe(1)
    expect(p.readJson('locales/de/app.json')).toEqual({ greeting: '[de] Hélló {{name}}', save: 'Speichern' })
    expect((await runL10nInProcess(['status', '--check'], { cwd: p.dir })).code).toBe(0)
  })
})
