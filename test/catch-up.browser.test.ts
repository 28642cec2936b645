import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { chromiumPerFile } from './utils/browser.ts'
import { copyPlayground, freePort, start, VITE_BIN } from './utils/playground.ts'

// A translation written after the dev server served the module and before the page's listener was on (a slow first
// load on a busy machine) used to reach the page only with the next change to that file. The page now asks for what
// changed since it began to load, once it listens (client.ts CATCH_UP_EVENT, the plugin's catch-up.ts).

const { browser, defer } = chromiumPerFile()

describe('the dev server catches a page up', () => {
  it('a translation written before the page listens still reaches it, without a reload', async () => {
    const { dir, cleanup } = copyPlayground((s) => s.replace("targets: ['ja', 'ru', 'ar', 'fr', 'de', 'zh-Hans']", "targets: ['ja']"))
    defer(cleanup)
    const en = JSON.parse(readFileSync(join(dir, 'locales/en/common.json'), 'utf8'))
    const ja = { ...en, greeting: '[ja] first, {{name}}!' }
    mkdirSync(join(dir, 'locales/ja'))
    writeFileSync(join(dir, 'locales/ja/common.json'), `${JSON.stringify(ja, null, 2)}\n`)
    // The app starts listening 2 s late, as a slow first load would.
    const main = join(dir, 'src/main.ts')
    writeFileSync(
      main,
      readFileSync(main, 'utf8').replace(
        'acceptTranslations(i18next, import.meta.hot, render)',
        'setTimeout(() => { acceptTranslations(i18next, import.meta.hot, render); (window as any).__listening = true }, 2000)',
      ),
    )
    const port = await freePort()
    // No sync: the only writes are the test's.
    const dev = start(['--import', 'tsx', VITE_BIN, '--configLoader', 'native', '--port', String(port), '--strictPort'], dir, {
      L10N_SYNC: '0',
    })
    defer(() => dev.stop())
    await dev.waitFor(/Local:\s+http/)
    const page = await browser().newPage()
    defer(() => page.close())
    await page.goto(`http://127.0.0.1:${port}/?lng=ja`)
    await expect.poll(() => page.textContent('#greeting'), { timeout: 30_000 }).toBe('[ja] first, Ada!')
    expect(await page.evaluate(() => (window as unknown as { __listening?: boolean }).__listening)).toBeUndefined()
    // Written while nobody listens: its update goes to no handler.
    writeFileSync(join(dir, 'locales/ja/common.json'), `${JSON.stringify({ ...ja, greeting: '[ja] second, {{name}}!' }, null, 2)}\n`)
    await expect
      .poll(() => page.evaluate(() => (window as unknown as { __listening?: boolean }).__listening), { timeout: 10_000 })
      .toBe(true)
    await expect.poll(() => page.textContent('#greeting'), { timeout: 10_000 }).toBe('[ja] second, Ada!')
    expect(dev.output()).not.toMatch(/page reload/)
  }, 90_000)
})
