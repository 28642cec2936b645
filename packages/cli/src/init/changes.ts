import { existsSync, readFileSync } from 'node:fs'
import { dirname, join, normalize, relative, resolve } from 'node:path'
import { findConfigFile } from '@l10n-sync/core'
import { ciPackageManager, defaultBranch, githubWorkflow, WORKFLOW_FILE } from './github-workflow.ts'
import { packageManager } from './package-manager.ts'
import { addPlugin, findViteConfig, NEW_VITE_CONFIG, typeReference } from './vite-setup.ts'

/** One file that `l10n init` would create or change. */
export interface FileChange {
  /** Relative to the project directory. */
  file: string
  /** Undefined: a new file. */
  before: string | undefined
  after: string
  /** What it is for, in a few words. */
  why: string
}

export interface InitOptions {
  /** @default 'en' */
  source: string
  /** @default ['ja', 'fr'] */
  targets: string[]
  /** @default 'emulator' */
  endpoint: string
  /** Also write a CI workflow for this provider. @default undefined (none) */
  ci?: 'github'
  /**
   * The locale files' pattern, relative to the app. One that leaves the app (`../../packages/locales/{{lng}}/{{ns}}.json`,
   * a monorepo's shared package) puts the config in that package and points this app's plugin and scripts at it.
   * @default 'locales/{{lng}}/{{ns}}.json'
   */
  files?: string
}

export interface InitPlan {
  changes: FileChange[]
  /** Things init could not do itself, for the user. */
  notes: string[]
  /** Packages the setup uses that package.json does not list (dev dependencies). */
  missing: string[]
  /** Runtime dependencies the setup uses that package.json does not list (i18next in a Vite app). */
  missingRuntime?: string[]
}

export const GITIGNORE_LINES = ['# l10n-sync: the local Gengo emulator’s state', '.l10n/']
/** Also kept out of git: `.env`, where the Gengo keys may live, and the lock backups a corrupt lock leaves. */
export const GITIGNORE_MORE = ['# l10n-sync: the Gengo keys, and backups of a corrupt lock', '.env', '*.corrupt-*']
export const SCRIPTS = Object.freeze({ 'l10n:sync': 'l10n sync --wait', 'l10n:check': 'l10n status --check' })

/** A single-quoted string literal, as the generated config is written. */
const q = (s: string) => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`

export function configText(o: InitOptions): string {
  // Gengo: the default (false), nothing is written before you approve it. The emulator: its translators' work is
  // written as soon as it is reviewable, so the first `sync --wait` ends with the files written.
  const review =
    o.endpoint === 'emulator'
      ? `    // The emulator: write translations once its translator is done, without your approval (the default, false, waits for it).
    acceptReviewable: true,`
      : `    // Write translations only once you approve them (l10n review, or the dev server's /__l10n-sync/ page); true writes reviewable ones.
    acceptReviewable: false,`
  return `import { defineConfig } from '@l10n-sync/core'

export default defineConfig({
  source: ${q(o.source)},
  targets: [${o.targets.map(q).join(', ')}],
  files: ${q(o.files ?? 'locales/{{lng}}/{{ns}}.json')},
  gengo: {
    // 'emulator' runs a local Gengo stand-in; use 'production' with GENGO_PUBLIC_KEY / GENGO_PRIVATE_KEY set.
    endpoint: ${q(o.endpoint)},
    tier: 'standard',
    maxCredits: 50,
${review}
  },
})
`
}

/**
 * Where the config goes: the app (`cwd`), or, for a files pattern that leaves it, the shared package that holds the
 * files (the nearest directory with a package.json at or above the pattern's fixed part, else that part itself), so
 * every file stays inside the config's project. `files` is then the pattern relative to that directory.
 */
export function configHome(cwd: string, files: string): { dir: string; files: string } {
  const fixed = files.slice(0, files.indexOf('{{'))
  const base = fixed.slice(0, fixed.lastIndexOf('/') + 1)
  if (!normalize(base).startsWith('..')) return { dir: cwd, files }
  let dir = resolve(cwd, base)
  // Up to, not into, the app's own ancestors (a monorepo's root has a package.json too).
  for (let d = dir; !`${resolve(cwd)}/`.startsWith(`${d}/`); d = dirname(d)) {
    if (existsSync(join(d, 'package.json'))) {
      dir = d
      break
    }
  }
  return { dir, files: relative(dir, resolve(cwd, files)).split('\\').join('/') }
}

function read(cwd: string, file: string): string | undefined {
  const path = join(cwd, file)
  return existsSync(path) ? readFileSync(path, 'utf8') : undefined
}

/** The indentation a JSON text uses, so an edit keeps it. */
function jsonIndent(text: string): string | number {
  return text.match(/^[{[]\s*\n([ \t]+)/)?.[1] ?? 2
}

/** Everything `l10n init` would do in `cwd`, computed without touching the disk. */
export function planInit(cwd: string, o: InitOptions): InitPlan {
  const changes: FileChange[] = []
  const notes: string[] = []
  const home = configHome(cwd, o.files ?? 'locales/{{lng}}/{{ns}}.json')
  // Relative to cwd: '' for the app itself, '../../packages/locales/' for a shared package.
  const at = home.dir === resolve(cwd) ? '' : `${relative(cwd, home.dir).split('\\').join('/')}/`
  const existing = findConfigFile(home.dir)
  const here = existing?.startsWith(home.dir) ? existing : undefined
  if (here) notes.push(`${at}${here.slice(home.dir.length + 1)} exists: left as it is (edit it to change languages or the endpoint).`)
  else changes.push({ file: `${at}l10n.config.ts`, before: undefined, after: configText({ ...o, files: home.files }), why: 'the config' })
  const configRef = at === '' ? undefined : `${at}${here ? here.slice(home.dir.length + 1) : 'l10n.config.ts'}`
  const sourceFile = `${at}${home.files.replace('{{lng}}', o.source).replace('{{ns}}', 'common')}`
  if (!here && read(cwd, sourceFile) === undefined) {
    const sample = { welcome: 'Welcome, {{name}}!', items_one: '{{count}} item', items_other: '{{count}} items' }
    changes.push({ file: sourceFile, before: undefined, after: `${JSON.stringify(sample, null, 2)}\n`, why: 'a first source file' })
  }

  // Beside the config: the emulator's state (.l10n/), the keys (.env) and lock backups are the config's project's.
  const gitignore = read(cwd, `${at}.gitignore`)
  const ignored = (gitignore ?? '').split('\n').map((l) => l.trim().replace(/^\//, '').replace(/\/$/, ''))
  const blocks = [GITIGNORE_LINES, GITIGNORE_MORE]
    .map(([comment, ...lines]) => [
      comment,
      ...lines.filter((l) => !ignored.includes(l.replace(/\/$/, '')) && !(l === '.env' && ignored.includes('.env*'))),
    ])
    .filter((b) => b.length > 1)
  if (blocks.length > 0) {
    const base = gitignore === undefined ? '' : gitignore.endsWith('\n') || gitignore === '' ? gitignore : `${gitignore}\n`
    const gap = base === '' ? '' : '\n'
    changes.push({
      file: `${at}.gitignore`,
      before: gitignore,
      after: `${base}${gap}${blocks.map((b) => b.join('\n')).join('\n\n')}\n`,
      why: 'keep the emulator state, the keys and lock backups out of git',
    })
  }

  const pkgText = read(cwd, 'package.json')
  let pkg: { scripts?: Record<string, string>; dependencies?: Record<string, string>; devDependencies?: Record<string, string> } = {}
  let pkgOk = false
  if (pkgText === undefined)
    notes.push('No package.json here: add the scripts yourself if you want them (`l10n sync --wait`, `l10n status --check`).')
  else {
    try {
      pkg = JSON.parse(pkgText)
      pkgOk = pkg !== null && typeof pkg === 'object' && !Array.isArray(pkg)
    } catch (error) {
      notes.push(`package.json is not valid JSON (${(error as Error).message}): left as it is.`)
    }
    if (!pkgOk) pkg = {}
    const scripts = configRef ? Object.fromEntries(Object.entries(SCRIPTS).map(([k, v]) => [k, `${v} --config ${configRef}`])) : SCRIPTS
    const add = Object.entries(scripts).filter(([name]) => pkg.scripts?.[name] === undefined)
    if (pkgOk && add.length > 0) {
      const next = { ...pkg, scripts: { ...pkg.scripts, ...Object.fromEntries(add) } }
      changes.push({ file: 'package.json', before: pkgText, after: `${JSON.stringify(next, null, jsonIndent(pkgText))}\n`, why: 'scripts' })
    }
  }
  const deps = { ...pkg.dependencies, ...pkg.devDependencies }

  const viteConfig = findViteConfig(cwd)
  const usesVite = viteConfig !== undefined || deps.vite !== undefined
  if (viteConfig) {
    const text = read(cwd, viteConfig) ?? ''
    if (!text.includes('@l10n-sync/vite')) {
      const after = addPlugin(text, pluginCall(configRef))
      if (after) changes.push({ file: viteConfig, before: text, after, why: 'the Vite plugin' })
      else
        notes.push(
          `Could not find where to add the plugin in ${viteConfig}: add \`import l10n from '@l10n-sync/vite'\` and \`l10n()\` to its plugins.`,
        )
    }
  } else if (usesVite) {
    changes.push({
      file: 'vite.config.ts',
      before: undefined,
      after: NEW_VITE_CONFIG.replace('l10n()', pluginCall(configRef)),
      why: 'the Vite plugin',
    })
  }
  if (usesVite) {
    const ref = typeReference(cwd)
    if (ref) changes.push({ ...ref, why: "types for 'virtual:l10n-sync/resources'" })
  }

  const wanted = [
    '@l10n-sync/core', // the config imports defineConfig from it: pnpm and Yarn PnP resolve only what package.json lists
    '@l10n-sync/cli',
    ...(usesVite ? ['@l10n-sync/vite'] : []),
    ...(o.endpoint === 'emulator' ? ['@l10n-sync/gengo-emulator'] : []),
  ]
  const missing = pkgText === undefined ? [] : wanted.filter((name) => deps[name] === undefined)
  if (o.ci === 'github') {
    if (read(cwd, WORKFLOW_FILE) !== undefined) notes.push(`${WORKFLOW_FILE} exists: left as it is.`)
    else {
      const files = o.files ?? 'locales/{{lng}}/{{ns}}.json'
      const inside = !normalize(files).startsWith('..')
      const sourceGlob = inside ? files.replaceAll('{{lng}}', o.source).replace(/\{\{ns\}\}.*$/, '**') : `locales/${o.source}/**`
      const pm = ciPackageManager(packageManager(cwd, {}))
      const after = githubWorkflow({ branch: defaultBranch(cwd), sourceGlob, pm })
      if (!inside)
        notes.push(`${WORKFLOW_FILE}: the locale files are outside this app; fix on.push.paths to name them from the repository root.`)
      changes.push({ file: WORKFLOW_FILE, before: undefined, after, why: 'the CI workflow (secrets GENGO_PUBLIC_KEY, GENGO_PRIVATE_KEY)' })
    }
    if (o.endpoint === 'emulator')
      notes.push("The config's endpoint is 'emulator': set gengo.endpoint to 'production' (or 'sandbox') before the workflow orders.")
  }
  const missingRuntime = pkgText !== undefined && usesVite && deps.i18next === undefined ? ['i18next'] : []
  return { changes, notes, missing, missingRuntime }
}

/** The plugin's call in vite.config: `l10n()`, or `l10n({ configFile })` for a config in a shared package. */
function pluginCall(configRef: string | undefined): string {
  return configRef ? `l10n({ configFile: ${q(configRef)} })` : 'l10n()'
}
