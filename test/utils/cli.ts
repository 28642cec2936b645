import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process'
import { Writable } from 'node:stream'
import { fileURLToPath } from 'node:url'

export const L10N_BIN = fileURLToPath(new URL('../../packages/cli/bin/l10n.mjs', import.meta.url))

export interface CliResult {
  code: number | null
  stdout: string
  stderr: string
}

/** Runs the real `l10n` command as a child process (no TTY); `uid`/`gid` run it as another user (from root). */
export function runL10n(
  args: string[],
  options: { cwd: string; env?: Record<string, string | undefined>; uid?: number; gid?: number },
): Promise<CliResult> {
  return new Promise((resolve) => {
    const env = { ...process.env, NO_COLOR: undefined, FORCE_COLOR: undefined, GITHUB_ACTIONS: undefined, ...options.env }
    const user = options.uid === undefined ? {} : { uid: options.uid, gid: options.gid ?? options.uid }
    collect(spawn(process.execPath, [L10N_BIN, ...args], { cwd: options.cwd, env: env as NodeJS.ProcessEnv, ...user }), resolve)
  })
}

function collect(child: ChildProcessWithoutNullStreams | ReturnType<typeof spawn>, done: (r: CliResult) => void): void {
  exited(child).then(done)
}

/** A child's whole output and exit code, once it has closed. */
export function exited(child: ChildProcessWithoutNullStreams | ReturnType<typeof spawn>): Promise<CliResult> {
  let stdout = ''
  let stderr = ''
  child.stdout?.on('data', (d) => {
    stdout += d
  })
  child.stderr?.on('data', (d) => {
    stderr += d
  })
  return new Promise((resolve) => child.once('close', (code) => resolve({ code, stdout, stderr })))
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

/** A Writable that keeps what is written to it, as a string. */
function textSink(onChunk?: (chunk: string) => void): { stream: Writable; text: () => string } {
  let text = ''
  const stream = new Writable({
    decodeStrings: false,
    write(chunk: string | Buffer, _encoding, done) {
      const s = typeof chunk === 'string' ? chunk : chunk.toString('utf8')
      text += s
      onChunk?.(s)
      done()
    },
  })
  return { stream, text: () => text }
}

/**
 * Runs the `l10n` command in this process: the real `runCli`, no child process, with its streams,
 * environment and cwd injected (nothing global is patched). The command sees only `env`, on top
 * of an environment without colour or CI variables (as `runL10n` does, but without inheriting this
 * process's); the Gengo keys come from the project's `.env`. stdout and stderr are not TTYs, as
 * for a spawned run with pipes. Cheap enough for table-driven suites of many cases. `signal` is what
 * Ctrl-C aborts in the bin; `onStdout` sees each write as it happens (for a command that keeps running).
 */
export async function runL10nInProcess(
  args: string[],
  options: { cwd: string; env?: Record<string, string | undefined>; signal?: AbortSignal; onStdout?: (chunk: string) => void },
): Promise<CliResult> {
  const { runCli } = await import('@l10n-sync/cli')
  const stdout = textSink(options.onStdout)
  const stderr = textSink()
  const code = await runCli(args, {
    stdout: stdout.stream,
    stderr: stderr.stream,
    env: { ...options.env },
    cwd: options.cwd,
    signal: options.signal,
  })
  return { code, stdout: stdout.text(), stderr: stderr.text() }
}
