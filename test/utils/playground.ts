import { type ChildProcess, spawn } from 'node:child_process'
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

export const PLAYGROUND = fileURLToPath(new URL('../../playground/', import.meta.url))
export const VITE_BIN = fileURLToPath(new URL('../node_modules/vite/bin/vite.js', import.meta.url))
const TMP = fileURLToPath(new URL('../.tmp/', import.meta.url))

/**
 * A fresh copy of the playground (English sources only) inside the workspace,
 * so it resolves vite, i18next and @l10n-sync/* like the real one.
 */
export function copyPlayground(configEdit: (source: string) => string = (s) => s): { dir: string; cleanup: () => void } {
  mkdirSync(TMP, { recursive: true })
  const dir = join(TMP, `pg-${process.pid}-${Math.random().toString(36).slice(2, 8)}`)
  mkdirSync(dir)
  for (const f of ['index.html', 'vite.config.ts', 'src']) cpSync(join(PLAYGROUND, f), join(dir, f), { recursive: true })
  cpSync(join(PLAYGROUND, 'locales/en'), join(dir, 'locales/en'), { recursive: true })
  writeFileSync(join(dir, 'l10n.config.ts'), configEdit(readFileSync(join(PLAYGROUND, 'l10n.config.ts'), 'utf8')))
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) }
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number }
      server.close(() => resolve(port))
    })
    server.once('error', reject)
  })
}

export interface Proc {
  child: ChildProcess
  output(): string
  waitFor(re: RegExp, ms?: number): Promise<RegExpMatchArray>
  exit(): Promise<number | null>
  stop(): Promise<void>
}

/** Starts a process and collects stdout+stderr. */
export function start(args: string[], cwd: string, env: Record<string, string | undefined> = {}): Proc {
  const child = spawn(process.execPath, args, { cwd, env: { ...process.env, NO_COLOR: '1', ...env } as NodeJS.ProcessEnv })
  let out = ''
  child.stdout?.on('data', (d) => {
    out += d
  })
  child.stderr?.on('data', (d) => {
    out += d
  })
  const exited = new Promise<number | null>((resolve) => child.once('close', resolve))
  return {
    child,
    output: () => out,
    async waitFor(re, ms = 30_000) {
      const until = Date.now() + ms
      for (;;) {
        const m = out.match(re)
        if (m) return m
        if (child.exitCode !== null || Date.now() > until) throw new Error(`Did not see ${re} (exit ${child.exitCode}). Output:\n${out}`)
        await new Promise((r) => setTimeout(r, 50))
      }
    },
    exit: () => exited,
    async stop() {
      if (child.exitCode === null) {
        child.kill('SIGTERM')
        await exited
      }
    },
  }
}
