import { describe, expect, it } from 'vitest'
import { CONFIG_DEFAULTS, resolveConfig } from '../../src/config/config.ts'
import { shortHash } from '../../src/files/hash.ts'
import { buildJobs, restoreJob } from '../../src/plan/jobs.ts'
import { inventedMarkup } from '../../src/plan/markup.ts'

// Issue 20, point 3: markup a translator added is treated like an invented placeholder.

describe('invented markup', () => {
  it.each([
    ['Hi', 'Hi <img src=x onerror=alert(1)>', ['<img src=x onerror=alert(1)>']],
    ['Hi', 'Hi <script>alert(1)</script>', ['<script>', '</script>']],
    ['A & B', 'A &amp; B', ['&amp;']],
    ['Fish &amp; chips', 'Fisch &amp; Pommes', []],
    ['a <b>x</b>', 'a <b class="y">x</b>', ['<b class="y">']],
    ['a <b>x</b>', 'a <B>x</B>', []],
    ['x', 'x <my-el>', ['<my-el>']],
    ['x', 'x <!-- c -->', ['<!--']],
    ['x', 'x &#60;', ['&#60;']],
    ['Status: <unknown>', 'Status: <unbekannt>', []],
    ['Use <Enter>', 'Drücken Sie <Eingabe>', []],
    ['Status: <unknown>', 'Status: <img>', ['<img>']],
    ['1 < 2', '1 <2', []],
    ['Click <0>here</0>', '<0>hier</0> klicken', []],
  ])('%j → %j adds %j', (source, text, extra) => {
    expect(inventedMarkup(source, text)).toEqual(extra)
  })

  it('a job answer with markup the source lacks is refused, naming it', () => {
    const config = resolveConfig({ source: 'en', targets: ['ja'] }, '/p')
    const text = 'Hello {{name}}'
    const [req] = buildJobs(config, [{ lng: 'ja', ns: 'c', key: 'k', sourceKey: 'k', text, hash: shortHash(text), state: 'missing' }])
    const o = CONFIG_DEFAULTS.i18next.interpolation
    expect(restoreJob(req!, 'こんにちは [[[{{name}}]]] <img src=x onerror=alert(1)>', o)).toEqual({
      ok: false,
      missing: [],
      extra: ['<img src=x onerror=alert(1)>'],
      problem: 'the translation added markup the source does not have: <img src=x onerror=alert(1)>',
      kind: 'markup',
    })
    expect(restoreJob(req!, 'こんにちは [[[{{name}}]]]', o)).toEqual({ ok: true, text: 'こんにちは {{name}}' })
  })
})
