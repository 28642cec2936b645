import { existsSync } from 'node:fs'
import { type Browser, chromium } from 'playwright-core'
import { afterAll, afterEach, beforeAll } from 'vitest'

/** Debian's Chromium, never a downloaded one. `.ci/run` installs it. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

export function hasChromium(): boolean {
  return existsSync(CHROMIUM)
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-quic',
    ],
  })
}

/**
 * One Chromium for a test file, and cleanups run after each test (newest first): call at the top of a browser test
 * file, then `browser()` for the instance and `defer(fn)` for what a test must undo.
 */
export function chromiumPerFile(): { browser: () => Browser; defer: (fn: () => unknown) => void } {
  const cleanups: (() => unknown)[] = []
  let browser: Browser | undefined
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c()
  })
  beforeAll(async () => {
    if (!hasChromium()) throw new Error(`Chromium is missing at ${CHROMIUM}: run \`apt-get install -y chromium\` (.ci/run does).`)
    browser = await launchChromium()
  })
  afterAll(async () => {
    await browser?.close()
  })
  return {
    browser: () => {
      if (!browser) throw new Error('Chromium is not launched yet (use browser() inside a test)')
      return browser
    },
    defer: (fn) => {
      cleanups.push(fn)
    },
  }
}
