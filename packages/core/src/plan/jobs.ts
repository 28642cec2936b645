import type { GengoJobInput } from '@l10n-sync/gengo'
import type { ResolvedL10nConfig } from '../config/config.ts'
import { languageName, toGengoLanguage } from '../config/languages.ts'
import { shortHash } from '../files/hash.ts'
import { splitEdges, withEdges } from './edges.ts'
import { inventedMarkup } from './markup.ts'
import { type InterpolationOptions, protect, type Restored, restore } from './placeholders.ts'
import type { Unit } from './plan.ts'
import { exampleCounts } from './plurals.ts'
import { charCount, overLimit } from './value-checks.ts'

/** One Gengo job: a distinct (body, language, tier), and every target key it fills. */
export interface JobRequest {
  /** Client-chosen job key, unique in a run. */
  id: string
  lng: string
  ns: string
  input: GengoJobInput
  units: Unit[]
  /** Placeholders the translation must keep. */
  placeholders: string[]
  /** Our do-not-translate hints, stripped on return. */
  hints: string[]
  /** The least `maxChars` of its keys: the translation (each key's value as written) may be at most this long. */
  maxChars?: number
}

const SLUG_MAX = 120
const CUSTOM_DATA_MAX = 1024

function cutUtf8(text: string, maxBytes: number): string {
  if (Buffer.byteLength(text) <= maxBytes) return text
  let out = text
  while (Buffer.byteLength(out) > maxBytes - 1) out = out.slice(0, -1)
  return `${out}…`
}

/** What the translator sees besides the text: context, plural guidance, placeholder rule. */
function comment(unit: Unit, placeholders: string[], voice?: string, maxChars?: number): string | undefined {
  const lines: string[] = []
  if (unit.context) lines.push(unit.context)
  if (maxChars !== undefined)
    lines.push(
      `At most ${maxChars} characters: the space in the app is limited${placeholders.length > 0 ? ' (each [[[…]]] segment counts as what is inside its brackets)' : ''}.`,
    )
  if (unit.plural) {
    const { form, ordinal, fromForm } = unit.plural
    const examples = exampleCounts(unit.lng, form, ordinal)
    lines.push(
      `${ordinal ? 'Ordinal' : 'Plural'} form "${form}" of ${languageName(unit.lng)}, used for counts such as ${examples.join(', ')}.` +
        (fromForm !== form ? ` English has no such form; the text shown is its "${fromForm}" form.` : ''),
    )
  }
  if (placeholders.length > 0) lines.push('Keep every [[[…]]] segment exactly as it is; they are filled in by the app.')
  if (voice) lines.push(`The app's voice: ${voice}`)
  return lines.length ? lines.join('\n') : undefined
}

/**
 * Builds the jobs for units that need ordering: placeholders protected, plural
 * forms and context made distinct by do-not-translate hints, and identical
 * (body, language, tier) merged into one job.
 */
export function buildJobs(config: ResolvedL10nConfig, units: Unit[]): JobRequest[] {
  const byBody = new Map<string, JobRequest>()
  const sourceGengo = toGengoLanguage(config.source, config.languageMap)
  for (const unit of units) {
    // The text without its edge whitespace (written back per key, edges.ts): texts that differ only there share one job.
    const { body, placeholders } = protect(splitEdges(unit.text).core, config.i18next.interpolation)
    const hints: string[] = []
    if (unit.plural) {
      const examples = exampleCounts(unit.lng, unit.plural.form, unit.plural.ordinal)
      hints.push(`(${unit.plural.ordinal ? 'ordinal' : 'plural'} "${unit.plural.form}": ${examples.join(', ')})`)
    }
    if (unit.context) hints.push(`(context: ${unit.ns}:${unit.plural?.base ?? unit.key})`)
    const bodySrc = [body, ...hints.map((h) => `[[[${h}]]]`)].join(' ')
    const lcTgt = toGengoLanguage(unit.lng, config.languageMap)
    const dedupe = `${bodySrc}\u0000${lcTgt}\u0000${config.gengo.tier}`
    const existing = byBody.get(dedupe)
    if (existing) {
      existing.units.push(unit)
      if (unit.force !== undefined) existing.input.force = true
      if (unit.maxChars !== undefined && !(unit.maxChars >= (existing.maxChars ?? Number.POSITIVE_INFINITY))) {
        existing.maxChars = unit.maxChars
        existing.input.comment = comment(existing.units[0] as Unit, placeholders, config.gengo.voice, unit.maxChars)
      }
      continue
    }
    const ref = `${unit.ns}:${unit.key}`
    const customData = Buffer.byteLength(ref) > CUSTOM_DATA_MAX ? `sha1:${shortHash(ref)}` : ref
    byBody.set(dedupe, {
      id: `${unit.lng}|${ref}`,
      lng: unit.lng,
      ns: unit.ns,
      input: {
        bodySrc,
        lcSrc: sourceGengo,
        lcTgt,
        tier: config.gengo.tier,
        slug: cutUtf8(ref, SLUG_MAX),
        customData,
        comment: comment(unit, placeholders, config.gengo.voice, unit.maxChars),
        autoApprove: config.gengo.autoApprove,
        ...(config.gengo.usePreferred && { usePreferred: true }),
        ...(config.gengo.tone && { tone: config.gengo.tone }),
        ...(config.gengo.purpose && { purpose: config.gengo.purpose }),
        ...(config.gengo.glossaries[unit.lng] !== undefined && { glossaryId: config.gengo.glossaries[unit.lng] }),
        ...(unit.force !== undefined && { force: true }),
      },
      units: [unit],
      placeholders,
      hints,
      ...(unit.maxChars !== undefined && { maxChars: unit.maxChars }),
    })
  }
  return [...byBody.values()]
}

/**
 * A job's answer as it would be written (before each key's own edges are put back, `withEdges`), or
 * why it must not be: a lost or invented placeholder, a changed note (`restore`), or nothing but
 * whitespace (bad input, never written), or markup the source does not have (`markup.ts`), or longer
 * than a key's `maxChars`.
 */
export function restoreJob(req: JobRequest, bodyTgt: string, o: InterpolationOptions): Restored {
  const restored = restore(bodyTgt, req.placeholders, req.hints, o)
  if (!restored.ok) return restored
  if (!/\S/.test(restored.text)) {
    return { ok: false, missing: [], extra: [], problem: 'the translation is empty (only whitespace)', kind: 'empty' }
  }
  // Every key of a job has the same text once its edges are off: the first one's stands for all.
  const extra = inventedMarkup(splitEdges(req.units[0]?.text ?? '').core, restored.text)
  if (extra.length > 0) {
    return {
      ok: false,
      missing: [],
      extra,
      problem: `the translation added markup the source does not have: ${extra.join(' ')}`,
      kind: 'markup',
    }
  }
  return overLimits(req.units, restored) ?? restored
}

/** A translation longer than a key's `maxChars`, counted as `charCount` counts: that key's value as it would be written. */
export function overLimits(units: readonly Unit[], restored: Restored & { ok: true }): Restored | undefined {
  for (const u of units) {
    if (u.maxChars === undefined) continue
    const value = withEdges(u.text, restored.text)
    const long = overLimit(value, u.maxChars)
    if (long) {
      const limit = { max: u.maxChars, length: charCount(value) }
      return { ok: false, missing: [], extra: [], problem: `the translation for ${u.ns}:${u.key} is ${long}`, kind: 'limit', limit }
    }
  }
  return undefined
}

/**
 * Batches per language, across namespaces (Gengo groups an order by language pair, not by
 * file), at most `size` jobs each; a batch of 2+ is sent as a group. Jobs keep their order.
 */
export function batchJobs(jobs: JobRequest[], size: number, byNamespace = false): JobRequest[][] {
  const groups = new Map<string, JobRequest[]>()
  for (const job of jobs) {
    const key = byNamespace ? `${job.lng}\u0000${job.ns}` : job.lng
    const list = groups.get(key)
    if (list) list.push(job)
    else groups.set(key, [job])
  }
  const batches: JobRequest[][] = []
  for (const list of groups.values()) for (let i = 0; i < list.length; i += size) batches.push(list.slice(i, i + size))
  return batches
}
