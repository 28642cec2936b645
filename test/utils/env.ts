/** What `ciContext` (packages/vite/src/ordering.ts) reads to tell a CI build of the default branch, and `L10N_ORDER`. */
export const CI_VARIABLES = [
  'CI',
  'GITHUB_ACTIONS',
  'GITHUB_EVENT_NAME',
  'GITHUB_EVENT_PATH',
  'GITHUB_REF_NAME',
  'GITHUB_REF_TYPE',
  'GITLAB_CI',
  'CI_COMMIT_BRANCH',
  'CI_DEFAULT_BRANCH',
  'VERCEL',
  'VERCEL_ENV',
  'NETLIFY',
  'CONTEXT',
  'L10N_ORDER',
] as const

/** Sets process.env variables (undefined removes one) and returns what puts them back as they were. */
export function setEnv(vars: Record<string, string | undefined>): () => void {
  const before = Object.fromEntries(Object.keys(vars).map((name) => [name, process.env[name]]))
  const apply = (values: Record<string, string | undefined>) => {
    // Assigning undefined would store the string "undefined".
    for (const [name, value] of Object.entries(values)) {
      if (value === undefined) delete process.env[name]
      else process.env[name] = value
    }
  }
  apply(vars)
  return () => apply(before)
}

/** Clears the CI variables for one test (`beforeEach(outsideCi)`): what a build orders must not depend on where the suite runs. */
export function outsideCi(): () => void {
  return setEnv(Object.fromEntries(CI_VARIABLES.map((name) => [name, undefined])))
}
