import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process'
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

/**
 * Runs the `l10n` command in this process (the real `runCli`, no child process): stdout and
 * stderr are captured while it runs, `env` is applied to process.env and restored after.
 * Cheap enough for table-driven suites of many cases.
 */
export async function runL10nInProcess(
  args: string[],
  options: { cwd: string; env?: Record<string, string | undefined> },
): Promise<CliResult> {
  const { runCli } = await import('@l10n-sync/cli')
  let stdout = ''
  let stderr = ''
  const saved = { out: process.stdout.write, err: process.stderr.write }
  const savedEnv: Record<string, string | undefined> = {}
  for (const [k, v] of Object.entries({ NO_COLOR: '1', FORCE_COLOR: undefined, GITHUB_ACTIONS: undefined, ...options.env })) {
    savedEnv[k] = process.env[k]
    if (v === undefined) delete process.env[k]
    else process.env[k] = v
  }
  const capture = (append: (s: string) => void) =>
    ((chunk: string | Uint8Array, ...rest: unknown[]) => {
      append(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'))
      const cb = rest.find((r) => typeof r === 'function') as (() => void) | undefined
      cb?.()
      return true
    }) as typeof process.stdout.write
  process.stdout.write = capture((s) => {
    stdout += s
  })
  process.stderr.write = capture((s) => {
    stderr += s
  })
  try {
    const code = await runCli([...args, '--cwd', options.cwd])
    return { code, stdout, stderr }
  } finally {
    process.stdout.write = saved.out
    process.stderr.write = saved.err
    for (const [k, v] of Object.entries(savedEnv)) {
      if (v === undefined) delete process.env[k]
      else process.env[k] = v
    }
  }
}
