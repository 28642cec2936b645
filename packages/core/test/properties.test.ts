import { mkdirSync, writeFileSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { CONFIG_DEFAULTS, type ResolvedL10nConfig, resolveConfig } from '../src/config/config.ts'
import { compact, flatten, flattenValues, setPath } from '../src/files/flatten.ts'
import { stringifyTree, type TreeObject } from '../src/files/json.ts'
import { readResources } from '../src/files/resources.ts'
import { baselineUpdates, unitId } from '../src/gengo/cleanup.ts'
import { emptyLock, type Lock, type LockEntry, readLock, serializeLock, setEntry } from '../src/lock/lock.ts'
import { renderTargets } from '../src/plan/apply.ts'
import { type InterpolationOptions, protect, restore } from '../src/plan/placeholders.ts'
import { plan, type Unit } from '../src/plan/plan.ts'
import { toTree } from './tree.ts'

/**
 * Property tests (issue 11). L10N_PROPERTY_RUNS sets the runs per property (default 200;
 * `pnpm test:faults` uses 2000); a failure prints fast-check's seed and shrunk counterexample.
 */
const RUNS = Number(process.env.L10N_PROPERTY_RUNS ?? (process.env.L10N_FAULTS === 'full' ? 2000 : 200))
const FILE_RUNS = Math.max(10, Math.round(RUNS / 10))
const o: InterpolationOptions = { ...CONFIG_DEFAULTS.i18next.interpolation }

/** Keys as locale files have them, the hostile ones included; never the key separator. */
const key = fc.oneof(
  fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', '0', '1', '10', 'a b', 'ключ', '键', ''),
  fc.string({ minLength: 1, maxLength: 8 }).filter((k) => !k.includes('.')),
)

/** A JSON text of nested objects and arrays with string leaves, no empty container (they carry no key). */
const localeJson: fc.Arbitrary<string> = fc.letrec<{ node: string; obj: string; arr: string }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.string().map((s) => JSON.stringify(s)),
    tie('obj'),
    tie('arr'),
  ),
  obj: fc
    .uniqueArray(fc.tuple(key, tie('node')), { minLength: 1, maxLength: 5, selector: ([k]) => k })
    .map((entries) => `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${v}`).join(',')}}`),
  arr: fc.array(tie('node'), { minLength: 1, maxLength: 3 }).map((items) => `[${items.join(',')}]`),
})).obj

describe('flatten / unflatten round trip (flatten → setPath → compact → stringifyTree)', () => {
  it('rebuilds the same JSON, keys in order, hostile keys as plain data', () => {
    fc.assert(
      fc.property(localeJson, (text) => {
        const parsed = JSON.parse(text)
        const entries = flatten(parsed, 'x.json', '.')
        const tree: TreeObject = new Map()
        for (const e of entries) setPath(tree, e.path, e.value)
        compact(tree)
        expect(stringifyTree(tree)).toBe(`${JSON.stringify(parsed, null, 2)}\n`)
        expect(flattenValues(parsed, 'x.json', '.')).toEqual(new Map(entries.map((e) => [e.key, e.value])))
        expect(Object.getPrototypeOf({})).toBe(Object.prototype)
        expect(({} as Record<string, unknown>).polluted).toBeUndefined()
      }),
      { numRuns: RUNS },
    )
  })

  it('stringifyTree(toTree(x)) is JSON.stringify(x, null, 2) for any JSON value', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const x = JSON.parse(JSON.stringify(value))
        expect(stringifyTree(toTree(x))).toBe(`${JSON.stringify(x, null, 2)}\n`)
      }),
      { numRuns: RUNS },
    )
  })
})

/** Source strings built from text and i18next placeholders, with the characters that look like them. */
const fragment = fc.oneof(
  fc.constantFrom(
    '{{name}}',
    '{{- html}}',
    '{{count, number}}',
    '{{date, datetime(dateStyle: short)}}',
    '$t(common:nav.home)',
    '$t(items, { "count": {{n}} })',
    '<0>',
    '</0>',
    '<1/>',
    '<br/>',
    '<br />',
    '<strong>',
    '</strong>',
  ),
  fc.constantFrom(' ', 'Hello', 'x', '2 < 3', '>', '{', '}', '(', ')', '$', '[', ']', ',', '\n', 'é', '日本'),
  fc.string({ maxLength: 4 }),
)
const sourceText = fc
  .array(fragment, { maxLength: 12 })
  .map((parts) => parts.join(''))
  // A source with the markers themselves is refused before ordering (resources.ts checkSource).
  .filter((t) => !t.includes('[[[') && !t.includes(']]]'))

describe('placeholder protect / restore', () => {
  it('restore(protect(x).body) gives x back', () => {
    fc.assert(
      fc.property(sourceText, (x) => {
        const { body, placeholders } = protect(x, o)
        expect(restore(body, placeholders, [], o)).toEqual({ ok: true, text: x })
      }),
      { numRuns: RUNS },
    )
  })

  it('a body with one protected segment removed, or changed, is rejected', () => {
    const withPlaceholder = sourceText.filter((x) => protect(x, o).placeholders.length > 0)
    fc.assert(
      fc.property(withPlaceholder, fc.nat(), fc.boolean(), (x, n, alter) => {
        const { body, placeholders } = protect(x, o)
        const segments = [...body.matchAll(/\[\[\[([\s\S]*?)\]\]\]/g)]
        const m = segments[n % segments.length] as RegExpMatchArray
        const at = m.index as number
        const replacement = alter ? `[[[${(m[1] as string).replace(/[A-Za-z0-9]/, (c) => `${c}_x`)}]]]` : ''
        fc.pre(replacement !== m[0])
        const broken = body.slice(0, at) + replacement + body.slice(at + m[0].length)
        expect(restore(broken, placeholders, [], o).ok).toBe(false)
      }),
      { numRuns: RUNS },
    )
  })
  it('a translation whose do-not-translate hint was removed or changed is rejected, not written with the hint in it', () => {
    const hint = fc.constantFrom('(plural "one": 1, 21, 31, 41, 51)', '(ordinal "two": 2, 22)', '(context: app:login)')
    // Any source, spaces at its ends included: the notes where jobs.ts put them are removed verbatim.
    fc.assert(
      fc.property(sourceText, fc.uniqueArray(hint, { minLength: 1, maxLength: 2 }), fc.nat(), fc.boolean(), (x, hints, n, alter) => {
        const { body, placeholders } = protect(x, o)
        // As jobs.ts builds a body: the text, then each hint in markers.
        const sent = [body, ...hints.map((h) => `[[[${h}]]]`)].join(' ')
        expect(restore(sent, placeholders, hints, o)).toEqual({ ok: true, text: x })
        const h = hints[n % hints.length] as string
        const broken = sent.replace(`[[[${h}]]]`, alter ? `[[[${h.replace(/[a-z]+/, (w) => `${w}_x`)}]]]` : '')
        expect(restore(broken, placeholders, hints, o).ok).toBe(false)
      }),
      { numRuns: RUNS },
    )
  })
})

/** A temp project on disk, for the properties that read real files. */
async function project(files: Record<string, unknown>, targets: string[]): Promise<{ config: ResolvedL10nConfig; dir: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'l10n-prop-'))
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true })
    writeFileSync(join(dir, path), `${JSON.stringify(content, null, 2)}\n`)
  }
  return { config: resolveConfig({ source: 'en', targets }, dir), dir }
}

const flatKey = fc.stringMatching(/^[a-z][a-z0-9]{0,5}$/)
const sourceFile = fc.dictionary(
  fc.oneof(
    flatKey,
    flatKey.map((k) => `${k}_one`),
    flatKey.map((k) => `${k}_other`),
  ),
  fc.oneof(sourceText, fc.constantFrom('Open', 'Close', 'Open')).filter((s) => s.trim() !== ''),
  { minKeys: 1, maxKeys: 8 },
)

describe('plan idempotence (plan → apply the writes → plan again)', () => {
  it('after the translations of everything planned are written, the next plan orders nothing and prunes nothing', async () => {
    await fc.assert(
      fc.asyncProperty(
        sourceFile,
        fc.dictionary(flatKey, fc.string({ minLength: 1, maxLength: 6 }), { maxKeys: 4 }),
        fc.boolean(),
        async (source, humanRu, nested) => {
          const en = nested ? { group: source, top: 'Top' } : source
          const { config, dir } = await project({ 'locales/en/common.json': en, 'locales/ru/common.json': { ...humanRu } }, ['ru', 'ja'])
          try {
            const resources = await readResources(config)
            const lock = emptyLock('en')
            const p = plan(config, resources, lock)
            const ordered = new Map<string, Unit>()
            const pruned: Unit[] = []
            const writes = new Map<string, Map<string, Map<string, string>>>()
            const deletes = new Map<string, Map<string, Set<string>>>()
            for (const u of p.units) {
              if (u.state === 'missing' || u.state === 'stale') {
                ordered.set(unitId(u), u)
                const perNs = writes.get(u.lng) ?? new Map<string, Map<string, string>>()
                writes.set(u.lng, perNs)
                const values = perNs.get(u.ns) ?? new Map<string, string>()
                perNs.set(u.ns, values)
                values.set(u.key, `[${u.lng}] ${u.text}`)
                setEntry(lock, u.lng, u.ns, u.key, undefined)
              }
              if (u.state === 'obsolete') {
                pruned.push(u)
                const perNs = deletes.get(u.lng) ?? new Map<string, Set<string>>()
                deletes.set(u.lng, perNs)
                const keys = perNs.get(u.ns) ?? new Set<string>()
                perNs.set(u.ns, keys)
                keys.add(u.key)
              }
            }
            for (const change of renderTargets(config, resources, { writes, deletes }))
              if (change.content !== undefined) {
                mkdirSync(dirname(change.file), { recursive: true })
                writeFileSync(change.file, change.content)
              }
            const baseline = baselineUpdates(lock, p, resources, ordered, pruned)
            for (const b of baseline.lock) setEntry(lock, b.lng, b.ns, b.key, b.entry)
            lock.strings = baseline.strings
            const again = plan(config, await readResources(config), lock)
            const left = again.units.filter((u) => ['missing', 'stale', 'obsolete', 'pending'].includes(u.state))
            expect(left.map((u) => `${u.lng} ${u.key}: ${u.state}`)).toEqual([])
          } finally {
            await rm(dir, { recursive: true, force: true })
          }
        },
      ),
      { numRuns: FILE_RUNS },
    )
  }, 300_000)
})

const hash = fc.stringMatching(/^[0-9a-f]{8,16}$/)
const id = fc.stringMatching(/^[0-9]{1,8}$/)
const lockEntry: fc.Arbitrary<LockEntry> = fc.record(
  {
    h: hash,
    s: fc.constantFrom('pending', 'interim', 'invalid', 'stale'),
    order: id,
    job: id,
    v: fc.option(hash, { nil: null }),
    t: fc.integer({ min: 1_600_000_000, max: 2_000_000_000 }),
    bad: hash,
  },
  { requiredKeys: ['h', 's'] },
) as fc.Arbitrary<LockEntry>
const lockArb: fc.Arbitrary<Lock> = fc
  .record({
    strings: fc.dictionary(key, fc.dictionary(key, fc.string())),
    targets: fc.dictionary(fc.constantFrom('ja', 'ru', 'zh-Hans'), fc.dictionary(key, fc.dictionary(key, lockEntry))),
    intents: fc.dictionary(
      fc.stringMatching(/^[0-9a-f]{12}$/),
      fc.record({
        t: fc.integer({ min: 1_600_000_000, max: 2_000_000_000 }),
        lng: fc.constantFrom('ja', 'ru'),
        jobs: fc.dictionary(key, hash),
      }),
    ),
  })
  .map((l) => ({ version: 1 as const, source: 'en', ...l }))

/** The content of a lock, as plain data (null-prototype records and empty groups normalised). */
function content(lock: Lock): unknown {
  return JSON.parse(serializeLock(lock))
}

describe('lock serialize / read round trip', () => {
  it('readLock(serializeLock(lock)) holds the same lock, and serializing it again gives the same text', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'l10n-lock-'))
    const config = resolveConfig({ source: 'en', targets: ['ja'] }, dir)
    try {
      await fc.assert(
        fc.asyncProperty(lockArb, async (lock) => {
          const text = serializeLock(lock)
          writeFileSync(config.lockfile, text)
          const read = await readLock(config)
          expect(read.warning).toBeUndefined()
          expect(serializeLock(read.lock)).toBe(text)
          expect(content(read.lock)).toEqual(JSON.parse(text))
          expect(Object.getPrototypeOf(read.lock.strings)).toBe(null)
        }),
        { numRuns: RUNS },
      )
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  }, 300_000)
})
