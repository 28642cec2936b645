import {
  type GengoComment,
  type GengoGlossary,
  type GengoPreferredTranslators,
  getComments,
  normalizeGlossaries,
  normalizePreferred,
  postComment,
} from './comments.ts'
import { GengoError } from './errors.ts'
import { jobEntries, normalizePostJobs, serializeJobs } from './jobs.ts'
import { badShape, isObject, isSafeId, normalizeJob, normalizeOrder, type Raw, safeId, toInt, toMoney, toStr } from './normalize.ts'
import { type GengoClientOptions, resolveGengoClientOptions } from './options.ts'
import { type GengoRevision, type GengoRevisionText, getRevision, getRevisions } from './revisions.ts'
import { createTransport } from './transport.ts'
import type {
  GengoBalance,
  GengoJob,
  GengoJobAction,
  GengoJobInput,
  GengoJobListEntry,
  GengoLanguage,
  GengoLanguagePair,
  GengoListJobsOptions,
  GengoOrder,
  GengoPostJobsOptions,
  GengoPostJobsResult,
  GengoQuote,
  GengoStats,
} from './types.ts'

export interface GengoClient {
  /**
   * `POST translate/jobs`. Never re-sent after an ambiguous failure (timeout, dropped
   * connection, 5xx, unreadable 200): that throws `GENGO_OUTCOME_UNKNOWN`, and a 1754 throws
   * `GENGO_DUPLICATE`; the caller reconciles through `listJobs` (tag jobs with `customData`).
   */
  postJobs(jobs: Record<string, GengoJobInput> | GengoJobInput[], options?: GengoPostJobsOptions): Promise<GengoPostJobsResult>
  /** `GET translate/order/{id}`. */
  getOrder(orderId: string): Promise<GengoOrder>
  /** `DELETE translate/order/{id}`: cancels the order's still-available jobs. */
  cancelOrder(orderId: string): Promise<void>
  /** `GET translate/jobs`: newest first. */
  listJobs(options?: GengoListJobsOptions): Promise<GengoJobListEntry[]>
  /** `GET translate/jobs/{ids}`, chunked so URLs stay short. Ids Gengo does not return are absent. */
  getJobs(jobIds: readonly string[]): Promise<GengoJob[]>
  /** `GET translate/job/{id}`. */
  getJob(jobId: string): Promise<GengoJob>
  /** `PUT translate/job/{id}`: approve, revise, reject or archive. */
  updateJob(jobId: string, action: GengoJobAction): Promise<void>
  /** `PUT translate/jobs`: one action for many jobs. */
  updateJobs(jobIds: readonly string[], action: GengoJobAction): Promise<void>
  /** `DELETE translate/job/{id}`: only while available. */
  cancelJob(jobId: string): Promise<void>
  /** `GET translate/job/{id}/comments`: the job's thread, oldest first. */
  getComments(jobId: string): Promise<GengoComment[]>
  /** `POST translate/job/{id}/comment`: empty or over 25,000 characters is refused before sending; never re-sent after an ambiguous failure. */
  postComment(jobId: string, body: string): Promise<void>
  /** `GET translate/job/{id}/revisions`: the saved versions of the job's translation, oldest first. */
  revisions(jobId: string): Promise<GengoRevision[]>
  /** `GET translate/job/{id}/revision/{rev_id}`: one version's text. */
  revision(jobId: string, revId: string): Promise<GengoRevisionText>
  /** `GET translate/glossary`: the account's glossaries, for `glossary_id`. */
  glossaries(): Promise<GengoGlossary[]>
  /** `GET account/preferred_translators`: per language pair and tier, for `use_preferred`. */
  preferredTranslators(): Promise<GengoPreferredTranslators[]>
  /** `POST translate/service/quote`. */
  quote(jobs: Record<string, GengoJobInput> | GengoJobInput[]): Promise<Record<string, GengoQuote>>
  /** `GET translate/service/language_pairs`. */
  languagePairs(lcSrc?: string): Promise<GengoLanguagePair[]>
  /** `GET translate/service/languages`. */
  languages(): Promise<GengoLanguage[]>
  /** `GET account/balance`. */
  balance(): Promise<GengoBalance>
  /** `GET account/stats`. */
  stats(): Promise<GengoStats>
}

function actionData(action: GengoJobAction): Raw {
  switch (action.action) {
    case 'approve':
      return {
        action: 'approve',
        ...(action.rating !== undefined && { rating: action.rating }),
        ...(action.forTranslator !== undefined && { for_translator: action.forTranslator }),
        ...(action.forMygengo !== undefined && { for_mygengo: action.forMygengo }),
        ...(action.public !== undefined && { public: action.public ? 1 : 0 }),
      }
    case 'revise':
      if (!action.comment?.trim())
        throw new GengoError('GENGO_INPUT', 'A revise needs a comment that tells the translator what to fix (2300).')
      return { action: 'revise', comment: action.comment }
    case 'reject':
      return {
        action: 'reject',
        reason: action.reason,
        comment: action.comment,
        ...(action.followUp !== undefined && { follow_up: action.followUp }),
      }
    case 'archive':
      return { action: 'archive' }
  }
}

/** Longest comma-separated id list in one `GET translate/jobs/{ids}` path (200 ids of up to 19 digits fit). */
const MAX_ID_LIST_CHARS = 4000

function checkId(kind: string, id: string): string {
  if (!isSafeId(id)) throw new GengoError('GENGO_INPUT', `Invalid Gengo ${kind} id ${JSON.stringify(id)}.`)
  return id
}

function listOf(raw: unknown, what: string): unknown[] {
  if (Array.isArray(raw)) return raw
  throw badShape(what, raw)
}

export function createGengoClient(options: GengoClientOptions = {}): GengoClient {
  const o = resolveGengoClientOptions(options)
  const t = createTransport(o)

  async function getJobs(jobIds: readonly string[]): Promise<GengoJob[]> {
    const ids = [...new Set(jobIds.map((id) => checkId('job', id)))]
    const out: GengoJob[] = []
    for (let i = 0; i < ids.length; ) {
      // Up to maxIdsPerRequest ids, and an id list short enough for any server's request line.
      const chunk: string[] = []
      let chars = 0
      for (; i < ids.length && chunk.length < o.maxIdsPerRequest; i++) {
        const id = ids[i] as string
        if (chunk.length > 0 && chars + 1 + id.length > MAX_ID_LIST_CHARS) break
        chunk.push(id)
        chars += (chunk.length > 1 ? 1 : 0) + id.length
      }
      const raw = await t.call('GET', `translate/jobs/${chunk.join(',')}`)
      const jobs = isObject(raw) ? raw.jobs : raw
      for (const job of listOf(jobs, 'jobs list')) out.push(normalizeJob(job))
    }
    return out
  }

  async function listJobs(opts: GengoListJobsOptions = {}): Promise<GengoJobListEntry[]> {
    if (opts.count !== undefined && (!Number.isInteger(opts.count) || opts.count < 1 || opts.count > 200)) {
      throw new GengoError('GENGO_INPUT', `listJobs count must be 1..200, got ${opts.count}.`)
    }
    const raw = await t.call('GET', 'translate/jobs', {
      status: opts.status,
      timestamp_after: opts.timestampAfter,
      count: opts.count,
    })
    const list = isObject(raw) && Array.isArray(raw.jobs) ? raw.jobs : raw
    return listOf(list, 'job list').map((e) => {
      const jobId = safeId(isObject(e) ? e.job_id : undefined, 'job_id')
      if (jobId === undefined) throw badShape('job list entry', e)
      return { jobId, ctime: toInt(isObject(e) ? e.ctime : undefined) }
    })
  }

  return {
    async postJobs(jobs, opts = {}) {
      const submitted = jobEntries(jobs)
      if (submitted.length === 0) throw new GengoError('GENGO_INPUT', 'postJobs needs at least one job (1800).')
      const data: Raw = { jobs: serializeJobs(submitted, Array.isArray(jobs)) }
      if (opts.asGroup !== undefined) data.as_group = opts.asGroup ? 1 : 0
      if (opts.allowFork !== undefined) data.allow_fork = opts.allowFork ? 1 : 0
      if (opts.process !== undefined) data.process = opts.process ? 1 : 0
      if (opts.comment !== undefined) data.comment = opts.comment
      // Never re-sent after an ambiguous failure: that throws GENGO_OUTCOME_UNKNOWN (or
      // GENGO_DUPLICATE for 1754) and the caller reconciles through listJobs.
      const raw = await t.call('POST', 'translate/jobs', data, { idempotent: false })
      try {
        return normalizePostJobs(raw, submitted)
      } catch (error) {
        // Gengo accepted the POST but its answer cannot be read: the order may exist.
        throw new GengoError(
          'GENGO_OUTCOME_UNKNOWN',
          `Gengo accepted POST translate/jobs but its answer could not be read (${(error as Error).message.replace(/^\[l10n\] /, '')}). Nothing was re-sent; reconcile through GET translate/jobs.`,
          { request: 'POST translate/jobs', cause: error, outcomeUnknown: true },
        )
      }
    },
    async getOrder(orderId) {
      return normalizeOrder(await t.call('GET', `translate/order/${checkId('order', orderId)}`))
    },
    async cancelOrder(orderId) {
      await t.call('DELETE', `translate/order/${checkId('order', orderId)}`)
    },
    listJobs,
    getJobs,
    async getJob(jobId) {
      const raw = await t.call('GET', `translate/job/${checkId('job', jobId)}`)
      return normalizeJob(isObject(raw) && isObject(raw.job) ? raw.job : raw)
    },
    async updateJob(jobId, action) {
      await t.call('PUT', `translate/job/${checkId('job', jobId)}`, actionData(action))
    },
    async updateJobs(jobIds, action) {
      const ids = jobIds.map((id) => checkId('job', id))
      for (let i = 0; i < ids.length; i += 200) {
        const { action: name, ...rest } = actionData(action)
        await t.call('PUT', 'translate/jobs', { action: name, job_ids: ids.slice(i, i + 200).map((job_id) => ({ job_id, ...rest })) })
      }
    },
    async cancelJob(jobId) {
      await t.call('DELETE', `translate/job/${checkId('job', jobId)}`)
    },
    getComments: (jobId) => getComments(t, checkId('job', jobId)),
    postComment: (jobId, body) => postComment(t, checkId('job', jobId), body),
    revisions: (jobId) => getRevisions(t, checkId('job', jobId)),
    revision: (jobId, revId) => getRevision(t, checkId('job', jobId), checkId('revision', revId)),
    glossaries: async () => normalizeGlossaries(await t.call('GET', 'translate/glossary')),
    preferredTranslators: async () => normalizePreferred(await t.call('GET', 'account/preferred_translators')),
    async quote(jobs) {
      const submitted = jobEntries(jobs)
      if (submitted.length === 0) return {}
      // Quotes always go keyed, so each answer maps back to its job.
      const raw = await t.call('POST', 'translate/service/quote', { jobs: serializeJobs(submitted, false) })
      const given = isObject(raw) ? raw.jobs : undefined
      // modern: {key: quote}; 2013: [{key: quote}, ...]
      const flat: Raw = Array.isArray(given) ? Object.assign({}, ...given.filter(isObject)) : isObject(given) ? given : {}
      const out: Record<string, GengoQuote> = {}
      for (const [key] of submitted) {
        const q = flat[key]
        if (!isObject(q)) throw badShape(`quote without job "${key}"`, raw)
        if (q.err !== undefined) {
          // An error entry inside an ok answer: the quote is incomplete, so it fails by name.
          const err = isObject(q.err) ? q.err : {}
          const code = toInt(err.code, 0)
          const msg = typeof err.msg === 'string' ? err.msg : JSON.stringify(q.err)
          throw new GengoError(
            'GENGO_JOBS',
            `Gengo could not quote job "${key}" (${code || 'no code'}: ${msg}); the quote is incomplete, so nothing is ordered.`,
            {
              request: 'POST translate/service/quote',
              gengoCode: code || undefined,
              jobErrors: { [key]: [{ code, msg }] },
            },
          )
        }
        out[key] = {
          unitCount: toInt(q.unit_count),
          credits: toMoney(q.credits),
          eta: toInt(q.eta, -1),
          currency: toStr(q.currency) || 'USD',
          type: toStr(q.type) || 'text',
        }
      }
      return out
    },
    async languagePairs(lcSrc) {
      const raw = await t.call('GET', 'translate/service/language_pairs', { lc_src: lcSrc })
      return listOf(raw, 'language pair list')
        .filter(isObject)
        .map((p) => ({
          lcSrc: toStr(p.lc_src),
          lcTgt: toStr(p.lc_tgt),
          tier: toStr(p.tier),
          unitPrice: toMoney(p.unit_price),
          currency: toStr(p.currency) || 'USD',
        }))
    },
    async languages() {
      const raw = await t.call('GET', 'translate/service/languages')
      return listOf(raw, 'language list')
        .filter(isObject)
        .map((l) => ({
          language: toStr(l.language),
          localizedName: toStr(l.localized_name),
          lc: toStr(l.lc),
          unitType: toStr(l.unit_type) === 'character' ? 'character' : 'word',
        }))
    },
    async balance() {
      const raw = await t.call('GET', 'account/balance')
      if (!isObject(raw)) throw badShape('balance', raw)
      return { credits: toMoney(raw.credits), currency: toStr(raw.currency) || 'USD' }
    },
    async stats() {
      const raw = await t.call('GET', 'account/stats')
      if (!isObject(raw)) throw badShape('stats', raw)
      return { creditsSpent: toMoney(raw.credits_spent), userSince: toInt(raw.user_since), currency: toStr(raw.currency) || 'USD' }
    },
  }
}
