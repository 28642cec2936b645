import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { request } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { loadConfig, status } from '@l10n-sync/core'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { hasChromium, launchChromium } from './utils/browser.ts'
import { copyPlayground, freePort, type Proc, start, VITE_BIN } from './utils/playground.ts'

// The review workflow on the real playground: `vite dev` with the plugin, the in-process emulator
// (fast translators), acceptReviewable off so every translation waits for review, Debian's Chromium.

// Screenshots for the closing note: L10N_NOTES_DIR (e.g. /work/notes), else a temp dir.
const NOTES = process.env.L10N_NOTES_DIR ?? join(tmpdir(), 'l10n-review-screenshots')
/** Written only with L10N_DOCS_SCREENSHOT=1 (`pnpm docs:screenshot`): the dev page's questions, for the README. */
const DOCS_SCREENSHOT = fileURLToPath(new URL('../docs/dev-page-questions.png', import.meta.url))
let browser: Browser
let dir: string
let cleanup: () => void
let dev: Proc
let base: string
const pages: Page[] = []

const json = (path: string) => JSON.parse(readFileSync(join(dir, path), 'utf8'))
/** The in-process emulator's persisted state: its jobs (with comments and approvals) and its ledger. */
const emulatorState = () =>
  json('.l10n/emulator.json') as {
    jobs: Record<
      string,
      {
        id: number
        status: string
        bodyTgt?: string
        lcTgt: string
        slug: string
        revisions: number
        comments: { body: string; author: string }[]
        approval?: { rating?: number; forTranslator?: string }
      }
    >
    ledger: { credits_charged: number; jobs_created: number; by_route: Record<string, number> }
  }

/**
 * Opens a URL; a refused connection is retried for a few seconds (Vite may be restarting its server on a
 * loaded machine), and a final failure carries the dev server's output.
 */
/** A wait that, if it fails, says what the dev server printed (a failed sync, a lost project lock). */
async function seeing<T>(wait: Promise<T>): Promise<T> {
  try {
    return await wait
  } catch (error) {
    ;(error as Error).message += `\n--- the dev server's output:\n${dev.output().slice(-6000)}`
    throw error
  }
}

async function open(p: Page, url: string): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      await p.goto(url)
      return
    } catch (error) {
      if (attempt >= 20 || !/ERR_CONNECTION_REFUSED/.test(String(error))) throw new Error(`${error}\n--- dev server ---\n${dev.output()}`)
      await new Promise((r) => setTimeout(r, 500))
    }
  }
}

async function newPage(): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } })
  pages.push(page)
  return page
}

async function overview(): Promise<any> {
  return (await fetch(`${base}/__l10n-sync/api/overview`)).json()
}

/** A raw POST, so the test sets Origin and the token itself (as another site, or a script without the page, would). */
function post(path: string, headers: Record<string, string>, body: unknown): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(`${base}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers } }, (res) => {
      let text = ''
      res.on('data', (d) => {
        text += d
      })
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }))
    })
    req.on('error', reject)
    req.end(JSON.stringify(body))
  })
}

beforeAll(async () => {
  if (!hasChromium()) throw new Error('Chromium is missing at /usr/bin/chromium: run `apt-get install -y chromium` (.ci/run does).')
  browser = await launchChromium()
  ;({ dir, cleanup } = copyPlayground((s) =>
    s
      .replace("targets: ['ja', 'ru', 'ar', 'fr', 'de', 'zh-Hans']", "targets: ['ja', 'ru']")
      .replace('acceptReviewable: true', 'acceptReviewable: false'),
  ))
  const port = await freePort()
  base = `http://localhost:${port}`
  dev = start(['--import', 'tsx', VITE_BIN, '--configLoader', 'native', '--port', String(port), '--strictPort'], dir, {
    L10N_POLL_MS: '1000',
  })
  await dev.waitFor(/Local:\s+http/)
  // Every job ordered and translated, each waiting for review.
  const t0 = Date.now()
  for (;;) {
    const o = await overview().catch(() => ({}))
    if (o.items?.length > 0 && o.items.every((i: { status: string }) => i.status === 'reviewable')) break
    if (Date.now() - t0 > 90_000) throw new Error(`jobs did not all become reviewable:\n${dev.output()}`)
    await new Promise((r) => setTimeout(r, 1000))
  }
  console.log(`[measure] dev server up to every job reviewable: ${Date.now() - t0} ms`)
}, 120_000)

afterAll(async () => {
  for (const p of pages) await p.close()
  await browser?.close()
  await dev?.stop()
  cleanup?.()
})

describe('the /__l10n-sync/ dev page on the playground', () => {
  it('lists every target language × namespace with the counts of the files and the lock, and the review queue', async () => {
    const config = await loadConfig({ cwd: dir })
    const report = await status(config)
    const page = await newPage()
    const t0 = Date.now()
    await open(page, `${base}/__l10n-sync/`)
    await page.waitForSelector('#coverage tbody tr')
    console.log(`[measure] dev page first render: ${Date.now() - t0} ms`)
    const rows = await page.$$eval('#coverage tbody tr', (trs) =>
      trs.map((tr) => ({
        lng: tr.getAttribute('data-lng'),
        ns: tr.getAttribute('data-ns'),
        ...Object.fromEntries([...tr.querySelectorAll('td[data-col]')].map((td) => [td.getAttribute('data-col'), td.textContent])),
      })),
    )
    const namespaces = readdirSync(join(dir, 'locales/en'))
      .filter((f) => f.endsWith('.json') && !f.endsWith('.context.json'))
      .map((f) => f.replace(/\.json$/, ''))
    expect(new Set(rows.map((r) => r.lng))).toEqual(new Set(['ja', 'ru']))
    expect(rows).toHaveLength(2 * namespaces.length)
    for (const lng of ['ja', 'ru']) {
      const mine = rows.filter((r) => r.lng === lng)
      const sum = (col: string) => mine.reduce((n, r) => n + Number(String(r[col as keyof typeof r]).split(' / ')[0]), 0)
      const c = report.languages[lng]!
      expect({ lng, translated: sum('translated'), pending: sum('pending'), reviewable: sum('reviewable'), broken: sum('broken') }).toEqual(
        {
          lng,
          translated: c.translated,
          pending: c.pending + c.interim,
          reviewable: c.pending, // every pending job is reviewable now
          broken: c.invalid + c.broken,
        },
      )
      const totals = mine.reduce((n, r) => n + Number(String(r.translated).split(' / ')[1]), 0)
      expect(totals).toBe(c.total)
    }
    const queued = Number(await page.textContent('#queue-count'))
    expect(queued).toBe(report.languages.ja!.pending + report.languages.ru!.pending)
    const card = page.locator('.card[data-key="ja common:app.title"]')
    await expect.poll(() => card.locator('.ctx').textContent()).toMatch(/Product name/)
    expect(await card.locator('.src').textContent()).toBe('en: Lumen Notes')
    // The page never sees the keys.
    const html = await page.content()
    expect(html).not.toMatch(/demo-private|GENGO_PRIVATE_KEY/)
    await page.screenshot({ path: join(NOTES, 'issue-14-dev-page.png'), fullPage: false })
  })

  it('approving a reviewable job writes its translation into the locale file, and the open app updates without a reload', async () => {
    const app = await newPage()
    await open(app, `${base}/?lng=ja`)
    await expect.poll(() => app.textContent('h1')).toBe('Lumen Notes') // English fallback: nothing approved yet
    await app.evaluate(() => {
      ;(window as unknown as { __marker: number }).__marker = 7
    })
    const page = await newPage()
    await open(page, `${base}/__l10n-sync/`)
    const card = page.locator('.card[data-key="ja common:app.title"]')
    const translation = (await card.locator('.tgt').textContent()) as string
    expect(translation).toBe('[ja] Lúmén Nótés')
    const puts = emulatorState().ledger.by_route['PUT translate/job/:id'] ?? 0
    await card.locator('select[aria-label="rating"]').selectOption('5')
    await card.locator('input[aria-label="feedback"]').fill('Kept the brand, thanks')
    const t0 = Date.now()
    await card.locator('button.approve').click()
    await seeing(
      expect
        .poll(async () => `${await page.textContent('#done')}${await page.textContent('#error')}`, { timeout: 20_000 })
        .toMatch(/Approved ja common:app.title; wrote locales\/ja\/common.json/),
    )
    console.log(`[measure] approve click to file written: ${Date.now() - t0} ms`)
    expect(json('locales/ja/common.json').app.title).toBe(translation)
    await seeing(expect.poll(() => app.textContent('h1'), { timeout: 15_000 }).toBe(translation))
    console.log(`[measure] approve click to the open app showing it: ${Date.now() - t0} ms`)
    expect(await app.evaluate(() => (window as unknown as { __marker?: number }).__marker)).toBe(7) // no reload
    const state = emulatorState()
    expect(state.ledger.by_route['PUT translate/job/:id']).toBe(puts + 1)
    const job = Object.values(state.jobs).find((j) => j.lcTgt === 'ja' && j.slug === 'common:app.title')
    expect(job).toMatchObject({ status: 'approved', approval: { rating: 5, forTranslator: 'Kept the brand, thanks' } })
    // Gone from the queue; the lock has no entry left for it.
    await expect.poll(() => page.locator('.card[data-key="ja common:app.title"]').count()).toBe(0)
    expect(json('l10n.lock.json').targets.ja?.common?.['app.title']).toBeUndefined()
  })

  it('a revision request reaches the emulator with its comment, and the revised text arrives later', async () => {
    const page = await newPage()
    await open(page, `${base}/__l10n-sync/`)
    const card = page.locator('.card[data-key="ja common:greeting"]')
    const before = (await card.locator('.tgt').textContent()) as string
    expect(before).toBe('[ja] Wélcómé báck, {{name}}!')
    await card.locator('textarea[aria-label="comment"]').fill('Warmer, please: this greets a returning user')
    await card.locator('button', { hasText: 'Request revision' }).click()
    await expect
      .poll(async () => `${await page.textContent('#done')}${await page.textContent('#error')}`, { timeout: 20_000 })
      .toMatch(/Sent back for revision: ja common:greeting/)
    // What the page shows right after the request (the job is in revision, listed under "Pending at Gengo" while it lasts).
    await page.screenshot({ path: join(NOTES, 'issue-14-revision.png'), fullPage: false })
    const job = Object.values(emulatorState().jobs).find((j) => j.lcTgt === 'ja' && j.slug === 'common:greeting')
    expect(job?.comments).toContainEqual({
      body: 'Warmer, please: this greets a returning user',
      author: 'customer',
      ctime: expect.any(Number),
    })
    expect(job?.revisions).toBe(1)
    expect(json('l10n.lock.json').targets.ja.common.greeting.r).toMatchObject({ a: 'revise', sent: true })
    // Later: the translator's revised text is back in the queue (the page refreshes over the HMR channel).
    const t0 = Date.now()
    await expect
      .poll(() => page.locator('.card[data-key="ja common:greeting"] .tgt').textContent(), { timeout: 30_000 })
      .toBe('[ja rev 1] Wélcómé báck, {{name}}!')
    console.log(`[measure] revision request to the revised text on the page: ${Date.now() - t0} ms`)
    expect(await page.locator('.card[data-key="ja common:greeting"] .k').textContent()).toMatch(/revised after your comment/)
    // Before and after: Gengo's revisions give the text the reviewer sent back, under the new one.
    await expect
      .poll(() => page.locator('.card[data-key="ja common:greeting"] .before').textContent(), { timeout: 30_000 })
      .toBe('before the revision (2 versions): [ja] Wélcómé báck, {{name}}!')
    expect(emulatorState().ledger.by_route['GET translate/job/:id/revisions']).toBeGreaterThanOrEqual(1)
    expect(json('locales/ja/common.json').greeting).toBeUndefined() // still not approved
  })

  it('a POST without the token, or from another origin, is refused with 403 and changes nothing', async () => {
    const page = await newPage()
    await open(page, `${base}/__l10n-sync/`)
    const token = (await page.getAttribute('meta[name="l10n-token"]', 'content')) as string
    expect(token).toMatch(/^[0-9a-f]{48}$/)
    const lock = readFileSync(join(dir, 'l10n.lock.json'), 'utf8')
    const before = emulatorState()
    const body = { lng: 'ru', ns: 'common', key: 'app.title', rating: 1 }
    const noToken = await post('/__l10n-sync/api/approve', { origin: base }, body)
    const wrongToken = await post('/__l10n-sync/api/approve', { origin: base, 'x-l10n-token': 'f'.repeat(48) }, body)
    const otherOrigin = await post('/__l10n-sync/api/approve', { origin: 'http://evil.example', 'x-l10n-token': token }, body)
    const noOrigin = await post('/__l10n-sync/api/revise', { 'x-l10n-token': token }, { ...body, comment: 'x' })
    // From a page of another origin in the browser, with the token in hand: the browser sets Origin itself.
    const other = await newPage()
    await open(other, `http://127.0.0.1:${new URL(base).port}/`)
    const fromBrowser = await other
      .evaluate(
        async ([url, t]) => {
          const res = await fetch(url as string, {
            method: 'POST',
            headers: { 'content-type': 'application/json', 'x-l10n-token': t as string },
            body: '{"lng":"ru","ns":"common","key":"app.title"}',
          })
          return res.status
        },
        [`${base}/__l10n-sync/api/approve`, token],
      )
      .catch(() => 'blocked by the browser (CORS)')
    expect([noToken.status, wrongToken.status, otherOrigin.status, noOrigin.status]).toEqual([403, 403, 403, 403])
    expect(noToken.body).toMatch(/missing or wrong page token/)
    expect(otherOrigin.body).toMatch(/cross-origin request/)
    expect([403, 'blocked by the browser (CORS)']).toContain(fromBrowser)
    const after = emulatorState()
    expect(after.ledger.by_route['PUT translate/job/:id']).toBe(before.ledger.by_route['PUT translate/job/:id'])
    expect(after.ledger.credits_charged).toBe(before.ledger.credits_charged)
    // (A job in revision may come back meanwhile: that is the translator, not the refused requests.)
    const settled = (st: ReturnType<typeof emulatorState>) =>
      Object.values(st.jobs)
        .filter((j) => before.jobs[j.id]?.status !== 'revising')
        .map((j) => `${j.id} ${j.status}`)
    expect(settled(after)).toEqual(settled(before))
    const ruTitle = Object.values(after.jobs).find((j) => j.lcTgt === 'ru' && j.slug === 'common:app.title')
    expect(ruTitle?.status).toBe('reviewable')
    expect(readFileSync(join(dir, 'l10n.lock.json'), 'utf8')).toBe(lock)
    // The same request with the token and the page's own origin goes through.
    const ok = await post('/__l10n-sync/api/approve', { origin: base, 'x-l10n-token': token }, body)
    expect(ok.status).toBe(200)
    expect(json('locales/ru/common.json').app.title).toBe('[ru] Lúmén Nótés')
  })

  it('a broken value in the files is listed; its re-order shows the quote first, then fixes it', async () => {
    const page = await newPage()
    await open(page, `${base}/__l10n-sync/`)
    const token = (await page.getAttribute('meta[name="l10n-token"]', 'content')) as string
    // A person broke an approved translation (an invented placeholder).
    const ru = json('locales/ru/common.json')
    writeFileSync(join(dir, 'locales/ru/common.json'), `${JSON.stringify({ ...ru, app: { ...ru.app, title: 'Lumen {{x}}' } }, null, 2)}\n`)
    const row = page.locator('#broken tr[data-key="ru common:app.title"]')
    await expect.poll(() => row.count(), { timeout: 15_000 }).toBe(1)
    expect(await row.textContent()).toMatch(/\{\{x\}\}/)
    // Without a quote shown first, the re-order is refused.
    const unseen = await post('/__l10n-sync/api/repair', { origin: base, 'x-l10n-token': token }, { lng: 'ru', nonce: 'nope' })
    expect(unseen.status).toBe(409)
    await page.click('#repair-actions button[data-lng="ru"]')
    await expect
      .poll(() => page.textContent('#repair-quote'))
      .toMatch(/A sync --repair of ru would order 0 job\(s\), 0 unit\(s\), for 0\.00 USD/) // the key's approved job is in Gengo's record: free
    await page.locator('#broken').scrollIntoViewIfNeeded()
    await page.screenshot({ path: join(NOTES, 'issue-14-repair-quote.png') })
    await page.click('#repair-quote button')
    await expect
      .poll(async () => `${await page.textContent('#done')}${await page.textContent('#error')}`, { timeout: 20_000 })
      .toMatch(/Re-ordered ru: 0 job\(s\) for 0\.00 USD, 1 reused free; wrote locales\/ru\/common.json/)
    expect(json('locales/ru/common.json').app.title).toBe('[ru] Lúmén Nótés') // the approved job, found in Gengo's record: free
    await expect.poll(() => row.count()).toBe(0)
  })

  it('inspect mode: hovering a string shows its key, namespace, language and status; &key= outlines it', async () => {
    const app = await newPage()
    await open(app, `${base}/?lng=ja&l10n=inspect&key=common:greeting`)
    await expect.poll(() => app.locator('#greeting.l10n-inspect-focus').count(), { timeout: 15_000 }).toBe(1)
    await app.hover('h1')
    const tip = app.locator('#l10n-inspect-tip')
    await expect.poll(() => tip.textContent()).toMatch(/key\s+app\.title\nnamespace\s+common\nlanguage\s+ja\nstatus\s+translated/)
    await app.hover('#greeting')
    await expect
      .poll(() => tip.textContent())
      .toMatch(/key\s+greeting\nnamespace\s+common\nlanguage\s+ja\nstatus\s+(reviewable|revising) \(showing the en fallback\)/)
    await app.hover('#sessions')
    await expect.poll(() => tip.getAttribute('data-key')).toMatch(/^settings:security\.sessions_/)
    await app.hover('h1')
    await app.screenshot({ path: join(NOTES, 'issue-14-inspect.png') })
    // Without ?l10n=inspect the app has no inspector.
    const plain = await newPage()
    await open(plain, `${base}/?lng=ja`)
    await expect.poll(() => plain.textContent('h1')).toBe('[ja] Lúmén Nótés')
    expect(await plain.locator('#l10n-inspect-tip').count()).toBe(0)
  })

  it('a production build carries none of the inspector (grep the bundle)', async () => {
    // NODE_ENV as a user's `vite build` has it (vitest sets 'test', under which Vite's import.meta.env.DEV stays true).
    const build = start(['--import', 'tsx', VITE_BIN, 'build', '--configLoader', 'native'], dir, { L10N_SYNC: '0', NODE_ENV: 'production' })
    expect(await build.exit()).toBe(0)
    const assets = join(dir, 'dist/assets')
    const js = readdirSync(assets)
      .filter((f) => f.endsWith('.js'))
      .map((f) => readFileSync(join(assets, f), 'utf8'))
      .join('\n')
    expect(js).toMatch(/l10n-sync:update/) // the live-update helper is there (harmless without HMR)…
    for (const marker of ['l10n-inspect-tip', 'l10nSyncInspect', 'l10n=inspect', '__l10n-sync/api/keys', 'l10n-inspect-focus'])
      expect({ marker, found: js.includes(marker) }).toEqual({ marker, found: false }) // …the inspector is not
    console.log(`[measure] production bundle: ${Buffer.byteLength(js)} bytes of JS, no inspector`)
  }, 60_000)
})

describe('the dev page: translators’ questions beside the review queue', () => {
  it('shows a translator’s question with the key, source and context, and the reply box answers it (token, origin, loopback as approve)', async () => {
    // A translator asks in a reviewable job's thread: written into the in-process emulator's state file, which each connection reads.
    const file = join(dir, '.l10n/emulator.json')
    const sourceOf = (slug: string): unknown => {
      const at = slug.indexOf(':')
      try {
        return slug
          .slice(at + 1)
          .split('.')
          .reduce((o: any, k) => o?.[k], json(`locales/en/${slug.slice(0, at)}.json`))
      } catch {
        return undefined
      }
    }
    const state = JSON.parse(readFileSync(file, 'utf8'))
    const job = Object.values(
      state.jobs as Record<string, { id: number; lcTgt: string; status: string; slug: string; comments: unknown[] }>,
    ).find((j) => j.status === 'reviewable' && typeof sourceOf(j.slug) === 'string')
    expect(job).toBeDefined()
    const id = job?.id as number
    const slug = job?.slug as string // ns:key
    const lng = job?.lcTgt as string
    const [ns, key] = [slug.slice(0, slug.indexOf(':')), slug.slice(slug.indexOf(':') + 1)]
    const text = sourceOf(slug) as string
    let ctx: string | undefined
    try {
      ctx = json(`locales/en/${ns}.context.json`)[key]
    } catch {}
    const question = 'Is this a button label or a sentence? Formal or casual?'
    // A background sync may save the state it loaded over this edit: ask again until the emulator keeps it.
    const ask = () => {
      const now = JSON.parse(readFileSync(file, 'utf8'))
      const j = now.jobs[String(id)]
      if (j.comments.some((c: { body: string }) => c.body === question)) return
      j.comments.push({ body: question, author: 'translator', ctime: Math.floor(Date.now() / 1000) })
      writeFileSync(file, JSON.stringify(now))
    }
    ask()
    const page = await newPage()
    await open(page, `${base}/__l10n-sync/`)
    const card = page.locator(`.thread[data-thread="${lng} ${slug}"]`)
    await expect
      .poll(
        () => {
          ask()
          return card.count()
        },
        { timeout: 90_000, interval: 1000 },
      )
      .toBe(1)
    expect(await card.locator('.k').textContent()).toBe(`${lng} ${slug} · job ${id} (reviewable)`)
    expect(await card.locator('.src').textContent()).toBe(`en: ${text}`)
    if (ctx) expect(await card.locator('.ctx').textContent()).toContain(ctx)
    expect(await card.locator('.msgs').textContent()).toMatch(/translator: Is this a button label or a sentence\? Formal or casual\?/)
    // Without the page's token and origin, a reply is refused before anything is read or sent.
    const refused = await post('/__l10n-sync/api/reply', { origin: 'http://evil.example' }, { lng, ns, key, text: 'x' })
    expect(refused.status).toBe(403)
    await card.locator('textarea[aria-label="reply"]').fill('A button label: short, and casual like the rest of the app.')
    // The closing note's picture: a question and its answer, about to be sent.
    await card.scrollIntoViewIfNeeded()
    await page.screenshot({ path: join(NOTES, 'issue-21-question-and-answer.png'), fullPage: false })
    // The README's picture (L10N_DOCS_SCREENSHOT=1): the questions section, 1000 px wide.
    if (process.env.L10N_DOCS_SCREENSHOT === '1') {
      await page.setViewportSize({ width: 1000, height: 900 })
      await card.scrollIntoViewIfNeeded()
      await page.locator('#threads-section').screenshot({ path: DOCS_SCREENSHOT })
      await page.setViewportSize({ width: 1280, height: 900 })
    }
    const t0 = Date.now()
    await card.locator('button.approve').click()
    await seeing(
      expect
        .poll(async () => `${await page.textContent('#done')}${await page.textContent('#error')}`, { timeout: 20_000 })
        .toContain(`Replied to the translator of ${lng} ${slug}`),
    )
    console.log(`[measure] reply click to Gengo (emulator) having it: ${Date.now() - t0} ms`)
    const after = emulatorState()
    expect(after.jobs[String(id)]?.comments.at(-1)).toMatchObject({
      author: 'customer',
      body: 'A button label: short, and casual like the rest of the app.',
    })
    expect(after.ledger.by_route['POST translate/job/:id/comment']).toBe(1)
    await expect.poll(() => page.locator(`.thread[data-thread="${lng} ${slug}"]`).count(), { timeout: 15_000 }).toBe(0)
  }, 150_000)
})
