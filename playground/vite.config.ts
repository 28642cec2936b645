import l10n from '@l10n-sync/vite'
import { defineConfig } from 'vite'

export default defineConfig({
  // L10N_STRICT=1 for release builds: fail when any translation is missing, stale or pending.
  plugins: [l10n({ strict: process.env.L10N_STRICT === '1', pollInterval: Number(process.env.L10N_POLL_MS ?? 30_000) })],
})
