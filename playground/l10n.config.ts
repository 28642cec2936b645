import { defineConfig } from '@l10n-sync/core'

export default defineConfig({
  source: 'en',
  targets: ['ja', 'ru', 'ar', 'fr', 'de', 'zh-Hans'],
  files: 'locales/{{lng}}/{{ns}}.json',
  gengo: {
    // The embedded Gengo emulator: runs in-process, keeps its state in .l10n/emulator.json.
    endpoint: 'emulator',
    emulator: { speed: 'fast' },
    tier: 'standard',
    acceptReviewable: true,
    maxCredits: 400,
  },
  cli: {
    sync: { poll: 1 },
  },
})
