/** The dev page's HTML: styles, a token in a meta tag, and a small script that renders the overview and posts actions. */

export interface PageOptions {
  token: string
  loopbackOnly: boolean
  host: string
}

const escapeAttr = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;')

const STYLE = `
body{font:14px/1.45 system-ui,sans-serif;margin:0;color:#1d2330;background:#f6f7f9}
header{background:#1d2330;color:#fff;padding:12px 20px;display:flex;gap:16px;align-items:baseline}
header h1{font-size:17px;margin:0}header .meta{opacity:.8;font-size:13px}
main{padding:16px 20px;max-width:1200px}
section{background:#fff;border:1px solid #dde1e7;border-radius:8px;padding:12px 16px;margin-bottom:16px}
h2{font-size:15px;margin:0 0 8px}
table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:4px 8px;border-bottom:1px solid #eef0f3;vertical-align:top}
th{font-weight:600;color:#5a6273;font-size:12px;text-transform:uppercase}
td.n{text-align:right;font-variant-numeric:tabular-nums}
.bad{color:#b3261e;font-weight:600}.warn{background:#fff4e5;border:1px solid #f0b35c;padding:8px 12px;border-radius:6px;margin-bottom:12px}
.card{border:1px solid #dde1e7;border-radius:6px;padding:10px 12px;margin:8px 0}
.card .k{font-family:ui-monospace,monospace;font-size:13px}.card .src{color:#5a6273}.card .tgt{font-size:16px;margin:4px 0}
.card .before{font-size:13px;color:#8a5a00;text-decoration:line-through;text-decoration-color:#c9a25a;margin:2px 0 4px}
.card .ctx{font-size:12px;color:#5a6273;white-space:pre-wrap;border-left:3px solid #dde1e7;padding-left:8px;margin:4px 0}
.actions{display:flex;flex-wrap:wrap;gap:8px;align-items:center;margin-top:6px}
button{font:inherit;padding:3px 10px;border-radius:5px;border:1px solid #8a93a5;background:#fff;cursor:pointer}
button.approve{background:#1b6e3c;color:#fff;border-color:#1b6e3c}
input,select,textarea{font:inherit}textarea{width:280px;height:32px}
.empty{color:#5a6273}.note{font-size:12px;color:#5a6273}
.msg{margin:2px 0;white-space:pre-wrap}.msg.them{color:#1d2330}.msg.you{color:#1b6e3c}
`

const SCRIPT = `
import { createHotContext } from '/@vite/client'
const token = document.querySelector('meta[name="l10n-token"]').content
const $ = (s) => document.querySelector(s)
const el = (tag, attrs = {}, ...kids) => {
  const e = document.createElement(tag)
  for (const [k, v] of Object.entries(attrs)) if (v !== undefined && v !== null) k === 'text' ? (e.textContent = v) : e.setAttribute(k, v)
  for (const kid of kids) if (kid) e.append(kid)
  return e
}
const eta = (s) => (s < 0 ? 'unknown' : s < 90 ? s + ' s' : s < 5400 ? Math.round(s / 60) + ' min' : Math.round(s / 3600) + ' h')
let last
async function load() {
  const res = await fetch('api/overview')
  const data = await res.json()
  if (!res.ok) { $('#error').textContent = data.error; return }
  $('#error').textContent = ''
  last = data
  render(data)
  void loadThreads()
}
async function loadThreads() {
  const res = await fetch('api/comments')
  const data = await res.json()
  if (!res.ok) { $('#threads-note').textContent = data.error; return }
  $('#threads-note').textContent = ''
  const box = $('#threads')
  $('#threads-count').textContent = String(data.threads.length)
  // Keep the cards shown (with what was typed); only their messages change.
  const kept = new Map([...box.children].map((c) => [c.getAttribute('data-thread'), c]))
  const next = data.threads.map((t) => {
    const old = kept.get(t.lng + ' ' + t.ns + ':' + t.key)
    const c = old ?? threadCard(t)
    c.querySelector('.msgs').replaceChildren(...t.thread.slice(-20).map((m) => el('div', { class: 'msg ' + (m.author === 'customer' ? 'you' : 'them') }, el('b', { text: (m.author === 'customer' ? 'you' : m.author) + ': ' }), el('span', { text: m.body }))))
    return c
  })
  if (next.length !== box.children.length || next.some((c, n) => box.children[n] !== c)) box.replaceChildren(...next)
  $('#threads-empty').hidden = data.threads.length > 0
}
function threadCard(t) {
  const text = el('textarea', { placeholder: 'your answer to the translator', 'aria-label': 'reply', maxlength: '25000' })
  const send = el('button', { class: 'approve', text: 'Reply' })
  send.onclick = async () => {
    $('#error').textContent = ''
    const r = await post('reply', { lng: t.lng, ns: t.ns, key: t.key, text: text.value })
    if (!r) return
    text.value = ''
    $('#done').textContent = 'Replied to the translator of ' + r.replied
    await load()
  }
  return el('div', { class: 'card thread', 'data-thread': t.lng + ' ' + t.ns + ':' + t.key },
    el('div', { class: 'k', text: t.lng + ' ' + t.ns + ':' + t.key + ' · job ' + t.jobId + ' (' + t.status + ')' }),
    el('div', { class: 'src', text: d_source() + ': ' + t.source }),
    t.context ? el('div', { class: 'ctx', text: t.context }) : null,
    el('div', { class: 'msgs' }),
    el('div', { class: 'actions' }, text, send))
}
function render(d) {
  $('#meta').textContent = d.source + ' → ' + d.targets.join(', ') + ' · ' + d.syncs + ' sync(s)' + (d.running ? ' · syncing…' : '')
  $('#money').textContent = 'Committed (open jobs): ' + d.committed.toFixed(2) + ' ' + d.currency + (d.spent === null ? '' : ' · spent on Gengo: ' + d.spent.toFixed(2) + ' ' + d.currency)
  const cov = $('#coverage tbody'); cov.replaceChildren()
  for (const c of d.coverage) {
    const broken = c.invalid + (c.broken ?? 0) // Gengo's broken deliveries + broken values in the files
    cov.append(el('tr', { 'data-lng': c.lng, 'data-ns': c.ns },
      el('td', { text: c.lng }), el('td', { text: c.ns }),
      el('td', { class: 'n', 'data-col': 'translated', text: c.translated + ' / ' + c.total }),
      el('td', { class: 'n', 'data-col': 'missing', text: c.missing + c.stale }),
      el('td', { class: 'n', 'data-col': 'pending', text: c.pending + c.interim }),
      el('td', { class: 'n', 'data-col': 'reviewable', text: c.reviewable }),
      el('td', { class: 'n' + (broken ? ' bad' : ''), 'data-col': 'broken', text: broken })))
  }
  const open = d.items.filter((i) => i.status !== 'reviewable' && i.status !== 'approved')
  const pend = $('#pending tbody'); pend.replaceChildren()
  for (const i of open) pend.append(el('tr', { 'data-key': i.lng + ' ' + i.ns + ':' + i.key },
    el('td', { text: i.lng }), el('td', { class: 'k', text: i.ns + ':' + i.key }), el('td', { text: i.jobId }),
    el('td', { 'data-col': 'status', text: i.status + (i.review && i.review.action === 'revise' ? ' (your comment: ' + i.review.comment + ')' : '') }),
    el('td', { text: eta(i.eta) })))
  $('#pending-empty').hidden = open.length > 0
  const queue = d.items.filter((i) => i.status === 'reviewable' && i.translation !== null && !i.problem)
  // Keep the cards already shown (with what the reviewer typed); only their texts change.
  const q = $('#queue')
  $('#queue-count').textContent = String(queue.length)
  const kept = new Map([...q.children].map((c) => [c.getAttribute('data-key'), c]))
  const next = queue.map((i) => {
    const old = kept.get(i.lng + ' ' + i.ns + ':' + i.key)
    if (!old) return card(i)
    old.querySelector('.tgt').textContent = i.translation
    old.querySelector('.before')?.remove()
    if (i.revision) old.querySelector('.tgt').after(beforeRevision(i))
    old.querySelector('.k').textContent = head(i)
    return old
  })
  if (next.length !== q.children.length || next.some((c, n) => q.children[n] !== c)) q.replaceChildren(...next)
  $('#queue-empty').hidden = queue.length > 0
  const br = $('#broken tbody'); br.replaceChildren()
  for (const b of d.broken) br.append(el('tr', { 'data-key': b.lng + ' ' + b.ns + ':' + b.key },
    el('td', { text: b.lng }), el('td', { class: 'k', text: b.ns + ':' + b.key }), el('td', { text: b.problem }), el('td', { text: b.file })))
  $('#broken-empty').hidden = d.broken.length > 0
  const ns = d.newStrings
  $('#new-count').textContent = String(ns.keys)
  $('#new-note').textContent = ns.refused ? 'Ordering from this page is off: ' + ns.refused : ns.keys ? ns.keys + ' key(s) not ordered yet (' + ns.langs.join(', ') + '); the app shows the source text for them.' : 'Nothing new to order.'
  $('#order-quote').hidden = !!ns.refused || ns.keys === 0
  const langs = [...new Set(d.broken.map((b) => b.lng))]
  const ra = $('#repair-actions')
  if (ra.dataset.langs !== langs.join()) {
    ra.dataset.langs = langs.join()
    ra.replaceChildren(...langs.map((lng) => {
      const quoteBtn = el('button', { 'data-lng': lng, text: 'Quote re-order (' + lng + ')' })
      quoteBtn.onclick = () => quoteRepair(lng)
      return quoteBtn
    }))
  }
}
async function post(path, body) {
  const res = await fetch('api/' + path, { method: 'POST', headers: { 'content-type': 'application/json', 'x-l10n-token': token }, body: JSON.stringify(body) })
  const data = await res.json()
  if (!res.ok) { $('#error').textContent = data.error; return undefined }
  return data
}
async function quoteRepair(lng) {
  $('#error').textContent = ''
  const q = await post('repair-quote', { lng })
  if (!q) return
  const box = $('#repair-quote'); box.replaceChildren()
  box.append(el('span', { 'data-lng': lng, text: 'A sync --repair of ' + lng + ' would order ' + q.jobs + ' job(s), ' + q.units + ' unit(s), for ' + q.credits.toFixed(2) + ' ' + q.currency + (q.overBudget ? ' (over gengo.maxCredits: it would refuse)' : '') + '. ' }))
  const go = el('button', { class: 'approve', text: 'Re-order ' + lng })
  go.onclick = async () => {
    const r = await post('repair', { lng, nonce: q.nonce })
    if (!r) return
    box.replaceChildren()
    $('#done').textContent = 'Re-ordered ' + lng + ': ' + r.ordered.jobs + ' job(s) for ' + r.ordered.credits.toFixed(2) + ' ' + r.ordered.currency + ', ' + (r.reused + r.found) + ' reused free' + (r.files.length ? '; wrote ' + r.files.join(', ') : '')
    await load()
  }
  box.append(go)
}
async function quoteOrder() {
  $('#error').textContent = ''
  const q = await post('order-quote', {})
  if (!q) return
  const box = $('#order-quote-box'); box.replaceChildren()
  box.append(el('span', { id: 'order-price', text: 'Ordering the new strings would order ' + q.jobs + ' job(s), ' + q.units + ' unit(s), for ' + q.credits.toFixed(2) + ' ' + q.currency + (q.overBudget ? ' (over gengo.maxCredits: it would refuse)' : '') + '. ' }))
  const go = el('button', { class: 'approve', id: 'order-go', text: 'Order for ' + q.credits.toFixed(2) + ' ' + q.currency })
  go.onclick = async () => {
    const r = await post('order', { nonce: q.nonce })
    box.replaceChildren()
    if (!r) return
    $('#done').textContent = 'Ordered ' + r.ordered.jobs + ' job(s) for ' + r.ordered.credits.toFixed(2) + ' ' + r.ordered.currency + ', ' + r.reused + ' reused free, ' + r.found + ' found at Gengo' + (r.files.length ? '; wrote ' + r.files.join(', ') : '')
    await load()
  }
  box.append(go)
}
$('#order-quote').onclick = () => quoteOrder()
function card(i) {
  const id = i.lng + ' ' + i.ns + ':' + i.key
  const rating = el('select', { 'aria-label': 'rating' }, el('option', { value: '', text: 'rating…' }), ...[5, 4, 3, 2, 1].map((n) => el('option', { value: n, text: n + ' ★' })))
  const feedback = el('input', { placeholder: 'feedback for the translator (optional)', 'aria-label': 'feedback' })
  const comment = el('textarea', { placeholder: 'what should change?', 'aria-label': 'comment' })
  const approve = el('button', { class: 'approve', text: 'Approve' })
  const revise = el('button', { text: 'Request revision' })
  approve.onclick = () => act('approve', { lng: i.lng, ns: i.ns, key: i.key, rating: rating.value, feedback: feedback.value })
  revise.onclick = () => act('revise', { lng: i.lng, ns: i.ns, key: i.key, comment: comment.value })
  const href = '/?lng=' + encodeURIComponent(i.lng) + '&l10n=inspect&key=' + encodeURIComponent(i.ns + ':' + i.key)
  return el('div', { class: 'card', 'data-key': id },
    el('div', { class: 'k', text: head(i) }),
    el('div', { class: 'src', text: d_source() + ': ' + i.source }),
    el('div', { class: 'tgt', lang: i.lng, text: i.translation }),
    i.revision ? beforeRevision(i) : null,
    i.context ? el('div', { class: 'ctx', text: i.context }) : null,
    el('div', { class: 'actions' }, rating, feedback, approve, comment, revise, el('a', { href, target: '_blank', text: 'open in the app ↗' })))
}
const beforeRevision = (i) => el('div', { class: 'before', lang: i.lng, text: 'before the revision (' + i.revision.versions + ' versions): ' + i.revision.before })
const head = (i) => i.lng + ' ' + i.ns + ':' + i.key + ' · job ' + i.jobId + (i.review && i.review.action === 'revise' ? ' · revised after your comment' : '')
const d_source = () => (last ? last.source : 'source')
async function act(kind, body) {
  $('#error').textContent = ''
  const res = await fetch('api/' + kind, { method: 'POST', headers: { 'content-type': 'application/json', 'x-l10n-token': token }, body: JSON.stringify(body) })
  const data = await res.json()
  if (!res.ok) { $('#error').textContent = data.error; return }
  $('#done').textContent = (kind === 'approve' ? 'Approved ' + data.approved.join(', ') + (data.files.length ? '; wrote ' + data.files.join(', ') : '') : 'Sent back for revision: ' + data.revised.join(', '))
  await load()
}
const hot = createHotContext('/__l10n-sync/')
hot.on('l10n-sync:dashboard', () => void load())
hot.on('l10n-sync:update', () => void load())
load()
`

export function dashboardPage(o: PageOptions): string {
  const exposed = o.loopbackOnly
    ? ''
    : `<div class="warn" id="exposed">The dev server is bound to <b>${escapeAttr(o.host)}</b>, beyond localhost. This page works with the dev server bound to localhost only: review actions are refused until you start it without <code>--host</code>.</div>`
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="l10n-token" content="${escapeAttr(o.token)}">
<title>l10n-sync · translations</title>
<style>${STYLE}</style>
</head>
<body>
<header><h1>l10n-sync · translations</h1><span class="meta" id="meta"></span></header>
<main>
${exposed}
<p class="bad" id="error" role="alert"></p><p id="done" role="status"></p>
<section id="coverage-section"><h2>Coverage</h2>
<table id="coverage"><thead><tr><th>language</th><th>namespace</th><th>translated</th><th>missing</th><th>pending</th><th>reviewable</th><th>broken</th></tr></thead><tbody></tbody></table>
<p class="note" id="money"></p></section>
<section id="order-section"><h2>New strings (<span id="new-count">0</span>)</h2>
<p class="note" id="new-note"></p>
<div class="actions"><button id="order-quote" hidden>Quote order</button></div><p id="order-quote-box"></p></section>
<section><h2>Pending at Gengo</h2>
<table id="pending"><thead><tr><th>language</th><th>key</th><th>job</th><th>status</th><th>ETA</th></tr></thead><tbody></tbody></table>
<p class="empty" id="pending-empty">Nothing is being translated right now.</p></section>
<section><h2>Broken translations in the files</h2>
<table id="broken"><thead><tr><th>language</th><th>key</th><th>problem</th><th>file</th></tr></thead><tbody></tbody></table>
<p class="empty" id="broken-empty">No broken values.</p>
<div class="actions" id="repair-actions"></div><p id="repair-quote"></p></section>
<section id="threads-section"><h2>Questions from translators (<span id="threads-count">0</span>)</h2><div id="threads"></div>
<p class="empty" id="threads-empty">No translator is waiting for an answer.</p><p class="note" id="threads-note"></p></section>
<section><h2>Review queue (<span id="queue-count">0</span>)</h2><div id="queue"></div>
<p class="empty" id="queue-empty">Nothing is waiting for review.</p></section>
<p class="note">Actions are carried out by the dev server through its Gengo client: the Gengo keys never reach this page. Each one needs this page's token and a same-origin request.</p>
</main>
<script type="module">${SCRIPT}</script>
</body>
</html>
`
}
