import { execFileSync } from 'node:child_process'
import { join } from 'node:path'
import { tempDir } from './tmp.ts'

/** Real git, as CI runs it: no user config, no signing, `main` as the default branch. */
const ENV = {
  ...process.env,
  GIT_AUTHOR_NAME: 'CI',
  GIT_AUTHOR_EMAIL: 'ci@example.com',
  GIT_COMMITTER_NAME: 'CI',
  GIT_COMMITTER_EMAIL: 'ci@example.com',
  GIT_CONFIG_GLOBAL: '/dev/null',
  GIT_CONFIG_NOSYSTEM: '1',
}

export function git(dir: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'init.defaultBranch=main', '-c', 'commit.gpgsign=false', ...args], {
    cwd: dir,
    env: ENV,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  }).trim()
}

export interface Remote {
  /** The bare repository, as a URL for `git clone`. */
  url: string
  /** A fresh clone in a new temp dir: what every CI run starts from. */
  clone(branch?: string): string
  cleanup(): void
}

/** A local bare remote (the "GitHub" of a test), and fresh clones of it. */
export function bareRemote(): Remote {
  const { dir, cleanup } = tempDir('l10n-remote-')
  const url = join(dir, 'origin.git')
  git(dir, 'init', '-q', '--bare', url)
  let n = 0
  return {
    url,
    clone(branch) {
      const to = join(dir, `clone-${++n}`)
      git(dir, 'clone', '-q', ...(branch ? ['-b', branch] : []), url, to)
      return to
    },
    cleanup,
  }
}

/** Stages everything (the .gitignore applies) and commits; returns the new commit, or undefined when nothing changed. */
export function commitAll(dir: string, message: string): string | undefined {
  git(dir, 'add', '-A')
  if (git(dir, 'status', '--porcelain') === '') return undefined
  git(dir, 'commit', '-q', '-m', message)
  return git(dir, 'rev-parse', 'HEAD')
}
