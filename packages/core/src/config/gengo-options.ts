import { resolve } from 'node:path'
import { L10nError } from '../errors.ts'
import { assertInsideRoot, configError, where } from './checks.ts'
import { CONFIG_DEFAULTS } from './defaults.ts'
import type { L10nGengoOptions, ResolvedL10nConfig } from './options.ts'

const KNOWN_GENGO = new Set(
  Object.keys(CONFIG_DEFAULTS.gengo).concat([
    'comment',
    'voice',
    'tone',
    'purpose',
    'publicKey',
    'privateKey',
    'pollIntervalMs',
    'pollMaxMs',
  ]),
)

/**
 * `--wait` polling: Gengo asks for modest polling (no more than about once per 30 minutes per
 * job), so against Gengo the first poll comes after 30 minutes, backing off to 2 hours; the
 * emulator (or a loopback URL, where it runs) is polled every 15 s, backing off to 2 minutes.
 */
function pollPolicy(endpoint: string, intervalMs: number, maxMs: number): { pollIntervalMs: number; pollMaxMs: number } {
  let local = endpoint === 'emulator'
  try {
    local ||= ['127.0.0.1', 'localhost', '[::1]'].includes(new URL(endpoint).hostname)
  } catch {}
  const first = intervalMs || (local ? 15_000 : 30 * 60_000)
  return { pollIntervalMs: first, pollMaxMs: Math.max(first, maxMs || (local ? 120_000 : 2 * 60 * 60_000)) }
}

function isHttpUrl(value: string): boolean {
  if (!/^https?:\/\//i.test(value)) return false
  try {
    return new URL(value).hostname !== ''
  } catch {
    return false
  }
}

/**
 * Validates `gengo` (naming the option and the file) and fills its defaults; the emulator's
 * state file must stay inside the project root and is resolved against it.
 */
export function resolveGengoOptions(input: L10nGengoOptions | undefined, root: string, configFile?: string): ResolvedL10nConfig['gengo'] {
  const g = (input ?? {}) as L10nGengoOptions & Record<string, unknown>
  const gd = CONFIG_DEFAULTS.gengo
  for (const key of Object.keys(g)) {
    if (!KNOWN_GENGO.has(key))
      throw configError(
        `gengo.${key}`,
        g[key],
        `Unknown option; known gengo options are ${[...KNOWN_GENGO].filter((k) => !k.endsWith('Key')).join(', ')}.`,
        configFile,
      )
  }
  if ('publicKey' in g || 'privateKey' in g) {
    throw new L10nError(
      'L10N_CONFIG',
      `Gengo keys do not belong in the config${where(configFile)}: set GENGO_PUBLIC_KEY and GENGO_PRIVATE_KEY in the environment or .env instead.`,
      {
        option: 'gengo.privateKey',
        file: configFile,
      },
    )
  }
  const endpoint = g.endpoint ?? gd.endpoint
  if (typeof endpoint !== 'string' || !(['production', 'sandbox', 'emulator'].includes(endpoint) || isHttpUrl(endpoint))) {
    throw configError(
      'gengo.endpoint',
      endpoint,
      "Use 'production', 'sandbox', 'emulator' or an http(s) URL with a host, e.g. 'http://127.0.0.1:8787/v2/'.",
      configFile,
    )
  }
  const tier = g.tier ?? gd.tier
  if (tier !== 'standard' && tier !== 'pro') throw configError('gengo.tier', tier, "Use 'standard' or 'pro'.", configFile)
  const bool = (name: string, value: unknown, fallback: boolean) => {
    if (value === undefined) return fallback
    if (typeof value === 'boolean') return value
    throw configError(`gengo.${name}`, value, 'Use true or false.', configFile)
  }
  const int = (name: string, value: unknown, fallback: number, min: number, max = Number.MAX_SAFE_INTEGER) => {
    if (value === undefined) return fallback
    if (typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max) return value
    throw configError(
      `gengo.${name}`,
      value,
      `Use a whole number from ${min} to ${max === Number.MAX_SAFE_INTEGER ? 'any' : max}.`,
      configFile,
    )
  }
  const maxCredits = g.maxCredits ?? gd.maxCredits
  if (typeof maxCredits !== 'number' || !Number.isFinite(maxCredits) || maxCredits < 0) {
    throw configError('gengo.maxCredits', maxCredits, 'Use a number of credits ≥ 0.', configFile)
  }
  const interim: unknown = g.interim ?? gd.interim
  if (interim === 'machine')
    throw configError(
      'gengo.interim',
      interim,
      "Gengo's API no longer returns machine translations (pre_mt and mt were dropped in 2016; its own clients removed them), so there is no interim text to write. Remove gengo.interim (or set it to 'none'); a pending key shows the source text, per fallbackLng.",
      configFile,
    )
  if (interim !== 'none') throw configError('gengo.interim', interim, "Use 'none' (the only value Gengo supports today).", configFile)
  const speed = g.emulator?.speed ?? gd.emulator.speed
  if (!['instant', 'fast', 'realistic', 'review'].includes(speed))
    throw configError(
      'gengo.emulator.speed',
      speed,
      "Use 'instant', 'fast', 'realistic' or 'review' (translators stop at reviewable).",
      configFile,
    )
  if (g.comment !== undefined && typeof g.comment !== 'string') throw configError('gengo.comment', g.comment, 'Use a string.', configFile)
  if (g.voice !== undefined && (typeof g.voice !== 'string' || g.voice.length > 500))
    throw configError(
      'gengo.voice',
      g.voice,
      'Use a string of at most 500 characters: the tone and audience, in a sentence or two.',
      configFile,
    )
  for (const name of ['tone', 'purpose'] as const) {
    const v = g[name]
    if (v !== undefined && (typeof v !== 'string' || v.length > 200))
      throw configError(`gengo.${name}`, v, 'Use a short string (at most 200 characters).', configFile)
  }
  const glossaries: Record<string, string> = {}
  if (g.glossaries !== undefined) {
    if (typeof g.glossaries !== 'object' || g.glossaries === null || Array.isArray(g.glossaries))
      throw configError('gengo.glossaries', g.glossaries, 'Give target language → Gengo glossary id, e.g. { ja: 1234 }.', configFile)
    for (const [lng, id] of Object.entries(g.glossaries)) {
      const text = typeof id === 'number' && Number.isInteger(id) && id > 0 ? String(id) : typeof id === 'string' ? id.trim() : ''
      if (!/^[0-9A-Za-z_-]{1,64}$/.test(text))
        throw configError(`gengo.glossaries.${lng}`, id, "Use the glossary's id from Gengo (a whole number).", configFile)
      glossaries[lng] = text
    }
  }
  const stateFile = g.emulator?.stateFile
  if (stateFile !== undefined) {
    if (typeof stateFile !== 'string' || stateFile === '')
      throw configError('gengo.emulator.stateFile', stateFile, "Give a path such as '.l10n/emulator.json'.", configFile)
    assertInsideRoot(root, 'gengo.emulator.stateFile', stateFile, configFile)
  }
  return {
    endpoint,
    tier,
    autoApprove: bool('autoApprove', g.autoApprove, gd.autoApprove),
    maxCredits,
    acceptReviewable: bool('acceptReviewable', g.acceptReviewable, gd.acceptReviewable),
    interim: 'none' as const,
    batchSize: int('batchSize', g.batchSize, gd.batchSize, 1, 200),
    group: bool('group', g.group, gd.group),
    usePreferred: bool('usePreferred', g.usePreferred, gd.usePreferred),
    concurrency: int('concurrency', g.concurrency, gd.concurrency, 1, 16),
    requestsPerMinute: int('requestsPerMinute', g.requestsPerMinute, gd.requestsPerMinute, 0, 150),
    retries: int('retries', g.retries, gd.retries, 0, 10),
    timeoutMs: int('timeoutMs', g.timeoutMs, gd.timeoutMs, 1),
    reconcileGrace: int('reconcileGrace', g.reconcileGrace, gd.reconcileGrace, 0),
    lookbackDays: int('lookbackDays', g.lookbackDays, gd.lookbackDays, 0, 3650),
    ...pollPolicy(endpoint, int('pollIntervalMs', g.pollIntervalMs, 0, 1), int('pollMaxMs', g.pollMaxMs, 0, 1)),
    // '' sends no order comment.
    comment: (g.comment ?? gd.comment) || undefined,
    voice: g.voice?.trim() || undefined,
    tone: g.tone?.trim() || undefined,
    purpose: g.purpose?.trim() || undefined,
    glossaries,
    emulator: { speed, stateFile: resolve(root, stateFile ?? gd.emulator.stateFile) },
  }
}
