import { parseArgs } from 'node:util'
import { startEmulator } from './server.ts'
import { SPEEDS, type Speed } from './translators.ts'

const HELP = `Usage: gengo-emulator [options]

A local, faithful Gengo API v2 server with simulated translators.

Options:
  --port N            port to listen on; 0 picks a free one (default 8787)
  --host HOST         interface to bind (default 127.0.0.1)
  --speed S           instant | fast | realistic | review (default fast; review: jobs wait at reviewable)
  --state FILE        persist orders and jobs, so lazy loading works across runs
  --keys PUB:PRIV     accepted keys (default GENGO_PUBLIC_KEY/GENGO_PRIVATE_KEY, else demo-public:demo-private;
                      an empty variable counts as unset)
  --rate-limit N      requests per minute per client (default 150; 0 = off)
  --balance N         starting credits (default 1000)
  --quirks legacy     emit Gengo's older response variants
  --worst-case        take the unfavourable reading of every point Gengo's docs leave open
                      (no 1754, lazy loading blind to jobs being created, delayed job lists,
                      string ids and money, api_key on every route, published prices)
  -h, --help          show this help
`

function usage(message: string): never {
  process.stderr.write(`gengo-emulator: ${message}\n\n${HELP}`)
  process.exit(2)
}

function int(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback
  const n = Number(value)
  if (!Number.isInteger(n) || n < 0) usage(`--${name} needs a whole number ≥ 0, got "${value}"`)
  return n
}

async function main() {
  let values: Record<string, string | boolean | undefined>
  try {
    values = parseArgs({
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        speed: { type: 'string' },
        state: { type: 'string' },
        keys: { type: 'string' },
        'rate-limit': { type: 'string' },
        balance: { type: 'string' },
        quirks: { type: 'string' },
        'worst-case': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
    }).values
  } catch (error) {
    usage((error as Error).message)
  }
  if (values.help) {
    process.stdout.write(HELP)
    return
  }
  const speed = (values.speed as string | undefined) ?? 'fast'
  if (!SPEEDS.includes(speed as Speed)) usage(`--speed must be ${SPEEDS.join(', ')}, got "${speed}"`)
  const quirks = values.quirks as string | undefined
  if (quirks !== undefined && quirks !== 'legacy' && quirks !== 'modern') usage(`--quirks must be legacy (or modern), got "${quirks}"`)
  let publicKey: string | undefined
  let privateKey: string | undefined
  if (typeof values.keys === 'string') {
    const i = values.keys.indexOf(':')
    if (i <= 0 || i === values.keys.length - 1) usage('--keys must look like PUBLIC:PRIVATE')
    publicKey = values.keys.slice(0, i)
    privateKey = values.keys.slice(i + 1)
  }
  const running = await startEmulator({
    port: int('port', values.port as string | undefined, 8787),
    host: (values.host as string | undefined) ?? '127.0.0.1',
    speed: speed as Speed,
    stateFile: values.state as string | undefined,
    publicKey,
    privateKey,
    rateLimit: int('rate-limit', values['rate-limit'] as string | undefined, 150),
    balance: int('balance', values.balance as string | undefined, 1000),
    legacy: quirks === 'legacy',
    worstCase: values['worst-case'] === true,
    onWarning: (message) => process.stderr.write(`${message}\n`),
  })
  process.stdout.write(`Gengo emulator listening on ${running.url}\n`)
  process.stderr.write(`admin routes under ${running.origin}/_emulator/ (ledger, finish, advance, faults, quirks, reset)\n`)
  const stop = async () => {
    await running.close()
    process.exit(0)
  }
  process.once('SIGINT', stop)
  process.once('SIGTERM', stop)
}

main().catch((error: Error) => {
  process.stderr.write(`${error.message}\n`)
  process.exit(1)
})
