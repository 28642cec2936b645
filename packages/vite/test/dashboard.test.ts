import { describe, expect, it } from 'vitest'
import { boundToLoopback, refusal, TOKEN_HEADER } from '../src/dashboard.ts'
import { dashboardPage } from '../src/dashboard-page.ts'

const TOKEN = 'a'.repeat(48)
const req = (headers: Record<string, string>, method = 'POST', remoteAddress = '127.0.0.1') => ({
  method,
  headers: { host: 'localhost:5173', 'content-type': 'application/json', ...headers },
  socket: { remoteAddress },
})

describe('dev page actions: refused unless POST + token + same origin + loopback', () => {
  it('lets through exactly the page’s own request', () => {
    expect(refusal(req({ origin: 'http://localhost:5173', [TOKEN_HEADER]: TOKEN }), TOKEN, true)).toBeUndefined()
  })
  it.each([
    ['GET', req({ origin: 'http://localhost:5173', [TOKEN_HEADER]: TOKEN }, 'GET'), /POST/],
    ['no token', req({ origin: 'http://localhost:5173' }), /token/],
    ['a wrong token', req({ origin: 'http://localhost:5173', [TOKEN_HEADER]: 'b'.repeat(48) }), /token/],
    ['a short token', req({ origin: 'http://localhost:5173', [TOKEN_HEADER]: 'a' }), /token/],
    ['another origin', req({ origin: 'http://evil.example', [TOKEN_HEADER]: TOKEN }), /cross-origin/],
    ['no Origin', req({ [TOKEN_HEADER]: TOKEN }), /cross-origin/],
    [
      'a form post',
      req({ origin: 'http://localhost:5173', [TOKEN_HEADER]: TOKEN, 'content-type': 'application/x-www-form-urlencoded' }),
      /JSON/,
    ],
    ['another machine', req({ origin: 'http://localhost:5173', [TOKEN_HEADER]: TOKEN }, 'POST', '192.168.1.20'), /this machine/],
  ])('refuses %s', (_name, r, why) => {
    expect(refusal(r, TOKEN, true)).toMatch(why)
  })
  it('refuses everything while the server is bound beyond localhost', () => {
    expect(refusal(req({ origin: 'http://localhost:5173', [TOKEN_HEADER]: TOKEN }), TOKEN, false)).toMatch(/bound beyond localhost/)
  })
})

describe('the dev page', () => {
  it('knows loopback binds from exposed ones', () => {
    expect([undefined, false, 'localhost', '127.0.0.1', '::1'].map(boundToLoopback)).toEqual([true, true, true, true, true])
    expect([true, '0.0.0.0', '192.168.1.20', '::'].map(boundToLoopback)).toEqual([false, false, false, false])
  })
  it('embeds the token, and says so when the server is exposed', () => {
    const local = dashboardPage({ token: TOKEN, loopbackOnly: true, host: 'localhost' })
    expect(local).toContain(`<meta name="l10n-token" content="${TOKEN}">`)
    expect(local).not.toContain('id="exposed"')
    const exposed = dashboardPage({ token: TOKEN, loopbackOnly: false, host: '0.0.0.0' })
    expect(exposed).toMatch(/id="exposed">The dev server is bound to <b>0\.0\.0\.0<\/b>, beyond localhost/)
  })
  it('has the new strings section, whose order asks for the quote first', () => {
    const html = dashboardPage({ token: TOKEN, loopbackOnly: true, host: 'localhost' })
    expect(html).toMatch(/<section id="order-section"><h2>New strings \(<span id="new-count">0<\/span>\)<\/h2>/)
    expect(html).toContain('<button id="order-quote" hidden>Quote order</button>')
    // The order button is made from a quote's answer and posts that quote's nonce.
    expect(html).toMatch(/post\('order-quote', \{\}\)[\s\S]*post\('order', \{ nonce: q\.nonce \}\)/)
  })
})
