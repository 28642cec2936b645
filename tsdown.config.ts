// One build config for every package: `pnpm build` runs it in each package's folder.
// The entries are what the package publishes: each `publishConfig.exports` target `./dist/<name>.mjs`
// is built from `src/<name>.ts`, and a package with a `bin` gets `src/bin.ts` (its bin script loads dist/bin.mjs).
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { defineConfig } from 'tsdown'

const pkg = process.cwd()
const manifest = JSON.parse(readFileSync(resolve(pkg, 'package.json'), 'utf8')) as {
  bin?: Record<string, string>
  publishConfig?: { exports?: Record<string, string | { default?: string }> }
}
const names = new Set<string>()
for (const target of Object.values(manifest.publishConfig?.exports ?? {})) {
  const file = typeof target === 'string' ? target : target.default
  const m = file?.match(/^\.\/dist\/(.+)\.mjs$/)
  if (m?.[1]) names.add(m[1])
}
if (manifest.bin) names.add('bin')

export default defineConfig({
  cwd: pkg,
  entry: [...names].map((name) => resolve(pkg, 'src', `${name}.ts`)),
  outDir: resolve(pkg, 'dist'),
  format: 'esm',
  dts: true,
  platform: 'node',
  target: 'node20',
  clean: true,
})
