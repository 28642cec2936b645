import { type Ctx, type Params, parseData } from '../context.ts'
import type { EmJob } from '../state.ts'
import { fail, ok, wireNumber } from '../wire.ts'

/** Gengo's limit on one comment's body. */
export const MAX_COMMENT_CHARS = 25_000

/** Who writes in a job's thread: the author kinds Gengo's docs list. */
export type CommentAuthor = EmJob['comments'][number]['author']

/**
 * A comment body as Gengo takes it, or the reason it does not: empty → 2300 (comment missing),
 * over 25,000 characters → 2000 (the docs' comment error; they give no code of their own for the limit).
 */
export function commentProblem(body: unknown): { code: number; msg: string } | undefined {
  if (typeof body !== 'string' || body.trim() === '') return { code: 2300, msg: 'body is a required field' }
  const chars = [...body].length
  if (chars > MAX_COMMENT_CHARS) return { code: 2000, msg: `body is ${chars} characters; at most ${MAX_COMMENT_CHARS}` }
  return undefined
}

export function existing(ctx: Ctx, id: string): EmJob {
  if (!id) fail(2050, 'job_id is a required field')
  const job = ctx.job(id)
  if (!job || job.status === 'queued') fail(2100, `unauthorized job access: ${id}`)
  return job as EmJob
}

/** GET translate/job/{id}/comments → {thread:[{body, author, ctime}]}, oldest first. */
export function getComments(ctx: Ctx, id: string): Response {
  const job = existing(ctx, id)
  return ok({ thread: job.comments.map((c) => ({ body: c.body, author: c.author, ctime: wireNumber(c.ctime, ctx.strings) })) })
}

/**
 * POST translate/job/{id}/comment {body} → {}. The docs are silent on a job's state: the emulator takes
 * the reading that Gengo accepts a comment on a job in any state (approved and cancelled ones too),
 * so the client, not the emulator, must keep a reply from reaching a job nobody works on any more.
 */
export function postComment(ctx: Ctx, id: string, params: Params): Response {
  const job = existing(ctx, id)
  const data = parseData(params, fail)
  const problem = commentProblem(data.body)
  if (problem) fail(problem.code, problem.msg)
  job.comments.push({ body: data.body as string, author: 'customer', ctime: Math.floor(ctx.simNow() / 1000) })
  return ok({})
}

/**
 * The account's glossaries: the emulator's account has one, id 1, "Demo glossary", English to
 * Japanese, French and German (ids of `target_languages` pairs as Gengo shows them).
 */
export const DEMO_GLOSSARIES = [
  {
    id: 1,
    title: 'Demo glossary',
    source_language_code: 'en',
    target_languages: [
      [14, 'ja'],
      [7, 'fr'],
      [5, 'de'],
    ],
    unit_count: 12,
    is_public: false,
    status: 1,
  },
] as const

/** GET translate/glossary → the account's glossaries. */
export function glossaries(ctx: Ctx): Response {
  return ok(DEMO_GLOSSARIES.map((g) => ({ ...g, id: wireNumber(g.id, ctx.strings), ctime: '2026-01-01 00:00:00' })))
}

/** GET account/preferred_translators: the emulator's account has one preferred translator, for en → ja standard. */
export function preferredTranslators(ctx: Ctx): Response {
  return ok([
    {
      lc_src: 'en',
      lc_tgt: 'ja',
      tier: 'standard',
      translators: [
        { id: wireNumber(8596, ctx.strings), last_login: wireNumber(1767225600, ctx.strings), number_of_jobs: wireNumber(5, ctx.strings) },
      ],
    },
  ])
}
