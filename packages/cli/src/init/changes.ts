import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { findConfigFile } from '@l10n-sync/core'
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
}

export interface InitPlan {
  changes: FileChange[]
  /** Things init could not do itself, for the user. */
  notes: string[]
  /** Packages the setup uses that package.json does not list. */
  missing: string[]
}

export const GITIGNORE_LINES = ['# l10n-sync: the local Gengo emulator’s state', '.l10n/']
export const SCRIPTS = Object.freeze({ 'l10n:sync': 'l10n sync --wait', 'l10n:check': 'l10n status --check' })

/** A single-quoted string literal, as the generated config is written. */
const q = (s: string) => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`

export function configText(o: InitOptions): string {
  return `import { defineConfig } from '@l10n-sync/core'

export default defineConfig({
  source: ${q(o.source)},
  targets: [${o.targets.map(q).join(', ')}],
  files: 'locales/{{lng}}/{{ns}}.json',
  gengo: {
    // 'emulator' runs a local Gengo stand-in; use 'production' with GENGO_PUBLIC_KEY / GENGO_PRIVATE_KEY set.
    endpoint: ${q(o.endpoint)},
    tier: 'standard',
    maxCredits: 50,
    // Write translations once Gengo's translator is done, without waiting for your approval on Gengo.
    acceptReviewable: true,
  },
})
`
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
  const existing = findConfigFile(cwd)
  if (existing?.startsWith(cwd))
    notes.push(`${existing.slice(cwd.length + 1)} exists: left as it is (edit it to change languages or the endpoint).`)
  else changes.push({ file: 'l10n.config.ts', before: undefined, after: configText(o), why: 'the config' })
  const sourceFile = `locales/${o.source}/common.json`
  if (!existing?.startsWith(cwd) && read(cwd, sourceFile) === undefined) {
    const sample = { welcome: 'Welcome, {{name}}!', items_one: '{{count}} item', items_other: '{{count}} items' }
    changes.push({ file: sourceFile, before: undefined, after: `${JSON.stringify(sample, null, 2)}\n`, why: 'a first source file' })
  }

  const gitignore = read(cwd, '.gitignore')
  const ignored = (gitignore ?? '').split('\n').map((l) => l.trim())
  if (!ignored.some((l) => l === '.l10n/' || l === '.l10n' || l === '/.l10n/' || l === '/.l10n')) {
    const base = gitignore === undefined ? '' : gitignore.endsWith('\n') || gitignore === '' ? gitignore : `${gitignore}\n`
    const gap = base === '' ? '' : '\n'
    changes.push({
      file: '.gitignore',
      before: gitignore,
      after: `${base}${gap}${GITIGNORE_LINES.join('\n')}\n`,
      why: 'keep the emulator state out of git',
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
    const add = Object.entries(SCRIPTS).filter(([name]) => pkg.scripts?.[name] === undefined)
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
      const after = addPlugin(text)
      if (after) changes.push({ file: viteConfig, before: text, after, why: 'the Vite plugin' })
      else
        notes.push(
          `Could not find where to add the plugin in ${viteConfig}: add \`import l10n from '@l10n-sync/vite'\` and \`l10n()\` to its plugins.`,
        )
    }
  } else if (usesVite) {
    changes.push({ file: 'vite.config.ts', before: undefined, after: NEW_VITE_CONFIG, why: 'the Vite plugin' })
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
  return { changes, notes, missing }
}
