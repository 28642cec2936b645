import { describe, expect, it } from 'vitest'
import { runL10nInProcess } from './utils/cli.ts'
import { projectPerTest } from './utils/project.ts'

// Issue 21: a key's length limit (`maxChars` in the context file), through the real CLI and the emulator over HTTP.

const newProject = projectPerTest()

const EN = { save: 'Save', title: 'Welcome back' }
const CONTEXT = { save: { context: 'The label of the save button', maxChars: 10 }, title: 'The page heading' }

const sync = async (dir: string, ...args: string[]) => {
  const r = await runL10nInProcess(['sync', '--json', ...args], { cwd: dir })
  return { code: r.code, stderr: r.stderr, report: JSON.parse(r.stdout) }
}

describe('maxChars from the context file (issue 21)', () => {
  it('the limit is in the job comment; a translation over it is not written, is reported and revised; the short revision lands', async () => {
    const p = await newProject({ 'locales/en/app.json': EN, 'locales/en/app.context.json': CONTEXT }, { targets: ['de'] })
    // The translator of the first job ordered (save) adds words: "[de] Sávé" (9 characters) becomes 21.
    await p.admin('POST', 'faults', { kind: 'placeholder', mode: 'inject', text: ' and keep it' })
    expect((await sync(p.dir)).report.ordered.jobs).toBe(2)
    const { jobs } = await p.admin('GET', 'jobs')
    const save = jobs.find((j: { bodySrc: string }) => j.bodySrc.startsWith('Save'))
    expect(save.comment).toBe('The label of the save button\nAt most 10 characters: the space in the app is limited.')
    await p.admin('POST', 'finish')
    const first = await sync(p.dir)
    expect(first.report.invalid).toEqual([
      expect.objectContaining({
        lng: 'de',
        key: 'save',
        revised: true,
        problem: `the translation for app:save is 21 characters long, over the key's limit of 10 (maxChars in the context file)`,
      }),
    ])
    expect(p.readJson('locales/de/app.json')).toEqual({ title: '[de] Wélcómé báck' })
    expect(first.report.complete).toBe(false)
    const revised = (await p.admin('GET', 'jobs')).jobs.find((j: { id: number }) => j.id === save.id)
    // Sent back once (at speed instant the revision is delivered at once, without the added words).
    expect(revised).toMatchObject({ revisions: 1, bodyTgt: '[de] Sávé [[[(context: app:save)]]]' })

    await p.admin('POST', 'advance', { seconds: 2 * 3600 })
    const fixed = await sync(p.dir)
    expect(fixed.report.complete).toBe(true)
    expect(p.readJson('locales/de/app.json')).toEqual({ save: '[de] Sávé', title: '[de] Wélcómé báck' })
    expect((await p.ledger()).jobs_created).toBe(2)
  })

  it('an existing value over the limit is broken in status and sync, and --repair replaces it; a bad maxChars is an error naming the file and key', async () => {
    const p = await newProject(
      {
        'locales/en/app.json': EN,
        'locales/en/app.context.json': CONTEXT,
        'locales/de/app.json': { save: 'Speichern unter', title: 'Willkommen zurück' },
      },
      { targets: ['de'] },
    )
    const status = await runL10nInProcess(['status', '--json', '--check'], { cwd: p.dir })
    expect(status.code).toBe(1)
    const report = JSON.parse(status.stdout)
    expect(report.problems).toEqual([
      expect.objectContaining({
        lng: 'de',
        ns: 'app',
        key: 'save',
        kind: 'broken',
        problem: `the value is 15 characters long, over the key's limit of 10 (maxChars in the context file)`,
      }),
    ])
    expect(report.languages.de).toMatchObject({ broken: 1 })
    const plain = await sync(p.dir)
    expect(plain.report.broken).toEqual([expect.objectContaining({ key: 'save' })])
    expect(p.readJson('locales/de/app.json').save).toBe('Speichern unter') // a person's value is kept
    expect((await p.ledger()).jobs_created).toBe(0)
    // --repair orders it anew, with the limit in the comment; the short translation replaces the long value.
    const repair = await sync(p.dir, '--repair')
    expect(repair.report.ordered.jobs).toBe(1)
    const { jobs } = await p.admin('GET', 'jobs')
    expect(jobs.map((j: { comment: string }) => j.comment)).toEqual([
      'The label of the save button\nAt most 10 characters: the space in the app is limited.',
    ])
    // Ordered by this run, fetched by the next (the emulator translates at once).
    await sync(p.dir)
    expect(p.readJson('locales/de/app.json')).toEqual({ save: '[de] Sávé', title: 'Willkommen zurück' })

    p.write('locales/en/app.context.json', { save: { context: 'Button', maxChars: 0 } })
    const bad = await runL10nInProcess(['status', '--json'], { cwd: p.dir })
    expect(bad.code).toBe(1) // a bad file, like a locale file that does not parse
    expect(JSON.parse(bad.stdout).error.code).toBe('L10N_RESOURCE')
    expect(JSON.parse(bad.stdout).error.message).toBe(
      `[l10n] locales/en/app.context.json: key "save" has "maxChars" 0: write a whole number of characters of at least 1. A key's entry is a string or {"context": "a note for the translator", "maxChars": 20}.`,
    )
  })
})
