import { spawn } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { L10N_BIN } from './utils/cli.ts'
import { tempDir } from './utils/tmp.ts'

const cleanups: (() => unknown)[] = []
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c()
})

const PROMPT = new RegExp(`\\[y/N\\] (${String.fromCharCode(27)}\\[\\d+G)?$`)

/** `l10n init` on a pseudo-terminal (util-linux `script`), typing `answer` at the prompt. */
function initOnTty(cwd: string, answer: string): Promise<{ code: number | null; output: string }> {
  const command = [process.execPath, L10N_BIN, 'init'].map((a) => `'${a}'`).join(' ')
  const env = { ...process.env, NO_COLOR: '1', TERM: 'xterm' }
  return new Promise((resolve) => {
    const child = spawn('script', ['-qec', command, '/dev/null'], { cwd, env, stdio: ['pipe', 'pipe', 'pipe'] })
    let output = ''
    let answered = false
    const onData = (d: Buffer) => {
      output += d
      // readline on a terminal may move the cursor after the prompt.
      if (!answered && PROMPT.test(output)) {
        answered = true
        child.stdin.write(`${answer}\r`)
      }
    }
    child.stdout.on('data', onData)
    child.stderr.on('data', onData)
    child.on('close', (code) => resolve({ code, output }))
  })
}

describe('l10n init on a terminal', () => {
  it('shows the diff, asks, and writes only after "y"', async () => {
    const { dir, cleanup } = tempDir()
    cleanups.push(cleanup)
    const no = await initOnTty(dir, 'n')
    expect(no.code).toBe(0)
    expect(no.output).toMatch(/\+\+\+ b\/l10n\.config\.ts/)
    expect(no.output).toMatch(/Write these 3 change\(s\)\? \[y\/N\]/)
    expect(no.output).toMatch(/Nothing written/)
    expect(existsSync(join(dir, 'l10n.config.ts'))).toBe(false)
    const yes = await initOnTty(dir, 'y')
    expect(yes.code).toBe(0)
    expect(yes.output).toMatch(/created l10n\.config\.ts/)
    expect(readFileSync(join(dir, '.gitignore'), 'utf8')).toBe('# l10n-sync: the local Gengo emulator’s state\n.l10n/\n')
  })
})
