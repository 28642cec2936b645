export type { GengoClient } from './client.ts'
export { createGengoClient } from './client.ts'
export type { GengoComment, GengoCommentAuthor, GengoGlossary, GengoPreferredTranslators } from './comments.ts'
export { checkCommentBody, MAX_COMMENT_CHARS, normalizeGlossaries, normalizePreferred, normalizeThread } from './comments.ts'
export type { GengoErrorCode, GengoErrorDetails, GengoJobError } from './errors.ts'
export { codeForGengoError, GengoError } from './errors.ts'
export { isSafeId } from './normalize.ts'
export type { GengoClientOptions, GengoEndpoint, GengoRequestInfo, ResolvedGengoClientOptions } from './options.ts'
export { GENGO_CLIENT_DEFAULTS, GENGO_ENDPOINTS, resolveEndpoint, resolveGengoClientOptions } from './options.ts'
export type { GengoRevision, GengoRevisionText } from './revisions.ts'
export { normalizeRevision, normalizeRevisions } from './revisions.ts'
export { signTimestamp } from './sign.ts'
export { isClearRefusal } from './transport.ts'
export type {
  GengoBalance,
  GengoJob,
  GengoJobAction,
  GengoJobInput,
  GengoJobListEntry,
  GengoJobStatus,
  GengoLanguage,
  GengoLanguagePair,
  GengoListJobsOptions,
  GengoOrder,
  GengoPostedJob,
  GengoPostJobsOptions,
  GengoPostJobsResult,
  GengoQuote,
  GengoStats,
  GengoTier,
} from './types.ts'
