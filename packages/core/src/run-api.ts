/**
 * `@l10n-sync/core/run-api`: what the commands that run on every build and every CI step need (sync, status, the
 * config), and nothing else, so they load about 60% of core: review, comments, quote and diff stay in their own chunks
 * (index.ts has all of it). A pass that talks to Gengo loads the executor when it starts (run.ts).
 */
import type { ResolvedL10nConfig } from './config/config.ts'
import { nodeFileSystem } from './io.ts'
import { lockMayHoldJobs } from './lock/lock.ts'
import { runScope } from './plan/scope.ts'
import type { CommentsOptions } from './review/comments.ts'
import type { QuestionCount } from './review/questions.ts'

export type { ResolvedL10nConfig } from './config/config.ts'
export { isL10nError, L10nError } from './errors.ts'
export { localePath } from './files/resources.ts'
export type { SyncEvent, SyncEventHandler } from './gengo/events.ts'
export type { QuoteSummary } from './gengo/order.ts'
export { loadConfig } from './load-config.ts'
export type { LanguageCounts } from './plan/counts.ts'
export type { LanguageReport, SyncReport } from './report.ts'
export { SyncFailure } from './report.ts'
export type { StatusOptions, StatusReport } from './status.ts'
export { status } from './status.ts'
export type { SyncOptions } from './sync.ts'
export { sync } from './sync.ts'

/** `countOpenQuestions` (review/questions.ts), loaded only when the lock names a job whose thread could hold one. */
export async function countOpenQuestions(config: ResolvedL10nConfig, options: CommentsOptions = {}): Promise<QuestionCount> {
  if (!lockMayHoldJobs(config, options.fs ?? nodeFileSystem)) {
    const langs = runScope(config, { langs: options.langs }).langs
    return { open: Object.fromEntries(langs.map((l) => [l, 0])), requests: 0 }
  }
  return (await import('./review/questions.ts')).countOpenQuestions(config, options)
}
