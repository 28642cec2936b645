import type { Tree, TreeObject } from '../src/files/json.ts'

/** JSON.parse output as the ordered, prototype-free tree that stringifyTree writes (tests only: the sync builds trees from flat keys). */
export function toTree(value: unknown): Tree {
  if (Array.isArray(value)) return value.map(toTree)
  if (typeof value === 'object' && value !== null) {
    const map: TreeObject = new Map()
    for (const key of Object.keys(value)) map.set(key, toTree((value as Record<string, unknown>)[key]))
    return map
  }
  return value as Tree
}
