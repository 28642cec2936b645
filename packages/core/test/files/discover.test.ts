import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, relative, sep } from 'node:path'
import fg from 'fast-glob'
import { afterEach, describe, expect, it } from 'vitest'
import { resolveConfig } from '../../src/config/config.ts'
import { discoverNamespaces, patternRegExp } from '../../src/files/resources.ts'

// Namespaces are found with one readdir when {{ns}} is in the last path segment; the answer must be fast-glob's.

const dirs: string[] = []
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
})

function project(files: string, tree: Record<string, string | null>): ReturnType<typeof resolveConfig> {
  const root = mkdtempSync(join(tmpdir(), 'l10n-discover-'))
  dirs.push(root)
  for (const [path, content] of Object.entries(tree)) {
    const abs = join(root, path)
    mkdirSync(join(abs, '..'), { recursive: true })
    if (content === null) mkdirSync(abs, { recursive: true })
    else if (content.startsWith('->')) symlinkSync(content.slice(2), abs)
    else writeFileSync(abs, content)
  }
  return resolveConfig({ source: 'en', targets: ['ja'], files }, root)
}

/** What fast-glob finds (the way namespaces were found before), or the error it leads to. */
async function withFastGlob(config: ReturnType<typeof resolveConfig>): Promise<string[] | string> {
  const esc = (s: string) => s.replace(/[*?[\]{}()!]/g, '\\$&')
  const glob = config.files.split('{{lng}}').join(config.source).split('{{ns}}').map(esc).join('*')
  const re = patternRegExp(config, config.files)
  const found = await fg(glob, { cwd: config.root, onlyFiles: false, markDirectories: true, dot: false, absolute: true })
  const names = new Set<string>()
  for (const f of found) {
    if (f.endsWith('/')) return `${relative(config.root, f.slice(0, -1))} is a directory`
    const ns = re.exec(f.split(sep).join('/'))?.groups?.ns
    if (ns) names.add(ns)
  }
  return [...names].sort()
}

const mine = (config: ReturnType<typeof resolveConfig>) =>
  discoverNamespaces(config).catch((e: Error) => e.message.replace(/^\[l10n\] /, '').replace(/ is a directory.*$/, ' is a directory'))

describe('discoverNamespaces', () => {
  const files: Record<string, string | null> = {
    'locales/en/common.json': '{}',
    'locales/en/b.json': '{}',
    'locales/en/.hidden.json': '{}',
    'locales/en/notes.txt': '',
    'locales/en/sub': null,
    'locales/en/sub/deep.json': '{}',
    'locales/en/linked.json': '->common.json',
    'locales/en/broken.json': '->nowhere.json',
    'locales/en/app-x.json': '{}',
    'locales/en/app-.json': '{}',
    'locales/en/x.strings.json': '{}',
    'locales/ja/common.json': '{}',
  }

  it.each([
    'locales/{{lng}}/{{ns}}.json',
    'locales/{{lng}}/app-{{ns}}.json',
    'locales/{{lng}}/{{ns}}.strings.json',
    'locales/{{lng}}/sub/{{ns}}.json',
    'missing/{{lng}}/{{ns}}.json',
    'locales/{{ns}}/{{lng}}.json',
  ])('finds what fast-glob finds for %s', async (pattern) => {
    const config = project(pattern, files)
    expect(await mine(config)).toEqual(await withFastGlob(config))
  })

  it('a directory where a source file should be is an error, as before; a directory that does not match is not', async () => {
    const config = project('locales/{{lng}}/{{ns}}.json', { ...files, 'locales/en/folder.json': null })
    expect(await withFastGlob(config)).toMatch(/folder\.json is a directory/)
    expect(await mine(config)).toMatch(/folder\.json is a directory/)
  })

  it('a symbolic link to a directory counts as a directory', async () => {
    const config = project('locales/{{lng}}/{{ns}}.json', { ...files, 'locales/en/dirlink.json': '->sub' })
    expect(await mine(config)).toEqual(await withFastGlob(config))
    expect(await mine(config)).toMatch(/dirlink\.json is a directory/)
  })
})
