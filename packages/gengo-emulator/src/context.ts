import type { Fault } from './faults.ts'
import type { EmJob, EmState } from './state.ts'
import type { Speed } from './translators.ts'

/** What every route handler gets. */
export interface Ctx {
  state: EmState
  speed: Speed
  legacy: boolean
  /** The unfavourable reading of every open point (see EmulatorOptions.worstCase). */
  worstCase: boolean
  /** Ids and money as strings (legacy editions and the docs' examples). */
  strings: boolean
  faults: Fault[]
  /** Real clock, ms. */
  realNow(): number
  /** Simulated clock, ms (real + admin advances). */
  simNow(): number
  /** Lazy-loading index: lazyKey → job ids, oldest first. */
  lazy: Map<string, number[]>
  job(id: number | string): EmJob | undefined
}

export type Params = URLSearchParams

/** Parses the `data` form field of POST/PUT. */
export function parseData(params: Params, fail: (code: number, msg: string) => never): Record<string, unknown> {
  const data = params.get('data')
  if (data === null || data === '') fail(1250, 'data is a required field')
  try {
    const parsed = JSON.parse(data as string)
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) fail(1251, 'data must be a JSON object')
    return parsed
  } catch {
    return fail(1251, 'data is not valid JSON')
  }
}

export function flag(value: unknown, code: number, name: string, fail: (code: number, msg: string) => never): boolean {
  if (value === undefined || value === null) return false
  if (value === 0 || value === '0' || value === false) return false
  if (value === 1 || value === '1' || value === true) return true
  return fail(code, `${name} must be 0 or 1`)
}
