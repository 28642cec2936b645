import type pLimit from 'p-limit'

let loaded: Promise<typeof pLimit> | undefined

/** p-limit, loaded on the first request that needs it: a run that asks Gengo nothing (a no-op) does not pay its load. */
export function loadLimit(): Promise<typeof pLimit> {
  loaded ??= import('p-limit').then(
    (m) => m.default,
    (error) => {
      loaded = undefined // a failed load is tried again by the next request
      throw error
    },
  )
  return loaded
}
