import type { EmJob } from './state.ts'

/**
 * How fast the simulated translators work. `review` works like `fast` but every job stops at
 * `reviewable` and waits for the customer (its `auto_approve` is ignored), as a team reviewing
 * strings in context needs; Gengo's own 120-hour auto-approval still applies on the simulated clock.
 */
export type Speed = 'instant' | 'fast' | 'realistic' | 'review'

export const SPEEDS: readonly Speed[] = ['instant', 'fast', 'realistic', 'review']

/** Gengo approves a reviewable job on its own after 120 hours (the current developer docs; 72 h was the older figure). */
export const AUTO_APPROVE_MS = 120 * 3600_000

/** Phase offsets in ms from ordering: [available, pending, reviewable]. Deterministic per job id. */
export function schedule(speed: Speed, jobId: number, fromMs: number): EmJob['at'] {
  switch (speed) {
    case 'instant':
      return { available: fromMs, pending: fromMs, reviewable: fromMs }
    case 'fast':
    case 'review':
      return { available: fromMs + 500, pending: fromMs + 1000, reviewable: fromMs + 2000 + (jobId % 3) * 500 }
    case 'realistic':
      return {
        available: fromMs + 5_000, // Gengo creates an order's jobs asynchronously, in seconds
        pending: fromMs + (10 + (jobId % 7)) * 60_000,
        reviewable: fromMs + (2 * 60 + (jobId % 11) * 7) * 60_000,
      }
  }
}

export function revisionDelayMs(speed: Speed): number {
  return speed === 'instant' ? 0 : speed === 'fast' || speed === 'review' ? 1500 : 60 * 60_000
}

const PROTECTED = /(\[\[\[[\s\S]*?\]\]\])/

/**
 * A deterministic pseudo-translation: marked with the target language, each
 * translatable segment rewritten, every `[[[...]]]` segment copied verbatim.
 */
export function pseudoTranslate(bodySrc: string, lcTgt: string, marker = lcTgt): string {
  const parts = bodySrc.split(PROTECTED)
  const out = parts.map((part) => (PROTECTED.test(part) ? part : accent(part)))
  return `[${marker}] ${out.join('')}`
}

const ACCENTS: Record<string, string> = { a: 'á', e: 'é', i: 'í', o: 'ó', u: 'ú', A: 'Á', E: 'É', I: 'Í', O: 'Ó', U: 'Ú' }

/** Visibly "translated" yet readable: vowels get accents. */
function accent(text: string): string {
  return text.replace(/[aeiouAEIOU]/g, (c) => ACCENTS[c] ?? c)
}

/** A translator who loses or changes the first protected segment. */
export function breakPlaceholder(bodyTgt: string, mode: 'drop' | 'alter'): string {
  const match = bodyTgt.match(/\[\[\[([\s\S]*?)\]\]\]/)
  if (!match) return bodyTgt
  const replacement = mode === 'drop' ? '' : `[[[${match[1]?.replace(/[A-Za-z]+/, (w) => `${w}_x`)}]]]`
  return bodyTgt.replace(match[0], replacement)
}

/** In `--speed review`, every third job (id % 3 = 2) asks a question when its translator starts on it. */
export function asksOnItsOwn(job: EmJob): boolean {
  return job.id % 3 === 2 && !job.asked
}

/** The simulated translator's question: deterministic, and naming the text it is about. */
export function questionFor(job: EmJob): string {
  const text = job.bodySrc.length > 60 ? `${job.bodySrc.slice(0, 59)}…` : job.bodySrc
  return `Question from the translator (${job.lcTgt}): in "${text}", is this a button label or a sentence? Should it be formal or casual?`
}

/** Moves one job forward to simulated time `nowMs`. Returns true when it changed. */
export function advanceJob(job: EmJob, nowMs: number, speed?: Speed): boolean {
  const before = job.status
  if (job.status === 'queued' && nowMs >= job.at.available) job.status = 'available'
  if (job.status === 'available' && nowMs >= job.at.pending) {
    job.status = 'pending'
    if (speed === 'review' && asksOnItsOwn(job)) {
      job.asked = true
      job.comments.push({ body: questionFor(job), author: 'translator', ctime: Math.floor(job.at.pending / 1000) })
    }
  }
  if ((job.status === 'pending' || job.status === 'revising') && nowMs >= job.at.reviewable) {
    let body = pseudoTranslate(job.bodySrc, job.lcTgt)
    // A revision asked for a reason other than a broken placeholder gets new wording.
    if (job.status === 'revising' && job.bodyTgt === body)
      body = pseudoTranslate(job.bodySrc, job.lcTgt, `${job.lcTgt} rev ${job.revisions}`)
    if (job.status === 'revising')
      job.comments.push({ body: `Revised as asked (revision ${job.revisions}).`, author: 'translator', ctime: Math.floor(nowMs / 1000) })
    if (job.breakPlaceholder) {
      body = breakPlaceholder(body, job.breakPlaceholder)
      job.breakPlaceholder = undefined
    }
    if (job.inject !== undefined) {
      body += job.inject
      job.inject = undefined
    }
    job.bodyTgt = body
    job.versions = [...(job.versions ?? []), { ctime: Math.floor(job.at.reviewable / 1000), bodyTgt: body }]
    job.status = 'reviewable'
  }
  if (job.status === 'reviewable' && job.autoApprove && speed !== 'review') job.status = 'approved'
  if (job.status === 'reviewable' && nowMs >= job.at.reviewable + AUTO_APPROVE_MS) {
    job.status = 'approved'
    job.autoApproved = true
  }
  return job.status !== before
}
