import { L10nError } from '../errors.ts'
import type { Tree, TreeObject } from './json.ts'

/** A path through the tree: object keys are strings, array indexes numbers. */
export type Path = (string | number)[]

export interface FlatEntry {
  key: string
  value: string
  path: Path
}

/** A leaf that is not a string (a number, boolean or null): not ours to translate, kept where it is. */
export interface OtherLeaf {
  key: string
  value: number | boolean | null
  path: Path
  /** Per path segment: the keys of that object in the file and the segment's index among them (where to put it back). */
  at: { keys: string[]; index: number }[]
}

export interface FlattenOptions {
  /** A source file: a non-string leaf is refused by file and key (only strings can be translated). @default false */
  source?: boolean
  /** Collects non-string leaves here (target files keep them on rewrite). */
  others?: OtherLeaf[]
}

function typeName(v: unknown): string {
  return v === null ? 'null' : typeof v === 'number' ? `a number (${v})` : typeof v === 'boolean' ? `a boolean (${v})` : typeof v
}

/**
 * Flattens a locale file (JSON.parse output) to `key → string`,
 * in document order. Reports collisions by file and key. Own keys only, so
 * `__proto__` and friends are plain data.
 */
export function flatten(tree: unknown, file: string, keySeparator: string | false, options: FlattenOptions = {}): FlatEntry[] {
  const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)
  if (!isObj(tree)) {
    throw new L10nError(
      'L10N_RESOURCE',
      `${file} must hold a JSON object of keys, not ${Array.isArray(tree) ? 'an array' : typeof tree}.`,
      { file },
    )
  }
  const out: FlatEntry[] = []
  const seen = new Map<string, Path>()
  type At = OtherLeaf['at']
  const visit = (node: unknown, path: Path, key: string, at: At = []) => {
    if (isObj(node) || Array.isArray(node)) {
      if (path.length > 0 && keySeparator === false) {
        throw new L10nError(
          'L10N_RESOURCE',
          `${file}: key "${path.join('')}" holds an object, but i18next.keySeparator is false, so keys cannot nest.`,
          {
            file,
            key: String(path[0]),
          },
        )
      }
      const prefix = path.length > 0 ? `${key}${keySeparator}` : ''
      if (Array.isArray(node)) {
        for (let i = 0; i < node.length; i++)
          visit(node[i], [...path, i], `${prefix}${i}`, options.others && [...at, { keys: [], index: i }])
      } else {
        const keys = Object.keys(node)
        for (let i = 0; i < keys.length; i++) {
          const k = keys[i] as string
          visit(node[k], [...path, k], `${prefix}${k}`, options.others && [...at, { keys, index: i }])
        }
      }
      return
    }
    if (typeof node !== 'string') {
      if (options.source) {
        throw new L10nError(
          'L10N_RESOURCE',
          `${file}: key "${key}" is ${typeName(node)}, but only strings can be translated. Make it a string${typeof node === 'number' || typeof node === 'boolean' ? ` ("${node}")` : ''}, or keep data that is not text out of the source files.`,
          { file, key },
        )
      }
      options.others?.push({ key, value: node as OtherLeaf['value'], path, at })
      return
    }
    const earlier = seen.get(key)
    if (earlier) {
      throw new L10nError(
        'L10N_RESOURCE',
        `${file}: key "${key}" is defined twice (as ${describe(earlier)} and as ${describe(path)}); with keySeparator "${keySeparator}" they collide. Rename one.`,
        { file, key },
      )
    }
    seen.set(key, path)
    out.push({ key, value: node, path })
  }
  visit(tree, [], '')
  return out
}

function describe(path: Path): string {
  return path.map((p) => (typeof p === 'number' ? `[${p}]` : JSON.stringify(p))).join(' › ')
}

/** Sets a value at a path, creating objects (and arrays for numeric segments) on the way. */
export function setPath(root: TreeObject, path: Path, value: Tree): void {
  let node: Tree = root
  for (let i = 0; i < path.length - 1; i++) {
    const seg = path[i] as string | number
    const nextIsIndex = typeof path[i + 1] === 'number'
    if (node instanceof Map) {
      let child = node.get(String(seg))
      if (!(child instanceof Map) && !Array.isArray(child)) {
        child = nextIsIndex ? [] : new Map()
        node.set(String(seg), child)
      }
      node = child
    } else if (Array.isArray(node)) {
      let child: Tree | undefined = node[seg as number]
      if (!(child instanceof Map) && !Array.isArray(child)) {
        child = nextIsIndex ? [] : new Map()
        node[seg as number] = child
      }
      node = child
    }
  }
  const last = path[path.length - 1] as string | number
  if (node instanceof Map) node.set(String(last), value)
  else if (Array.isArray(node)) node[last as number] = value
}

/** Removes empty objects/arrays left after deletions, and array holes. */
export function compact(node: Tree): Tree {
  if (node instanceof Map) {
    for (const [k, v] of node) {
      const c = compact(v)
      if ((c instanceof Map && c.size === 0) || (Array.isArray(c) && c.length === 0)) node.delete(k)
      else node.set(k, c)
    }
    return node
  }
  if (Array.isArray(node)) return node.filter((v) => v !== undefined).map(compact)
  return node
}

/** Like `flatten`, values only (no paths): the fast path for target files, which are read on every run. */
export function flattenValues(tree: unknown, file: string, keySeparator: string | false, onOther?: () => void): Map<string, string> {
  const out = new Map<string, string>()
  const visit = (node: unknown, key: string, depth: number) => {
    if (typeof node === 'string') {
      const size = out.size
      // One hash lookup: a key that did not add an entry was there already.
      if (out.set(key, node).size === size) flatten(tree, file, keySeparator) // throws the detailed collision error
      return
    }
    if (typeof node !== 'object' || node === null) return onOther?.()
    if (depth > 0 && keySeparator === false) flatten(tree, file, keySeparator) // throws the detailed error
    const prefix = depth > 0 ? `${key}${keySeparator}` : ''
    if (Array.isArray(node)) for (let i = 0; i < node.length; i++) visit(node[i], `${prefix}${i}`, depth + 1)
    else for (const k of Object.keys(node)) visit((node as Record<string, unknown>)[k], `${prefix}${k}`, depth + 1)
  }
  if (typeof tree !== 'object' || tree === null || Array.isArray(tree))
    return new Map(flatten(tree, file, keySeparator).map((e) => [e.key, e.value]))
  visit(tree, '', 0)
  return out
}

/** The value at a path of a parsed tree, when it is a string. */
export function stringAt(tree: unknown, path: Path): string | undefined {
  let node = tree
  for (let i = 0; i < path.length; i++) {
    if (typeof node !== 'object' || node === null) return undefined
    const k = path[i] as string | number
    if (!Object.hasOwn(node, k)) return undefined
    node = (node as Record<string | number, unknown>)[k]
  }
  return typeof node === 'string' ? node : undefined
}

/** A non-string leaf of a target file that a translation would overwrite: refused, by file and key. */
export function otherConflict(file: string, leaf: OtherLeaf): L10nError {
  return new L10nError(
    'L10N_RESOURCE',
    `${file}: key "${leaf.key}" holds ${JSON.stringify(leaf.value)} where the source needs ${leaf.value === null ? 'a string' : 'a string or an object'}; writing the translation would delete it. Move or remove it, then sync again.`,
    { file, key: leaf.key },
  )
}
