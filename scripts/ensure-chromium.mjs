#!/usr/bin/env node
// The browser tests drive Debian's Chromium (never a downloaded browser). Install it when it is missing.
import { execSync } from 'node:child_process'
import { existsSync } from 'node:fs'

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
if (existsSync(CHROMIUM)) process.exit(0)

const root = typeof process.getuid === 'function' && process.getuid() === 0
const sudo = root ? '' : 'sudo -n '
const run = (cmd) => execSync(cmd, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } })
console.error(`[l10n] ${CHROMIUM} is missing; installing Debian's chromium package for the browser tests…`)
try {
  try {
    run(`${sudo}apt-get install -y --no-install-recommends chromium`)
  } catch {
    run(`${sudo}apt-get update`)
    run(`${sudo}apt-get install -y --no-install-recommends chromium`)
  }
} catch {
  console.error(
    '[l10n] Could not install Chromium. Run `apt-get install -y chromium` as root (or set CHROMIUM_PATH), then run the tests again.',
  )
  process.exit(1)
}
if (!existsSync(CHROMIUM)) {
  console.error(`[l10n] chromium installed but ${CHROMIUM} is still missing; set CHROMIUM_PATH.`)
  process.exit(1)
}
