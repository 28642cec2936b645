import { spawn } from 'node:child_process'
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { l10n } from '@l10n-sync/vite'
import { build } from 'vite'
import { afterEach, describe, expect, it } from 'vitest'
import { L10N_BIN, runL10nInProcess } from './utils/cli.ts'
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
    expect(readFileSync(join(dir, '.gitignore'), 'utf8')).toBe(
      '# l10n-sync: the local Gengo emulator’s state\n.l10n/\n\n# l10n-sync: the Gengo keys, and backups of a corrupt lock\n.env\n*.corrupt-*\n',
    )
  })
})

/** A temp tree with these files (objects as JSON). */
function tree(files: Record<string, unknown>): string {
  const { dir, cleanup } = tempDir('l10n-init-')
  cleanups.push(cleanup)
  for (const [f, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, f)), { recursive: true })
    writeFileSync(join(dir, f), typeof content === 'string' ? content : `${JSON.stringify(content, null, 2)}\n`)
  }
  return dir
}

/** Every file under dir with its content, to compare a tree before and after. */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {}
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true }))
    if (entry.isFile()) out[join(entry.parentPath, entry.name)] = readFileSync(join(entry.parentPath, entry.name), 'utf8')
  return out
}

const VITE_APP = { 'package.json': { name: 'app', private: true, type: 'module', devDependencies: { vite: '^8.0.0' } } }
const init = (args: string[], cwd: string, env: Record<string, string | undefined> = {}) =>
  runL10nInProcess(['init', ...args], { cwd, env })

describe('l10n init: flags, package managers, review default, monorepo (issue 23 §5)', () => {
  it('refuses an unknown --targets or --endpoint with exit 2, naming it, and writes nothing', async () => {
    const dir = tree(VITE_APP)
    const before = snapshot(dir)
    const cases: [string[], RegExp][] = [
      [['--targets', 'JA,fr'], /--targets: 'JA' is written 'ja'/],
      [['--targets', 'ja,xx'], /--targets: Gengo does not offer 'xx'/],
      [['--targets', 'ja,en'], /--targets: 'en' is the source language/],
      [['--source', 'e n'], /--source: 'e n' is not a language code/],
      [['--endpoint', 'bogus'], /--endpoint: 'bogus' is not production, sandbox, emulator or an http\(s\) URL/],
      [['--files', 'locales/{{ns}}.json'], /--files: 'locales\/\{\{ns\}\}\.json' must be a relative pattern with \{\{lng\}\}/],
    ]
    for (const [args, message] of cases) {
      const r = await init([...args, '--yes'], dir)
      expect({ args, code: r.code }).toEqual({ args, code: 2 })
      expect(r.stderr).toMatch(message)
      expect(snapshot(dir)).toEqual(before)
    }
  })

  it('prints the install command of the package manager in use: lock file first, else npm_config_user_agent, else npm', async () => {
    const wanted = 'i18next && {pm} -D @l10n-sync/core @l10n-sync/cli @l10n-sync/vite @l10n-sync/gengo-emulator'
    const cases: [Record<string, string>, Record<string, string>, string][] = [
      [{ 'pnpm-lock.yaml': '' }, {}, 'pnpm add'],
      [{ 'yarn.lock': '' }, { npm_config_user_agent: 'pnpm/12.4.2 npm/? node/v20' }, 'yarn add'],
      [{ 'bun.lock': '' }, {}, 'bun add'],
      [{ 'package-lock.json': '{}' }, {}, 'npm i'],
      [{}, { npm_config_user_agent: 'yarn/4.18.1 npm/? node/v20.19.0 linux x64' }, 'yarn add'],
      [{}, {}, 'npm i'],
    ]
    for (const [files, env, pm] of cases) {
      const dir = tree({ ...VITE_APP, ...files })
      const r = await init(['--yes'], dir, env)
      expect(r.code).toBe(0)
      expect(r.stderr, JSON.stringify(files)).toContain(`Install what the setup uses: ${pm} ${wanted.replace('{pm}', pm)}`)
    }
    // In a workspace package, the lock file is at the root.
    const mono = tree({ 'pnpm-lock.yaml': '', 'apps/web/package.json': VITE_APP['package.json'] })
    expect((await init(['--yes'], join(mono, 'apps/web'))).stderr).toContain('pnpm add i18next && pnpm add -D @l10n-sync/core')
  })

  it('writes acceptReviewable: false (the documented default) for Gengo, true for the emulator; .env and lock backups ignored', async () => {
    for (const [endpoint, value] of [
      ['production', false],
      ['sandbox', false],
      ['https://api.example.test', false],
      ['emulator', true],
    ] as const) {
      const dir = tree({})
      expect((await init(['--endpoint', endpoint, '--yes'], dir)).code).toBe(0)
      const text = readFileSync(join(dir, 'l10n.config.ts'), 'utf8')
      expect(text.match(/^ {4}acceptReviewable: (true|false),$/m)?.[1], endpoint).toBe(String(value))
      expect(readFileSync(join(dir, '.gitignore'), 'utf8').split('\n')).toEqual(expect.arrayContaining(['.l10n/', '.env', '*.corrupt-*']))
    }
    // Only what is missing: an app that ignores .env* already gets only the rest.
    const dir = tree({ '.gitignore': 'node_modules\n.env*\n.l10n\n' })
    await init(['--yes'], dir)
    expect(readFileSync(join(dir, '.gitignore'), 'utf8')).toBe(
      'node_modules\n.env*\n.l10n\n\n# l10n-sync: the Gengo keys, and backups of a corrupt lock\n*.corrupt-*\n',
    )
  })

  it('a monorepo: --files into a shared packages/locales puts the config there and wires each app to it; sync from an app writes there', async () => {
    const app = (name: string) => ({
      [`apps/${name}/package.json`]: { ...VITE_APP['package.json'], name },
      [`apps/${name}/vite.config.ts`]: "import { defineConfig } from 'vite'\n\nexport default defineConfig({\n  plugins: [],\n})\n",
    })
    const root = tree({
      'package.json': { name: 'mono', private: true },
      'pnpm-workspace.yaml': "packages: ['apps/*', 'packages/*']\n",
      'packages/locales/package.json': { name: '@mono/locales', private: true },
      ...app('web'),
      ...app('admin'),
    })
    const files = '../../packages/locales/{{lng}}/{{ns}}.json'
    const web = await init(['--cwd', 'apps/web', '--files', files, '--targets', 'ja', '--yes'], root)
    expect(web.code, web.stderr).toBe(0)
    const admin = await init(['--cwd', 'apps/admin', '--files', files, '--targets', 'ja', '--yes'], root)
    expect(admin.code, admin.stderr).toBe(0)
    expect(admin.stderr).toMatch(/\.\.\/\.\.\/packages\/locales\/l10n\.config\.ts exists: left as it is/)
    const locales = join(root, 'packages/locales')
    expect(readFileSync(join(locales, 'l10n.config.ts'), 'utf8')).toContain("files: '{{lng}}/{{ns}}.json',")
    expect(JSON.parse(readFileSync(join(locales, 'en/common.json'), 'utf8'))).toHaveProperty('welcome')
    expect(readFileSync(join(locales, '.gitignore'), 'utf8')).toMatch(/^\.env$/m)
    for (const name of ['web', 'admin']) {
      const dir = join(root, 'apps', name)
      expect(readFileSync(join(dir, 'vite.config.ts'), 'utf8')).toContain(
        "plugins: [l10n({ configFile: '../../packages/locales/l10n.config.ts' })],",
      )
      expect(JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).scripts).toEqual({
        'l10n:sync': 'l10n sync --wait --config ../../packages/locales/l10n.config.ts',
        'l10n:check': 'l10n status --check --config ../../packages/locales/l10n.config.ts',
      })
      expect(existsSync(join(dir, 'l10n.config.ts'))).toBe(false)
      expect(existsSync(join(dir, '.gitignore'))).toBe(false)
    }
    // The app's own script, run from the app: the shared package is the config's project, and the files land there.
    const sync = await runL10nInProcess(['sync', '--wait', '60', '--poll', '0.2', '--config', '../../packages/locales/l10n.config.ts'], {
      cwd: join(root, 'apps/web'),
    })
    expect(sync.code, sync.stderr).toBe(0)
    expect(JSON.parse(readFileSync(join(locales, 'ja/common.json'), 'utf8')).welcome).toBe('[ja] Wélcómé, {{name}}!')

    // The plugin, given the configFile init wrote into vite.config.ts (relative to Vite's root, the app), bundles them.
    const webDir = join(root, 'apps/web')
    const configFile = /l10n\(\{ configFile: '([^']+)' \}\)/.exec(readFileSync(join(webDir, 'vite.config.ts'), 'utf8'))?.[1] as string
    writeFileSync(join(webDir, 'index.html'), '<script type="module" src="/src/main.js"></script>\n')
    mkdirSync(join(webDir, 'src'), { recursive: true })
    writeFileSync(join(webDir, 'src/main.js'), "import resources from 'virtual:l10n-sync/resources'\nconsole.log(resources)\n")
    await build({ root: webDir, configFile: false, plugins: [l10n({ configFile, sync: false })], logLevel: 'silent' })
    const assets = join(webDir, 'dist/assets')
    const js = readdirSync(assets).map((f) => readFileSync(join(assets, f), 'utf8'))
    expect(js.join('\n')).toContain('[ja] Wélcómé, {{name}}!')
  }, 60_000)
})
