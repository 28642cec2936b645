import { GengoError } from './errors.ts'
import { jobEntries, normalizePostJobs, serializeJobs } from './jobs.ts'
import { badShape, isObject, normalizeJob, normalizeOrder, type Raw, toId, toInt, toMoney, toStr } from './normalize.ts'
import { type GengoClientOptions, resolveGengoClientOptions } from './options.ts'
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
  /** `POST translate/jobs`. A 1754 answer is resolved by finding the jobs ordered before. */
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

function checkId(kind: string, id: string): string {
  if (!/^[0-9A-Za-z_-]+$/.test(id)) throw new GengoError('GENGO_INPUT', `Invalid Gengo ${kind} id ${JSON.stringify(id)}.`)
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
    for (let i = 0; i < ids.length; i += o.maxIdsPerRequest) {
      const chunk = ids.slice(i, i + o.maxIdsPerRequest)
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
      const jobId = toId(isObject(e) ? e.job_id : undefined)
      if (jobId === undefined) throw badShape('job list entry', e)
      return { jobId, ctime: toInt(isObject(e) ? e.ctime : undefined) }
    })
  }

  /** After a 1754: the same payload was ordered minutes ago; find those jobs instead of ordering. */
  async function recoverDuplicate(submitted: [string, GengoJobInput][], cause: GengoError): Promise<GengoPostJobsResult> {
    const deadline = o.now() + o.duplicateLookupMs
    const since = Math.floor(o.now() / 1000) - 600
    for (let round = 0; ; round++) {
      const entries = await listJobs({ timestampAfter: since })
      const jobs = (await getJobs(entries.map((e) => e.jobId))).sort((a, b) => b.ctime - a.ctime)
      const found: GengoPostJobsResult['jobs'] = {}
      for (const [key, input] of submitted) {
        const match = jobs.find(
          (j) =>
            j.bodySrc === input.bodySrc &&
            j.lcTgt === input.lcTgt &&
            j.tier === input.tier &&
            (input.customData === undefined || j.customData === input.customData),
        )
        if (match) found[key] = { kind: 'existing', jobs: [match] }
      }
      if (Object.keys(found).length === submitted.length) {
        const first = Object.values(found)[0]
        const orderId = first?.kind === 'existing' ? first.jobs[0]?.orderId : undefined
        return { orderId, jobCount: submitted.length, creditsUsed: 0, currency: 'USD', jobs: found, recovered: true }
      }
      if (o.now() >= deadline) {
        throw new GengoError(
          'GENGO_DUPLICATE',
          `Gengo says this payload was ordered minutes ago (1754) but ${submitted.length - Object.keys(found).length} of its jobs are not visible yet. Nothing was ordered twice; run again later and lazy loading will return them.`,
          { gengoCode: 1754, request: 'POST translate/jobs', retryable: true, cause },
        )
      }
      await o.sleep(Math.min(10_000, 1000 * 2 ** round))
    }
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
      try {
        return normalizePostJobs(await t.call('POST', 'translate/jobs', data), submitted)
      } catch (error) {
        if (error instanceof GengoError && error.gengoCode === 1754 && error.code !== 'GENGO_JOBS') {
          return recoverDuplicate(submitted, error)
        }
        throw error
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
      const raw = await t.call('GET', 'translate/service/language_pairs', { lc_src: lcSrc }, { signed: false })
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
      const raw = await t.call('GET', 'translate/service/languages', undefined, { signed: false })
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
