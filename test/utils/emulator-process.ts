import { type ChildProcess, spawn } from 'node:child_process'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'

export const EMULATOR_BIN = fileURLToPath(new URL('../../packages/gengo-emulator/bin/gengo-emulator.mjs', import.meta.url))

/** Starts the real `gengo-emulator` bin and resolves with its URL from the first line it prints. */
export async function spawnEmulator(
  args: string[],
  env: Record<string, string | undefined> = {},
): Promise<{ url: string; child: ChildProcess; firstLine: string; stop(): Promise<void> }> {
  const child = spawn(process.execPath, [EMULATOR_BIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } })
  let stderr = ''
  child.stderr?.on('data', (d) => {
    stderr += d
  })
  const firstLine = await new Promise<string>((resolve, reject) => {
    const rl = createInterface({ input: child.stdout as NodeJS.ReadableStream })
    rl.once('line', (line) => resolve(line))
    child.once('exit', (code) => reject(new Error(`gengo-emulator exited with ${code}: ${stderr}`)))
  })
  const url = firstLine.replace(/^Gengo emulator listening on /, '')
  return {
    url,
    child,
    firstLine,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve()
        child.once('exit', () => resolve())
        child.kill('SIGTERM')
      }),
  }
}
