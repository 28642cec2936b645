/** Every flag, declared as data: cac reads the syntax, the config's `cli.<command>` block supplies defaults. */
/** `targets`: a flag with an optional value, repeatable (`--approve`, `--approve KEY`): a list, empty for "all". */
export type FlagType = keyof FlagValues

/** What a flag of each type holds once parsed (options.ts coerces to these). */
export interface FlagValues {
  boolean: boolean
  string: string
  number: number
  /** `--wait` alone is 3600. */
  seconds: number
  list: string[]
  targets: string[]
}

export interface FlagDef {
  /** cac syntax, e.g. `--wait [seconds]`. */
  readonly syntax: string
  /** Option name as cac camel-cases it, and as it appears in `cli.<command>` of the config. */
  readonly name: string
  readonly type: FlagType
  readonly description: string
}

export const GLOBAL_FLAGS = [
  { syntax: '--config <file>', name: 'config', type: 'string', description: 'Config file (default: l10n.config.* found upwards from cwd)' },
  { syntax: '--cwd <dir>', name: 'cwd', type: 'string', description: 'Run as if started in this directory' },
  { syntax: '--verbose', name: 'verbose', type: 'boolean', description: 'Log every Gengo request (method, path, status) to stderr' },
] as const satisfies readonly FlagDef[]

const JSON_FLAG = {
  syntax: '--json',
  name: 'json',
  type: 'boolean',
  description: 'Print one JSON object on stdout; logs go to stderr',
} as const satisfies FlagDef
const LANG_FLAG = {
  syntax: '--lang <codes>',
  name: 'lang',
  type: 'list',
  description: 'Only these target languages, comma-separated (ja,fr)',
} as const satisfies FlagDef
const NS_FLAG = {
  syntax: '--ns <names>',
  name: 'ns',
  type: 'list',
  description: 'Only these namespaces, comma-separated',
} as const satisfies FlagDef

export interface CommandDef {
  readonly name: string
  readonly description: string
  readonly flags: readonly FlagDef[]
  /** Loads the project config (everything but `emulator` and `init`). */
  readonly needsConfig: boolean
  /** Hands everything after the command's name to its runner unparsed (`emulator`: the emulator parses its own flags). */
  readonly rawArgs?: boolean
}

/** The parsed flags of a command, typed from its table: `wait` is `number | undefined`, `lang` `string[] | undefined`. */
export type FlagsOf<C extends CommandDef> = { [F in C['flags'][number] as F['name']]?: FlagValues[F['type']] }

export const COMMANDS = {
  sync: {
    name: 'sync',
    description: 'Order what is new or changed, fetch what is finished, write the files',
    needsConfig: true,
    flags: [
      {
        syntax: '--wait [seconds]',
        name: 'wait',
        type: 'seconds',
        description: 'Poll until nothing is pending (default 3600 s when no value); exit 1 if time runs out',
      },
      {
        syntax: '--poll <seconds>',
        name: 'poll',
        type: 'number',
        description: 'First poll interval while waiting; backs off ×1.5 (default: 1800 against Gengo, 15 against the emulator)',
      },
      {
        syntax: '--dry-run',
        name: 'dryRun',
        type: 'boolean',
        description: 'Print what would be ordered, with Gengo’s quote; order and write nothing',
      },
      {
        syntax: '--repair',
        name: 'repair',
        type: 'boolean',
        description: 'Also order fresh translations for broken existing values (lost or invented placeholders), after the quote',
      },
      {
        syntax: '--fetch-only',
        name: 'fetchOnly',
        type: 'boolean',
        description:
          'Fetch and write what is finished and adopt what Gengo already has for this project; order nothing (the scheduled CI run)',
      },
      {
        syntax: '--summary <file>',
        name: 'summary',
        type: 'string',
        description: 'Also write what arrived as Markdown (a pull request body; appended to GITHUB_STEP_SUMMARY when set)',
      },
      LANG_FLAG,
      NS_FLAG,
      JSON_FLAG,
    ],
  },
  status: {
    name: 'status',
    description:
      'Per language: total, translated, missing, stale, pending (from the files), and translators’ open questions (Gengo, only while a job is open)',
    needsConfig: true,
    flags: [
      {
        syntax: '--check',
        name: 'check',
        type: 'boolean',
        description:
          'Exit 1 while anything is missing, stale, pending, interim or broken (a release gate; checkBroken: false leaves broken out)',
      },
      LANG_FLAG,
      NS_FLAG,
      JSON_FLAG,
    ],
  },
  quote: {
    name: 'quote',
    description: 'What a sync would order and what Gengo says it costs',
    needsConfig: true,
    flags: [
      {
        syntax: '--repair',
        name: 'repair',
        type: 'boolean',
        description: 'Include the broken existing values that `sync --repair` would re-order',
      },
      LANG_FLAG,
      NS_FLAG,
      JSON_FLAG,
    ],
  },
  diff: {
    name: 'diff',
    description: 'Source strings changed since the last sync (json-diff)',
    needsConfig: true,
    flags: [NS_FLAG, JSON_FLAG],
  },
  review: {
    name: 'review',
    description: 'List reviewable Gengo jobs; approve them (with a rating) or ask for a revision (with a comment)',
    needsConfig: true,
    flags: [
      {
        syntax: '--approve [target]',
        name: 'approve',
        type: 'targets',
        description: 'Approve KEY (ns:key or key) or JOBID; without a value, every reviewable job (of --lang); writes the translations',
      },
      { syntax: '--revise <target>', name: 'revise', type: 'targets', description: 'Ask for a revision of KEY or JOBID (needs --comment)' },
      { syntax: '--comment <text>', name: 'comment', type: 'string', description: 'What the translator should change (with --revise)' },
      { syntax: '--rating <n>', name: 'rating', type: 'number', description: 'Gengo’s 1-5 rating for the translator (with --approve)' },
      { syntax: '--feedback <text>', name: 'feedback', type: 'string', description: 'Feedback for the translator (with --approve)' },
      LANG_FLAG,
      JSON_FLAG,
    ],
  },
  comments: {
    name: 'comments',
    description: 'List the questions translators asked in their Gengo job threads; answer one with --reply KEY --lang L --text TEXT',
    needsConfig: true,
    flags: [
      {
        syntax: '--reply <key>',
        name: 'reply',
        type: 'string',
        description: 'Answer the translator of KEY (ns:key or key) in the one language of --lang (needs --text)',
      },
      { syntax: '--text <text>', name: 'text', type: 'string', description: 'The answer (with --reply; at most 25,000 characters)' },
      LANG_FLAG,
      NS_FLAG,
      JSON_FLAG,
    ],
  },
  types: {
    name: 'types',
    description: "Write i18next's CustomTypeOptions for the source language, so tsc checks t('key') and its {{variables}}",
    needsConfig: true,
    flags: [
      {
        syntax: '--out <file>',
        name: 'out',
        type: 'string',
        description: 'The .d.ts to write, relative to the config (default src/l10n-sync.i18next.d.ts, or the root without src/)',
      },
      {
        syntax: '--check',
        name: 'check',
        type: 'boolean',
        description: 'Write nothing; exit 1 when the file is missing or out of date (CI)',
      },
    ],
  },
  emulator: {
    name: 'emulator',
    description: 'Run the local Gengo emulator; takes the flags of gengo-emulator (`l10n emulator --help` lists them)',
    needsConfig: false,
    // Declared once, in the emulator package (EMULATOR_FLAGS), which parses them: `l10n emulator`
    // takes exactly what `gengo-emulator` does.
    flags: [],
    rawArgs: true,
  },
  init: {
    name: 'init',
    description: 'Set up l10n-sync here: config, .gitignore, scripts and the Vite plugin (shows a diff first)',
    needsConfig: false,
    flags: [
      { syntax: '--source <lng>', name: 'source', type: 'string', description: 'Source language (default en)' },
      { syntax: '--targets <codes>', name: 'targets', type: 'list', description: 'Target languages, comma-separated (default ja,fr)' },
      {
        syntax: '--endpoint <endpoint>',
        name: 'endpoint',
        type: 'string',
        description: 'production | sandbox | emulator | URL (default emulator)',
      },
      {
        syntax: '--files <pattern>',
        name: 'files',
        type: 'string',
        description:
          "Locale files (default locales/{{lng}}/{{ns}}.json); one outside the app (a monorepo's shared package) gets the config there",
      },
      {
        syntax: '--ci <provider>',
        name: 'ci',
        type: 'string',
        description: 'Also write a CI workflow: github (.github/workflows/l10n-sync.yml)',
      },
      { syntax: '--yes', name: 'yes', type: 'boolean', description: 'Write the changes without asking' },
    ],
  },
} as const satisfies Record<string, CommandDef>

export type CommandName = keyof typeof COMMANDS

/** What a command's runner gets: its own flags, typed, and `--verbose`. */
export type CommandFlags<K extends CommandName> = FlagsOf<(typeof COMMANDS)[K]> & { verbose: boolean }
