import { EMULATOR_DEFAULTS } from './options.ts'
import { SPEEDS } from './translators.ts'

/** `count`: a whole number ≥ 0. `keys`: `PUBLIC:PRIVATE`. */
export type EmulatorFlagType = 'boolean' | 'string' | 'count' | 'keys'

/** One command-line flag of the emulator (`gengo-emulator` and `l10n emulator` alike). */
export interface EmulatorFlag {
  /** As typed after `--`, e.g. `rate-limit`. */
  readonly name: string
  readonly type: EmulatorFlagType
  /** A one-letter alias, typed after `-`. */
  readonly short?: string
  /** The value's placeholder in the help, e.g. `N`; none for a boolean. */
  readonly value?: string
  readonly description: string
  /** The value when the flag is absent; none: unset. */
  readonly default?: string | number
  /** The only values it takes. */
  readonly choices?: readonly string[]
}

/** Every flag, declared once: the help text and the parsing are derived from this list. */
export const EMULATOR_FLAGS: readonly EmulatorFlag[] = Object.freeze([
  { name: 'port', type: 'count', value: 'N', description: 'port to listen on; 0 picks a free one', default: 8787 },
  { name: 'host', type: 'string', value: 'HOST', description: 'interface to bind', default: '127.0.0.1' },
  {
    name: 'speed',
    type: 'string',
    value: 'S',
    description: 'how fast the simulated translators work; review: like fast, but jobs wait at reviewable',
    default: EMULATOR_DEFAULTS.speed,
    choices: SPEEDS,
  },
  { name: 'state', type: 'string', value: 'FILE', description: 'persist orders and jobs, so lazy loading works across runs' },
  {
    name: 'keys',
    type: 'keys',
    value: 'PUB:PRIV',
    description:
      'accepted keys (default GENGO_PUBLIC_KEY/GENGO_PRIVATE_KEY, else demo-public:demo-private; an empty variable counts as unset)',
  },
  {
    name: 'rate-limit',
    type: 'count',
    value: 'N',
    description: 'requests per minute per client; 0 = off',
    default: EMULATOR_DEFAULTS.rateLimit,
  },
  { name: 'balance', type: 'count', value: 'N', description: 'starting credits', default: EMULATOR_DEFAULTS.balance },
  {
    name: 'quirks',
    type: 'string',
    value: 'MODE',
    description: 'legacy: emit Gengo’s older response variants',
    default: 'modern',
    choices: ['legacy', 'modern'],
  },
  {
    name: 'worst-case',
    type: 'boolean',
    description:
      'take the unfavourable reading of every point Gengo’s docs leave open (no 1754, lazy loading blind to jobs being created, delayed job lists, string ids and money, api_key on every route, published prices)',
  },
  { name: 'help', short: 'h', type: 'boolean', description: 'show this help' },
] satisfies EmulatorFlag[])

const WIDTH = 100
const COLUMN = 22

function wrap(text: string, width: number): string[] {
  const lines: string[] = []
  let line = ''
  for (const word of text.split(' ')) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line)
      line = word
    } else line = line ? `${line} ${word}` : word
  }
  return [...lines, line]
}

function helpLine(flag: EmulatorFlag): string {
  const syntax = `${flag.short ? `-${flag.short}, ` : ''}--${flag.name}${flag.value ? ` ${flag.value}` : ''}`
  const notes = [flag.choices?.join(' | '), flag.default !== undefined ? `default ${flag.default}` : undefined].filter(Boolean)
  const text = notes.length > 0 ? `${flag.description} (${notes.join('; ')})` : flag.description
  const [first, ...rest] = wrap(text, WIDTH - COLUMN)
  const head = `  ${syntax}`.padEnd(COLUMN) + (syntax.length + 2 >= COLUMN ? `\n${' '.repeat(COLUMN)}` : '')
  return [head + first, ...rest.map((l) => ' '.repeat(COLUMN) + l)].join('\n')
}

/** The help text, for the command as `name` (`gengo-emulator`, or `l10n emulator`). */
export function emulatorHelp(name = 'gengo-emulator'): string {
  return `Usage: ${name} [options]

A local, faithful Gengo API v2 server with simulated translators.

Options:
${EMULATOR_FLAGS.map(helpLine).join('\n')}
`
}
