import type { Ctx } from './context.ts'
import { getComments, glossaries, postComment, preferredTranslators } from './routes/comments.ts'
import { cancelJob, getJob, getJobs, listJobs, putJob, putJobs } from './routes/jobs.ts'
import { balance, cancelOrder, getOrder, languages, pairs, quote, stats } from './routes/misc.ts'
import { postJobs } from './routes/post-jobs.ts'
import { getRevision, getRevisions } from './routes/revisions.ts'

/** One Gengo API route: `name` is how the ledger, faults and polling guidance refer to it. */
export interface Route {
  method: string
  /** Matched against the path after `/v2/`, trailing slashes removed. */
  pattern: RegExp
  name: string
  signed: boolean
  run: (ctx: Ctx, m: RegExpMatchArray, p: URLSearchParams) => Response
}

export const ROUTES: readonly Route[] = [
  { method: 'POST', pattern: /^translate\/jobs$/, name: 'POST translate/jobs', signed: true, run: (c, _m, p) => postJobs(c, p) },
  { method: 'GET', pattern: /^translate\/jobs$/, name: 'GET translate/jobs', signed: true, run: (c, _m, p) => listJobs(c, p) },
  { method: 'PUT', pattern: /^translate\/jobs$/, name: 'PUT translate/jobs', signed: true, run: (c, _m, p) => putJobs(c, p) },
  {
    method: 'GET',
    pattern: /^translate\/jobs\/([^/]+)$/,
    name: 'GET translate/jobs/:ids',
    signed: true,
    run: (c, m) => getJobs(c, m[1] ?? ''),
  },
  {
    method: 'GET',
    pattern: /^translate\/job(?:\/([^/]*))?$/,
    name: 'GET translate/job/:id',
    signed: true,
    run: (c, m) => getJob(c, m[1] ?? ''),
  },
  {
    method: 'PUT',
    pattern: /^translate\/job(?:\/([^/]*))?$/,
    name: 'PUT translate/job/:id',
    signed: true,
    run: (c, m, p) => putJob(c, m[1] ?? '', p),
  },
  {
    method: 'DELETE',
    pattern: /^translate\/job(?:\/([^/]*))?$/,
    name: 'DELETE translate/job/:id',
    signed: true,
    run: (c, m) => cancelJob(c, m[1] ?? ''),
  },
  {
    method: 'GET',
    pattern: /^translate\/job\/([^/]+)\/comments$/,
    name: 'GET translate/job/:id/comments',
    signed: true,
    run: (c, m) => getComments(c, m[1] ?? ''),
  },
  {
    method: 'POST',
    pattern: /^translate\/job\/([^/]+)\/comment$/,
    name: 'POST translate/job/:id/comment',
    signed: true,
    run: (c, m, p) => postComment(c, m[1] ?? '', p),
  },
  {
    method: 'GET',
    pattern: /^translate\/job\/([^/]+)\/revisions$/,
    name: 'GET translate/job/:id/revisions',
    signed: true,
    run: (c, m) => getRevisions(c, m[1] ?? ''),
  },
  {
    method: 'GET',
    pattern: /^translate\/job\/([^/]+)\/revision\/([^/]+)$/,
    name: 'GET translate/job/:id/revision/:rev_id',
    signed: true,
    run: (c, m) => getRevision(c, m[1] ?? '', m[2] ?? ''),
  },
  {
    method: 'GET',
    pattern: /^translate\/order\/([^/]+)$/,
    name: 'GET translate/order/:id',
    signed: true,
    run: (c, m) => getOrder(c, m[1] ?? ''),
  },
  {
    method: 'DELETE',
    pattern: /^translate\/order\/([^/]+)$/,
    name: 'DELETE translate/order/:id',
    signed: true,
    run: (c, m) => cancelOrder(c, m[1] ?? ''),
  },
  {
    method: 'POST',
    pattern: /^translate\/service\/quote$/,
    name: 'POST translate/service/quote',
    signed: true,
    run: (c, _m, p) => quote(c, p),
  },
  {
    method: 'GET',
    pattern: /^translate\/service\/language_pairs$/,
    name: 'GET translate/service/language_pairs',
    signed: false,
    run: (c, _m, p) => pairs(c, p),
  },
  {
    method: 'GET',
    pattern: /^translate\/service\/languages$/,
    name: 'GET translate/service/languages',
    signed: false,
    run: () => languages(),
  },
  { method: 'GET', pattern: /^translate\/glossary$/, name: 'GET translate/glossary', signed: true, run: (c) => glossaries(c) },
  {
    method: 'GET',
    pattern: /^account\/preferred_translators$/,
    name: 'GET account/preferred_translators',
    signed: true,
    run: (c) => preferredTranslators(c),
  },
  { method: 'GET', pattern: /^account\/balance$/, name: 'GET account/balance', signed: true, run: (c) => balance(c) },
  { method: 'GET', pattern: /^account\/stats$/, name: 'GET account/stats', signed: true, run: (c) => stats(c) },
]

/** The route for a method and a path under `/v2/` (trailing slashes removed), if any. */
export function findRoute(method: string, path: string): Route | undefined {
  return ROUTES.find((r) => r.method === method && r.pattern.test(path))
}

/** The request's parameters: the query for GET and DELETE, the form body for POST and PUT. */
export async function readParams(request: Request, url: URL): Promise<URLSearchParams> {
  if (request.method === 'GET' || request.method === 'DELETE') {
    const params = new URLSearchParams(url.searchParams)
    params.delete('data') // Gengo ignores filters wrapped in data on GET
    return params
  }
  return new URLSearchParams(await request.text())
}
