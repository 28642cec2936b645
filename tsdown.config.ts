// One build config for every package: each package runs it from its own folder (`pnpm build`).
import { existsSync } from 'node:fs'
import { resolve } from 'node:path'
import { defineConfig } from 'tsdown'

const pkg = process.cwd()

export default defineConfig({
  cwd: pkg,
  entry: ['src/index.ts', 'src/bin.ts', 'src/client.ts'].map((f) => resolve(pkg, f)).filter((f) => existsSync(f)),
  outDir: resolve(pkg, 'dist'),
  format: 'esm',
  dts: true,
  platform: 'node',
  target: 'node20',
  clean: true,
})
