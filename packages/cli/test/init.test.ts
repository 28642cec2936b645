import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { configText, planInit } from '../src/init/changes.ts'
import { unifiedDiff } from '../src/init/text-diff.ts'
import { addPlugin, typeReference } from '../src/init/vite-setup.ts'

const dirs: string[] = []
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
})

function tree(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'l10n-init-'))
  dirs.push(dir)
  for (const [f, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, f)), { recursive: true })
    writeFileSync(join(dir, f), text)
  }
  return dir
}

const OPTIONS = { source: 'en', targets: ['ja', 'fr'], endpoint: 'emulator' }

// The files of `npm create vite@9 -- --template vanilla-ts` that init reads.
const VANILLA_TS = {
  'package.json': `{
  "name": "app",
  "private": true,
  "version": "0.0.0",
  "type": "module",
  "scripts": {
    "dev": "vite",
    "build": "tsc && vite build",
    "preview": "vite preview"
  },
  "devDependencies": {
    "typescript": "~7.0.2",
    "vite": "^8.3.4"
  }
}
`,
  'tsconfig.json': `{
  "compilerOptions": {
    "target": "es2023",
    "types": ["vite/client"],
    /* Bundler mode */
    "moduleResolution": "bundler"
  },
  "include": ["src"]
}
`,
  '.gitignore': 'node_modules\ndist\n*.local',
  'src/main.ts': "import './style.css'\n",
}

describe('addPlugin', () => {
  it('puts l10n() first in an existing plugins list, the import after the last import', () => {
    const text =
      "import { defineConfig } from 'vite'\nimport react from '@vitejs/plugin-react'\n\nexport default defineConfig({\n  plugins: [react()],\n})\n"
    expect(addPlugin(text)).toBe(
      "import { defineConfig } from 'vite'\nimport react from '@vitejs/plugin-react'\nimport l10n from '@l10n-sync/vite'\n\nexport default defineConfig({\n  plugins: [l10n(), react()],\n})\n",
    )
  })

  it('keeps a multi-line plugins list and a multi-line import whole', () => {
    const text = "import {\n  defineConfig,\n} from 'vite'\nexport default defineConfig({\n  plugins: [\n    react(),\n  ],\n})\n"
    expect(addPlugin(text)).toBe(
      "import {\n  defineConfig,\n} from 'vite'\nimport l10n from '@l10n-sync/vite'\nexport default defineConfig({\n  plugins: [\n    l10n(),\n    react(),\n  ],\n})\n",
    )
  })

  it('adds a plugins list to defineConfig({}) or a plain object, and an empty list gets just l10n()', () => {
    expect(addPlugin("import { defineConfig } from 'vite'\nexport default defineConfig({ base: '/' })\n")).toBe(
      "import { defineConfig } from 'vite'\nimport l10n from '@l10n-sync/vite'\nexport default defineConfig({\n  plugins: [l10n()], base: '/' })\n",
    )
    expect(addPlugin('export default {\n  plugins: [],\n}\n')).toBe(
      "import l10n from '@l10n-sync/vite'\nexport default {\n  plugins: [l10n()],\n}\n",
    )
  })

  it('gives up (undefined) on a config it cannot edit safely', () => {
    expect(addPlugin('module.exports = makeConfig()\n')).toBeUndefined()
  })
})

describe('typeReference', () => {
  it('adds the virtual module types next to vite/client in tsconfig "types", keeping comments', () => {
    const dir = tree(VANILLA_TS)
    const edit = typeReference(dir)
    expect(edit?.file).toBe('tsconfig.json')
    expect(edit?.after).toContain('"types": ["vite/client", "@l10n-sync/vite/virtual"],')
    expect(edit?.after).toContain('/* Bundler mode */')
  })

  it('adds a triple-slash reference under the one in src/vite-env.d.ts (older templates)', () => {
    const dir = tree({ 'tsconfig.json': '{ "include": ["src"] }\n', 'src/vite-env.d.ts': '/// <reference types="vite/client" />\n' })
    expect(typeReference(dir)).toEqual({
      file: 'src/vite-env.d.ts',
      before: '/// <reference types="vite/client" />\n',
      after: '/// <reference types="vite/client" />\n/// <reference types="@l10n-sync/vite/virtual" />\n',
    })
  })

  it('creates src/l10n-sync.d.ts when neither exists; nothing when already referenced or without TypeScript', () => {
    expect(typeReference(tree({ 'tsconfig.json': '{}\n', 'src/main.ts': '' }))?.file).toBe('src/l10n-sync.d.ts')
    expect(typeReference(tree({ 'tsconfig.json': '{ "compilerOptions": { "types": ["@l10n-sync/vite/virtual"] } }\n' }))).toBeUndefined()
    expect(typeReference(tree({ 'src/main.js': '' }))).toBeUndefined()
  })
})

describe('planInit', () => {
  it('in a fresh vanilla-ts app: config, source file, .gitignore, scripts, a new vite.config.ts and the types', () => {
    const dir = tree(VANILLA_TS)
    const plan = planInit(dir, OPTIONS)
    expect(plan.changes.map((c) => c.file)).toEqual([
      'l10n.config.ts',
      'locales/en/common.json',
      '.gitignore',
      'package.json',
      'vite.config.ts',
      'tsconfig.json',
    ])
    const get = (f: string) => plan.changes.find((c) => c.file === f)?.after ?? ''
    expect(get('.gitignore')).toBe(
      'node_modules\ndist\n*.local\n\n# l10n-sync: the local Gengo emulator’s state\n.l10n/\n\n# l10n-sync: the Gengo keys, and backups of a corrupt lock\n.env\n*.corrupt-*\n',
    )
    expect(JSON.parse(get('package.json')).scripts).toEqual({
      dev: 'vite',
      build: 'tsc && vite build',
      preview: 'vite preview',
      'l10n:sync': 'l10n sync --wait',
      'l10n:check': 'l10n status --check',
    })
    expect(get('vite.config.ts')).toContain('plugins: [l10n()]')
    expect(plan.missing).toEqual(['@l10n-sync/core', '@l10n-sync/cli', '@l10n-sync/vite', '@l10n-sync/gengo-emulator'])
    expect(plan.missingRuntime).toEqual(['i18next'])
  })

  it('run again after applying: nothing to do', () => {
    const dir = tree(VANILLA_TS)
    for (const c of planInit(dir, OPTIONS).changes) {
      mkdirSync(dirname(join(dir, c.file)), { recursive: true })
      writeFileSync(join(dir, c.file), c.after)
    }
    const again = planInit(dir, OPTIONS)
    expect(again.changes).toEqual([])
    expect(again.notes).toEqual(['l10n.config.ts exists: left as it is (edit it to change languages or the endpoint).'])
  })

  it('without Vite or package.json: only the config, the source file and .gitignore, with a note about scripts', () => {
    const plan = planInit(tree({}), OPTIONS)
    expect(plan.changes.map((c) => c.file)).toEqual(['l10n.config.ts', 'locales/en/common.json', '.gitignore'])
    expect(plan.notes[0]).toMatch(/No package.json here/)
  })

  it('an invalid package.json is left alone and named', () => {
    const plan = planInit(tree({ 'package.json': '{ "name": ' }), OPTIONS)
    expect(plan.changes.map((c) => c.file)).not.toContain('package.json')
    expect(plan.notes.join('\n')).toMatch(/package\.json is not valid JSON/)
  })
})

describe('configText', () => {
  it('writes the options as single-quoted literals, escaped', () => {
    const text = configText({ source: 'en', targets: ['ja', "x'y"], endpoint: 'https://example.test/v2/' })
    expect(text).toContain("source: 'en',")
    expect(text).toContain("targets: ['ja', 'x\\'y'],")
    expect(text).toContain("endpoint: 'https://example.test/v2/',")
  })
})

describe('unifiedDiff', () => {
  it('a new file is all additions', () => {
    expect(unifiedDiff('a.txt', undefined, 'x\ny\n')).toBe('--- /dev/null\n+++ b/a.txt\n@@ -0,0 +1,2 @@\n+x\n+y')
  })

  it('an edit shows its lines with context, and far-apart edits make separate hunks', () => {
    const before = `${Array.from({ length: 12 }, (_, i) => `l${i}`).join('\n')}\n`
    const after = before.replace('l1\n', 'l1\nnew\n').replace('l10', 'L10')
    expect(unifiedDiff('f', before, after)).toBe(
      [
        '--- a/f',
        '+++ b/f',
        '@@ -1,5 +1,6 @@',
        ' l0',
        ' l1',
        '+new',
        ' l2',
        ' l3',
        ' l4',
        '@@ -8,5 +9,5 @@',
        ' l7',
        ' l8',
        ' l9',
        '-l10',
        '+L10',
        ' l11',
      ].join('\n'),
    )
  })
})
