import { join } from 'node:path'
import { parseEnv } from 'node:util'
import { L10nError } from '../errors.ts'
import { type Env, type FileSystem, nodeFileSystem } from '../io.ts'

export const KEY_NAMES = ['GENGO_PUBLIC_KEY', 'GENGO_PRIVATE_KEY'] as const

export interface GengoKeys {
  publicKey?: string
  privateKey?: string
}

/** `.env` beside the config, parsed; {} when there is none. */
export function readDotEnv(root: string, fs: FileSystem = nodeFileSystem): Env {
  let text: string
  try {
    text = fs.readFileSync(join(root, '.env'), 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {}
    throw new L10nError('L10N_CONFIG', `Could not read ${join(root, '.env')}: ${(error as Error).message}`, {
      file: join(root, '.env'),
      cause: error,
    })
  }
  return parseEnv(text)
}

/** A key set but empty (`GENGO_PUBLIC_KEY=` in a compose file or CI) counts as unset; any other value is a key. */
function pick(value: string | undefined): string | undefined {
  return value === undefined || value === '' ? undefined : value
}

/** The Gengo keys: the injected environment first, then `.env` beside the config for what it lacks. */
export function resolveKeys(root: string, env: Env, fs: FileSystem = nodeFileSystem): GengoKeys & { describeMissing(): string[] } {
  const dot = KEY_NAMES.some((n) => pick(env[n]) === undefined) ? readDotEnv(root, fs) : {}
  const get = (n: (typeof KEY_NAMES)[number]) => pick(env[n]) ?? pick(dot[n])
  return {
    publicKey: get('GENGO_PUBLIC_KEY'),
    privateKey: get('GENGO_PRIVATE_KEY'),
    describeMissing: () =>
      KEY_NAMES.filter((n) => get(n) === undefined).map((n) => (env[n] === '' || dot[n] === '' ? `${n} (set but empty)` : n)),
  }
}
