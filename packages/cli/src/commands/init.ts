import { mkdirSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { createInterface } from 'node:readline/promises'
import { EXIT, UsageError } from '../errors.ts'
import { type InitOptions, planInit } from '../init/changes.ts'
import { checkInitOptions } from '../init/check.ts'
import { installCommand, packageManager } from '../init/package-manager.ts'
import { unifiedDiff } from '../init/text-diff.ts'
import type { InStream, OutStream } from '../io.ts'
import type { Output } from '../output.ts'
import type { CommandContext } from './context.ts'

function showDiff(o: Output, text: string): void {
  for (const line of text.split('\n')) {
    if (line.startsWith('+++') || line.startsWith('---')) o.out(o.c.bold(line))
    else if (line.startsWith('+')) o.out(o.c.green(line))
    else if (line.startsWith('-')) o.out(o.c.red(line))
    else if (line.startsWith('@@')) o.out(o.c.cyan(line))
    else o.out(line)
  }
}

async function confirm(input: InStream, output: OutStream, question: string): Promise<boolean> {
  const rl = createInterface({ input, output })
  try {
    return /^y(es)?$/i.test((await rl.question(question)).trim())
  } finally {
    rl.close()
  }
}

function ciProvider(value: string | undefined): 'github' | undefined {
  if (value === undefined) return undefined
  if (value === 'github') return value
  throw new UsageError(`--ci ${JSON.stringify(value)} is not supported: use --ci github (GitLab: see the README's CI section).`)
}

/**
 * `l10n init`: the config, a first source file, `.gitignore` entries, package.json scripts and,
 * in a Vite app, the plugin and the virtual module's types. Shows every change as a diff first;
 * writes with `--yes` or a "y" at the prompt. Safe to run again: it only adds what is missing.
 */
export async function runInit(ctx: CommandContext<'init'>): Promise<number> {
  const { flags, o, cwd, io } = ctx
  const options: InitOptions = {
    source: flags.source ?? 'en',
    targets: flags.targets ?? ['ja', 'fr'],
    endpoint: flags.endpoint ?? 'emulator',
    ...(flags.files === undefined ? {} : { files: flags.files }),
    ci: ciProvider(flags.ci),
  }
  checkInitOptions(options) // a usage error (exit 2) before anything is planned or written
  const plan = planInit(cwd, options)
  for (const note of plan.notes) o.log(note)
  const pm = packageManager(cwd, ctx.env)
  const installs = [
    ...(plan.missingRuntime?.length ? [installCommand(pm, plan.missingRuntime, false)] : []),
    ...(plan.missing.length ? [installCommand(pm, plan.missing, true)] : []),
  ]
  const installNote = () => {
    if (installs.length > 0) o.log(`Install what the setup uses: ${installs.join(' && ')}`)
  }
  if (plan.changes.length === 0) {
    o.out('Nothing to do: l10n-sync is set up here.')
    installNote()
    return EXIT.done
  }
  for (const change of plan.changes) {
    o.out(o.c.dim(`# ${change.file}: ${change.why}`))
    showDiff(o, unifiedDiff(change.file, change.before, change.after))
    o.out()
  }
  let apply = Boolean(flags.yes)
  if (!apply && io.stdin?.isTTY && io.stderr.isTTY)
    apply = await confirm(io.stdin, io.stderr, `Write these ${plan.changes.length} change(s)? [y/N] `)
  if (!apply) {
    o.log(`Nothing written. Run \`l10n init --yes\` to write ${plan.changes.length === 1 ? 'this change' : 'these changes'}.`)
    return EXIT.done
  }
  // Everything was computed before the first write; each file is written whole.
  for (const change of plan.changes) {
    const file = join(cwd, change.file)
    mkdirSync(dirname(file), { recursive: true })
    writeFileSync(file, change.after)
    o.log(`${o.ce.green(change.before === undefined ? 'created' : 'updated')} ${change.file}`)
  }
  installNote()
  o.out('Next: `l10n sync --wait` to order translations, then `l10n status`.')
  return EXIT.done
}
