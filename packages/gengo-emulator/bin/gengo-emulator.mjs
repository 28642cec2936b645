#!/usr/bin/env node
// In the workspace (sources present) run the TypeScript sources through tsx; a published package ships dist/ only.
import { existsSync } from 'node:fs'

const source = new URL('../src/bin.ts', import.meta.url)
if (existsSync(source)) {
  const { register } = await import('tsx/esm/api')
  register()
  await import(source.href)
} else {
  await import(new URL('../dist/bin.mjs', import.meta.url).href)
}
