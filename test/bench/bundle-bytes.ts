/**
 * The bench's page weight (run.ts, the vite case): what a page downloads from the backend build
 * (`virtual:l10n-sync/backend`, one chunk per language × namespace) against the resources build, whose entry chunk
 * holds every language.
 */
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

/** The bytes of the entry chunk that `<outDir>/<html>` loads. */
export function entryBytes(dir: string, outDir = 'dist', html = 'index.html'): number {
  const page = readFileSync(join(dir, outDir, html), 'utf8')
  const src = /<script type="module"[^>]*src="\/([^"]+\.js)"/.exec(page)?.[1]
  if (!src) throw new Error(`no entry script in ${outDir}/${html}`)
  return statSync(join(dir, outDir, src)).size
}

/** The backend app beside viteApp's: its own page and config, built to dist-backend/ with chunks named by language. */
export function backendApp(dir: string): void {
  writeFileSync(join(dir, 'backend.html'), '<!doctype html><script type="module" src="/src/backend-main.js"></script>\n')
  writeFileSync(
    join(dir, 'src/backend-main.js'),
    "import l10nBackend, { namespaces, source } from 'virtual:l10n-sync/backend'\nconsole.log(l10nBackend.type, source, namespaces.length)\n",
  )
  writeFileSync(
    join(dir, 'vite.backend.config.mjs'),
    `import l10n from '@l10n-sync/vite'
import { defineConfig } from 'vite'
const chunkFileNames = (chunk) => {
  const m = /virtual:l10n-sync\\/resources\\/([^/]+)\\/([^/]+)$/.exec(chunk.facadeModuleId ?? '')
  return m ? \`assets/l10n.\${decodeURIComponent(m[1])}.\${decodeURIComponent(m[2])}-[hash].js\` : 'assets/[name]-[hash].js'
}
export default defineConfig({
  plugins: [l10n()],
  build: { outDir: 'dist-backend', rollupOptions: { input: 'backend.html', output: { chunkFileNames } } },
})
`,
  )
}

const kb = (n: number) => `${(n / 1024).toFixed(1)} KiB`

/** The table: the entry chunk of each build, and per language the chunks a page of it downloads. */
export function bundleBytes(dir: string, resourcesEntry: number): string {
  const assets = join(dir, 'dist-backend/assets')
  const perLang = new Map<string, number>()
  for (const f of readdirSync(assets)) {
    const m = /^l10n\.([^.]+)\./.exec(f)
    if (m) perLang.set(m[1] as string, (perLang.get(m[1] as string) ?? 0) + statSync(join(assets, f)).size)
  }
  const entry = entryBytes(dir, 'dist-backend', 'backend.html')
  const source = perLang.get('en') ?? 0
  const targets = [...perLang].filter(([l]) => l !== 'en').map(([, n]) => n)
  const mid = targets.sort((a, b) => a - b)[Math.floor(targets.length / 2)] ?? 0
  const lines = [
    '| bundle bytes, 10k × 20 (minified, not compressed) | bytes |',
    '|---|---:|',
    `| resources build: entry chunk (every language) | ${kb(resourcesEntry)} |`,
    `| backend build: entry chunk (no locale text) | ${kb(entry)} |`,
    `| backend build: en (the fallback), ${perLang.size > 0 ? 'all namespaces' : 'none found'} | ${kb(source)} |`,
    `| backend build: one target language, median of ${targets.length} | ${kb(mid)} |`,
    `| a ja page downloads: entry + ja + en | ${kb(entry + (perLang.get('ja') ?? 0) + source)} (${((entry + (perLang.get('ja') ?? 0) + source) / resourcesEntry).toFixed(3)}× the resources entry) |`,
  ]
  return lines.join('\n')
}
