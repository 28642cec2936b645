/**
 * A scripted round trip against the emulator over real HTTP: order a few strings,
 * let the simulated translators finish, print the translations, then order them
 * again and show that lazy loading returns them at once and free.
 */
import { createGengoClient, type GengoJobInput } from '@l10n-sync/gengo'
import { startEmulator } from '@l10n-sync/gengo-emulator'

const emulator = await startEmulator({ speed: 'fast', publicKey: 'demo-public', privateKey: 'demo-private' })
console.log(`Gengo emulator listening on ${emulator.url}`)
const gengo = createGengoClient({ endpoint: emulator.url, publicKey: 'demo-public', privateKey: 'demo-private' })

const strings: Record<string, string> = {
  'common:greeting': 'Hello [[[{{name}}]]], welcome back!',
  'common:save': 'Save changes',
  'cart:items': 'You have [[[{{count}}]]] items in your cart',
}
const jobs: Record<string, GengoJobInput> = {}
for (const lng of ['ja', 'fr', 'ru']) {
  for (const [key, text] of Object.entries(strings)) {
    jobs[`${key}@${lng}`] = { bodySrc: text, lcSrc: 'en', lcTgt: lng, tier: 'standard', customData: key, slug: key }
  }
}

const first = await gengo.postJobs(jobs)
console.log(`\nOrdered ${Object.keys(jobs).length} jobs: order ${first.orderId}, ${first.creditsUsed.toFixed(2)} ${first.currency}`)
let order = await gengo.getOrder(first.orderId as string)
while (order.jobsQueued > 0 || order.jobsAvailable.length + order.jobsPending.length > 0) {
  await new Promise((r) => setTimeout(r, 500))
  order = await gengo.getOrder(first.orderId as string)
  console.log(
    `  queued ${order.jobsQueued}, available ${order.jobsAvailable.length}, pending ${order.jobsPending.length}, reviewable ${order.jobsReviewable.length}`,
  )
}
const done = await gengo.getJobs([...order.jobsReviewable, ...order.jobsApproved])
console.log('\nTranslations:')
for (const job of done.sort((a, b) => a.lcTgt.localeCompare(b.lcTgt) || a.customData.localeCompare(b.customData))) {
  console.log(`  ${job.lcTgt.padEnd(3)} ${job.customData.padEnd(16)} ${job.bodyTgt}`)
}

const again = await gengo.postJobs(Object.fromEntries(Object.entries(jobs).map(([k, j]) => [`again:${k}`, j])))
const reused = Object.values(again.jobs).filter((j) => j.kind === 'existing').length
console.log(
  `\nOrdered the same ${Object.keys(jobs).length} strings again: ${reused} came back at once through lazy loading, charged ${again.creditsUsed.toFixed(2)} ${again.currency}`,
)
const ledger = await (await fetch(new URL('/_emulator/ledger', emulator.url))).json()
console.log(`Emulator ledger: ${ledger.jobs_created} jobs created, ${ledger.credits_charged} credits charged, ${ledger.requests} requests`)
await emulator.close()
if (reused !== Object.keys(jobs).length || again.creditsUsed !== 0) process.exit(1)
