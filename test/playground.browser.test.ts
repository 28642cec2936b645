import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { chromiumPerFile } from './utils/browser.ts'
import { L10N_BIN } from './utils/cli.ts'
import { copyPlayground, freePort, type Proc, start, VITE_BIN } from './utils/playground.ts'

const { browser, defer } = chromiumPerFile()

function track(p: Proc): Proc {
  defer(() => p.stop())
  return p
}

const json = (dir: string, path: string) => JSON.parse(readFileSync(join(dir, path), 'utf8'))

/** The target languages whose pseudo-translations (the emulator marks each with `[lng] `) a text holds. */
function markers(text: string): string[] {
  return [...new Set([...text.matchAll(/\[(ja|ru|ar|fr|de|zh[\w-]*)\] /g)].map((m) => m[1] as string))].sort()
}

describe('the built playground in Chromium', () => {
  it('shows the ja and ru translations, not the English fallback, with a ru plural for 5; a ja page downloads ja and the English fallback only, and the entry chunk holds no translation', async () => {
    const { dir, cleanup } = copyPlayground((s) => s.replace("speed: 'fast'", "speed: 'instant'"))
    defer(cleanup)
    const synced = track(start([L10N_BIN, 'sync', '--wait', '60', '--poll', '0.2'], dir))
    expect(await synced.exit()).toBe(0)
    const build = track(start(['--import', 'tsx', VITE_BIN, 'build', '--configLoader', 'native'], dir))
    expect(await build.exit()).toBe(0)
    expect(build.output()).toMatch(/\[l10n\] synced: up to date/)
    const port = await freePort()
    const preview = track(
      start(['--import', 'tsx', VITE_BIN, 'preview', '--configLoader', 'native', '--port', String(port), '--strictPort'], dir),
    )
    await preview.waitFor(/Local:\s+http/)
    const page = await browser().newPage()
    defer(() => page.close())
    // Every script the page downloads, by URL path.
    const scripts = new Map<string, string>()
    const reads: Promise<void>[] = []
    page.on('response', (r) => {
      if (r.url().endsWith('.js')) reads.push(r.text().then((text) => void scripts.set(new URL(r.url()).pathname, text)))
    })
    // A chunk's body is read after the page has used it: wait for every read before looking.
    const downloaded = async () => {
      await Promise.all(reads)
      return scripts
    }

    await page.goto(`http://127.0.0.1:${port}/?lng=ja`)
    const ja = json(dir, 'locales/ja/common.json')
    await expect.poll(() => page.textContent('#greeting')).toBe(ja.greeting.replace('{{name}}', 'Ada'))
    // The entry chunk (index.html's script) holds no target language and no English text; the page downloaded the
    // ja and en chunks (one per namespace) and no other language.
    await downloaded()
    const entry = (/src="(\/assets\/[^"]+\.js)"/.exec(readFileSync(join(dir, 'dist/index.html'), 'utf8')) ?? [])[1] as string
    expect(scripts.has(entry)).toBe(true)
    const entryText = scripts.get(entry) as string
    expect(markers(entryText)).toEqual([])
    expect(entryText).not.toContain('Welcome back')
    const loaded = [...scripts].filter(([path]) => path !== entry)
    const ofLang = (marker: string) => loaded.filter(([, text]) => markers(text).includes(marker))
    expect(markers(loaded.map(([, text]) => text).join('\n'))).toEqual(['ja'])
    const namespaces = readdirSync(join(dir, 'locales/en')).filter((f) => !f.endsWith('.context.json'))
    expect(namespaces.length).toBe(4)
    expect(ofLang('ja').length).toBe(namespaces.length)
    for (const [, text] of ofLang('ja')) expect(text).not.toContain('Welcome back')
    expect(loaded.some(([, text]) => text.includes('Welcome back, {{name}}!'))).toBe(true)
    const bytes = (list: [string, string][]) => list.reduce((n, [, t]) => n + Buffer.byteLength(t), 0)
    const built = readdirSync(join(dir, 'dist/assets')).filter((f) => f.endsWith('.js'))
    console.log(
      `[measure] ja page: ${scripts.size} scripts of ${built.length} built; entry ${Buffer.byteLength(entryText)} B, ja ${bytes(ofLang('ja'))} B`,
    )
    expect(await page.textContent('#greeting')).not.toBe('Welcome back, Ada!')
    expect(await page.textContent('h1')).toBe(ja.app.title)
    expect(await page.textContent('#notes-count')).toBe(ja.notes_other.replace('{{count}}', '5'))

    await page.selectOption('#language', 'ru')
    const ru = json(dir, 'locales/ru/common.json')
    await expect.poll(() => page.textContent('#greeting')).toBe(ru.greeting.replace('{{name}}', 'Ada'))
    // Changing the language downloads its chunks then, and still no third language.
    expect(markers([...(await downloaded()).values()].join('\n'))).toEqual(['ja', 'ru'])
    expect(ru.notes_many).toBeDefined()
    expect(await page.textContent('#notes-count')).toBe(ru.notes_many.replace('{{count}}', '5'))
    await page.fill('#count', '2')
    expect(await page.textContent('#notes-count')).toBe(ru.notes_few.replace('{{count}}', '2'))
    await page.fill('#count', '21')
    expect(await page.textContent('#notes-count')).toBe(ru.notes_one.replace('{{count}}', '21'))
    expect(await page.innerHTML('#terms')).toMatch(/<a href="#terms">Térms óf Sérvícé<\/a>/)

    await page.selectOption('#language', 'ar')
    await expect.poll(() => page.getAttribute('html', 'dir')).toBe('rtl')
  }, 120_000) // a sync, a vite build and a preview server as child processes, then Chromium
})

describe('the playground dev server in Chromium', () => {
  it('a new English string appears translated on the open page without a reload, and no watcher loop runs', async () => {
    const { dir, cleanup } = copyPlayground((s) => s.replace("targets: ['ja', 'ru', 'ar', 'fr', 'de', 'zh-Hans']", "targets: ['ja', 'ru']"))
    defer(cleanup)
    const port = await freePort()
    const dev = track(
      start(['--import', 'tsx', VITE_BIN, '--configLoader', 'native', '--port', String(port), '--strictPort'], dir, {
        L10N_POLL_MS: '1000',
      }),
    )
    await dev.waitFor(/Local:\s+http/)
    const page = await browser().newPage()
    defer(() => page.close())
    await page.goto(`http://127.0.0.1:${port}/?lng=ja`)
    // The server did not wait for Gengo: the page is up (English fallback) while the first sync runs.
    await expect.poll(() => page.textContent('h1')).toMatch(/Lumen Notes/)
    // Translations arrive over HMR as the emulator's translators finish.
    await expect.poll(() => page.textContent('#greeting'), { timeout: 30_000 }).toBe('[ja] Wélcómé báck, Ada!')
    await page.click('#counter')
    await page.click('#counter')
    await page.click('#counter')
    await page.evaluate(() => {
      ;(window as unknown as { __marker: number }).__marker = 42
    })
    expect(await page.textContent('#counter')).toBe('[ja] Clíckéd 3 tíméS'.replace('S', 's'))

    const en = json(dir, 'locales/en/common.json')
    writeFileSync(join(dir, 'locales/en/common.json'), `${JSON.stringify({ ...en, greeting: 'Welcome home, {{name}}!' }, null, 2)}\n`)
    await expect
      .poll(() => page.textContent('#greeting'), { timeout: 60_000 }) // a loaded CI machine: an order, a translator, a poll
      .toBe('[ja] Wélcómé hómé, Ada!')
      .catch(async (e) => {
        // What the server did and what is on disk, so a failure here says where the string stopped.
        const st = await (await fetch(`http://127.0.0.1:${port}/__l10n-sync/status`)).text()
        const ja = readFileSync(join(dir, 'locales/ja/common.json'), 'utf8').match(/"greeting".*/)?.[0]
        throw new Error(`${(e as Error).message}\nstatus: ${st}\nja greeting on disk: ${ja}\ndev output:\n${dev.output()}`)
      })
    expect(await page.textContent('#counter')).toBe('[ja] Clíckéd 3 tíméS'.replace('S', 's'))
    expect(await page.evaluate(() => (window as unknown as { __marker?: number }).__marker)).toBe(42)

    // Count the syncs: once idle, the count must stay put (the plugin's own writes start no sync).
    const status = async () =>
      (await (await fetch(`http://127.0.0.1:${port}/__l10n-sync/status`)).json()) as { syncs: number; complete: boolean }
    await expect.poll(async () => (await status()).complete, { timeout: 30_000 }).toBe(true)
    const settled = (await status()).syncs
    await new Promise((r) => setTimeout(r, 3500))
    const later = (await status()).syncs
    console.log(`[measure] dev session syncs: ${later} (settled at ${settled})`)
    expect(later).toBe(settled)
    expect(later).toBeLessThan(20)
    expect(dev.output()).not.toMatch(/page reload/)
  }, 180_000)
})
