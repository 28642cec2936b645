import { type Fault, validateFault } from './faults.ts'
import { commentProblem } from './routes/comments.ts'
import type { EmState } from './state.ts'
import { SPEEDS, type Speed } from './translators.ts'
import { json } from './wire.ts'

/** The emulator's switchable settings, which the admin API changes. */
export interface Live {
  state: EmState
  speed: Speed
  legacy: boolean
  faults: Fault[]
}

/** What the admin API needs of the emulator. */
export interface AdminHost {
  readonly live: Live
  /** Simulated clock, ms. */
  simNow(): number
  /** Moves every job forward to the simulated now. */
  tick(): void
  /** Flushes state to the state file, if any. */
  save(): void
  /** Forgets everything: a fresh state with this balance (the starting one when undefined), the starting speed and quirks, no faults. */
  reset(balance: number | undefined): void
}

/** The admin routes under `/_emulator/` (not signed; not part of Gengo). `path` has no leading or trailing slash. */
export async function admin(host: AdminHost, request: Request, path: string): Promise<Response> {
  const { live } = host
  const body = request.method === 'POST' ? await request.text() : ''
  let input: Record<string, unknown> = {}
  try {
    input = body ? JSON.parse(body) : {}
  } catch {
    return json({ error: 'body must be JSON' }, 400)
  }
  const route = `${request.method} ${path}`
  switch (route) {
    case 'GET ledger':
      return json({ ...live.state.ledger, balance: live.state.balance })
    case 'GET jobs':
      host.tick()
      return json({ jobs: Object.values(live.state.jobs), orders: Object.values(live.state.orders) })
    case 'POST finish': {
      const now = host.simNow()
      for (const job of Object.values(live.state.jobs))
        job.at = {
          available: Math.min(job.at.available, now),
          pending: Math.min(job.at.pending, now),
          reviewable: Math.min(job.at.reviewable, now),
        }
      host.tick()
      host.save()
      return json({ ok: true })
    }
    case 'POST advance': {
      const seconds = Number(input.seconds ?? new URL(request.url).searchParams.get('seconds'))
      if (!Number.isFinite(seconds) || seconds < 0) return json({ error: 'seconds must be a number ≥ 0' }, 400)
      live.state.clockOffsetMs += seconds * 1000
      host.tick()
      host.save()
      return json({ ok: true, clock_offset_seconds: live.state.clockOffsetMs / 1000 })
    }
    case 'POST faults': {
      try {
        const list = Array.isArray(input.faults) ? input.faults : [input]
        live.faults.push(...list.map(validateFault))
      } catch (error) {
        return json({ error: (error as Error).message }, 400)
      }
      return json({ ok: true, faults: live.faults })
    }
    case 'DELETE faults':
      live.faults = []
      return json({ ok: true })
    case 'GET faults':
      return json({ faults: live.faults })
    case 'POST quirks':
      live.legacy = input.legacy === true || input.quirks === 'legacy'
      return json({ ok: true, legacy: live.legacy })
    case 'POST speed':
      if (!SPEEDS.includes(input.speed as Speed)) return json({ error: `speed must be ${SPEEDS.join(', ')}` }, 400)
      live.speed = input.speed as Speed
      return json({ ok: true, speed: live.speed })
    case 'POST balance':
      if (typeof input.credits !== 'number' || input.credits < 0) return json({ error: 'credits must be a number ≥ 0' }, 400)
      live.state.balance = input.credits
      host.save()
      return json({ ok: true, balance: live.state.balance })
    case 'POST comment': {
      // A simulated translator writes in a job's thread (a question the customer should answer).
      host.tick()
      const job = live.state.jobs[String(input.job_id)]
      if (!job || job.status === 'queued') return json({ error: `no job ${JSON.stringify(input.job_id)}` }, 404)
      const author = input.author ?? 'translator'
      if (author !== 'translator' && author !== 'senior translator')
        return json({ error: 'author must be "translator" or "senior translator"' }, 400)
      const problem = commentProblem(input.body)
      if (problem) return json({ error: problem.msg }, 400)
      job.comments.push({ body: input.body as string, author, ctime: Math.floor(host.simNow() / 1000) })
      host.save()
      return json({ ok: true, job_id: job.id, comments: job.comments.length })
    }
    case 'POST reset':
      host.reset(typeof input.balance === 'number' ? input.balance : undefined)
      host.save()
      return json({ ok: true })
    default:
      return json({ error: `unknown admin route ${route}` }, 404)
  }
}
