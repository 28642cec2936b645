import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'

export const L10N_BIN = fileURLToPath(new URL('../../packages/cli/bin/l10n.mjs', import.meta.url))

export interface CliResult {
  code: number | null
  stdout: string
  stderr: string
}

/** Runs the real `l10n` command as a child process (no TTY). */
export function runL10n(args: string[], options: { cwd: string; env?: Record<string, string | undefined> }): Promise<CliResult> {
  return new Promise((resolve) => {
    const env = { ...process.env, NO_COLOR: undefined, FORCE_COLOR: undefined, GITHUB_ACTIONS: undefined, ...options.env }
    collect(spawn(process.execPath, [L10N_BIN, ...args], { cwd: options.cwd, env: env as NodeJS.ProcessEnv }), resolve)
  })
}

function collect(child: ChildProcessWithoutNullStreams | ReturnType<typeof spawn>, done: (r: CliResult) => void): void {
  let stdout = ''
  let stderr = ''
  child.stdout?.on('data', (d) => {
    stdout += d
  })
  child.stderr?.on('data', (d) => {
    stderr += d
  })
  child.on('close', (code) => done({ code, stdout, stderr }))
}

/** Runs `l10n` under a pseudo-terminal (util-linux `script`), so stdout and stderr are TTYs. Async: the emulator may live in this process. */
export function runL10nTty(args: string[], options: { cwd: string; env?: Record<string, string | undefined> }): Promise<CliResult> {
  const quoted = [process.execPath, L10N_BIN, ...args].map((a) => `'${a.replace(/'/g, "'\\''")}'`).join(' ')
  const env = { ...process.env, NO_COLOR: undefined, FORCE_COLOR: undefined, TERM: 'xterm-256color', COLUMNS: '120', ...options.env }
  return new Promise((resolve) => {
    const child = spawn('script', ['-qec', quoted, '/dev/null'], {
      cwd: options.cwd,
      env: env as NodeJS.ProcessEnv,
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d) => {
      stdout += d
    })
    child.stderr.on('data', (d) => {
      stderr += d
    })
    child.on('close', (code) => resolve({ code, stdout, stderr }))
  })
}

export const ANSI = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`)
