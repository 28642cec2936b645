/**
 * What a project's runs produce, recorded: the reports of `status` and `sync` (dry, fetch-only, ordering, after edits,
 * with and without the sums file) and every file a run leaves, on a multi-language, multi-namespace project with every
 * state the plan knows (missing, stale, obsolete, adopted, broken, same-as-source, unused plural forms, context, limits).
 * The snapshot was written by the code before the read was streamed one language at a time (issue 22): how the files
 * are read may change, what comes out may not, byte for byte.
 */
import { readdirSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import { loadConfig, status, sync } from '@l10n-sync/core'
import { expect, it } from 'vitest'
import { projectPerTest, type TestProject } from './utils/project.ts'

const newProject = projectPerTest()

const SOURCE = {
  'locales/en/common.json': {
    welcome: 'Welcome, {{name}}!',
    nav: { home: 'Home', cart: 'Your cart has <1>{{count}}</1> items', back: 'Back' },
    item_one: '{{count}} item',
    item_other: '{{count}} items',
    blank: '',
    same: 'OK',
  },
  'locales/en/common.context.json': { welcome: 'The greeting on the home page', 'nav.home': { maxChars: 12 } },
  'locales/en/shop.json': { buy: 'Buy now', price: 'Price: {{ amount }}', cart: { empty: 'Your cart is empty', total: 'Total' } },
  'locales/en/admin.json': { users: 'Users', roles_one: 'one role', roles_other: '{{count}} roles', save: 'Save <b>now</b>' },
}
// Some values a person wrote before the first sync (adopted), a broken one, one the same as the source, an obsolete key,
// a plural form the language does not use, and a number (not ours: kept where it is).
const TARGETS = {
  'locales/ja/common.json': { welcome: 'ようこそ、{{name}}！', nav: { home: 'ホーム' }, item_one: '{{count}} 個', same: 'OK' },
  'locales/ja/shop.json': { buy: '今すぐ購入', price: '価格' },
  'locales/ru/common.json': { welcome: 'Добро пожаловать, {{name}}!', old: 'Старый ключ', item_few: '{{count}} предмета' },
  'locales/ru/shop.json': { buy: 'Купить', version: 2 },
  'locales/fr/admin.json': { users: 'Utilisateurs', save: 'Enregistrer <b>maintenant</b>' },
  'locales/fr/shop.json': '{\n    "buy": "Acheter",\n    "cart": {\n        "total": "Total"\n    }\n}\n',
}
const CONFIG = { targets: ['ja', 'ru', 'ar', 'fr'], context: 'locales/{{lng}}/{{ns}}.context.json' }

/** Every file of the project but the config and keys, by relative path. */
function files(p: TestProject): Record<string, string> {
  const out: Record<string, string> = {}
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const file = join(dir, name)
      if (statSync(file).isDirectory()) walk(file)
      else out[relative(p.dir, file)] = p.read(relative(p.dir, file))
    }
  }
  walk(p.dir)
  delete out['l10n.config.mjs']
  delete out['.env']
  return out
}

const edit = (p: TestProject, path: string, change: (v: any) => void) => {
  const v = p.readJson(path)
  change(v)
  p.write(path, v)
}

it('status and sync report and write exactly what they did before the streamed read', async () => {
  const p = await newProject({ ...SOURCE, ...TARGETS }, CONFIG)
  const config = () => loadConfig({ cwd: p.dir })
  const steps: Record<string, unknown> = {}
  const wait = { wait: 30, pollIntervalMs: 10 }
  steps['1 status, no lock'] = await status(await config())
  steps['2 dry run'] = await sync(await config(), { dryRun: true })
  steps['3 dry run, ru only'] = await sync(await config(), { dryRun: true, langs: ['ru'] })
  steps['4 fetch-only'] = await sync(await config(), { fetchOnly: true })
  steps['4 files'] = files(p)
  steps['5 sync --wait'] = await sync(await config(), wait)
  steps['5 files'] = files(p)
  steps['6 status, sums'] = await status(await config())
  steps['7 no-op sync'] = await sync(await config())
  // Edits: a changed source text, a new key, a key gone from the source, a translation broken by hand.
  edit(p, 'locales/en/shop.json', (v) => (v.buy = 'Buy it now'))
  edit(p, 'locales/en/admin.json', (v) => (v.audit = 'Audit log for {{user}}'))
  edit(p, 'locales/en/common.json', (v) => delete v.nav.back)
  edit(p, 'locales/ru/admin.json', (v) => (v.users = 'Пользователи {{x}}'))
  steps['8 status after edits'] = await status(await config())
  steps['9 dry run after edits'] = await sync(await config(), { dryRun: true })
  steps['10 fetch-only after edits'] = await sync(await config(), { fetchOnly: true })
  steps['10 files'] = files(p)
  steps['11 sync --repair --wait'] = await sync(await config(), { ...wait, repair: true })
  steps['11 files'] = files(p)
  p.remove('l10n.lock.sums')
  steps['12 status, no sums'] = await status(await config())
  steps['13 sync, no sums'] = await sync(await config())
  steps['13 files'] = files(p)
  steps['14 dry run, sums'] = await sync(await config(), { dryRun: true })
  // One namespace edited, the others read in full (no sums) and clean: a run that writes some files and not others.
  p.remove('l10n.lock.sums')
  edit(p, 'locales/en/shop.json', (v) => (v.cart.empty = 'Nothing in your cart'))
  steps['15 sync --wait, one namespace edited, no sums'] = await sync(await config(), wait)
  steps['15 files'] = files(p)
  edit(p, 'locales/en/admin.json', (v) => (v.users = 'All users'))
  steps['16 sync ja only, one namespace edited'] = await sync(await config(), { ...wait, langs: ['ja'] })
  steps['16 files'] = files(p)
  steps['17 status'] = await status(await config())
  const text = JSON.stringify(steps, null, 2).replaceAll(p.dir, '<dir>')
  await expect(text).toMatchFileSnapshot('./fixtures/outputs.snap')
})
