import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { createEmulator, type Emulator } from './emulator.ts'
import { DropConnection } from './faults.ts'
import type { EmulatorOptions } from './options.ts'

export interface StartEmulatorOptions extends EmulatorOptions {
  /** 0 picks a free port. @default 0 */
  port?: number
  /** @default '127.0.0.1' */
  host?: string
}

export interface RunningEmulator {
  /** Base URL of the API, ending in `/v2/`. */
  url: string
  /** Origin, for the `/_emulator/` admin routes. */
  origin: string
  port: number
  emulator: Emulator
  close(): Promise<void>
}

async function toRequest(req: IncomingMessage, origin: string): Promise<Request> {
  const chunks: Buffer[] = []
  for await (const chunk of req) chunks.push(chunk as Buffer)
  const body = chunks.length > 0 ? Buffer.concat(chunks) : undefined
  const headers = new Headers()
  for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string') headers.set(k, v)
  return new Request(new URL(req.url ?? '/', origin), {
    method: req.method,
    headers,
    body: req.method === 'GET' || req.method === 'HEAD' ? undefined : body,
  })
}

async function send(res: ServerResponse, response: Response): Promise<void> {
  const headers: Record<string, string> = {}
  response.headers.forEach((v, k) => {
    headers[k] = v
  })
  const body = Buffer.from(await response.arrayBuffer())
  res.writeHead(response.status, { ...headers, 'content-length': String(body.length) })
  res.end(body)
}

/** A thin node:http listener around the emulator's fetch handler. */
export async function startEmulator(options: StartEmulatorOptions = {}): Promise<RunningEmulator> {
  const emulator = createEmulator(options)
  const host = options.host ?? '127.0.0.1'
  let origin = ''
  const server = createServer(async (req, res) => {
    try {
      const request = await toRequest(req, origin)
      const response = await emulator.handle(request, { clientAddress: req.socket.remoteAddress })
      await send(res, response)
    } catch (error) {
      if (error instanceof DropConnection) {
        req.socket.destroy()
        return
      }
      res.writeHead(500, { 'content-type': 'application/json' })
      res.end(JSON.stringify({ opstat: 'error', err: { code: 500, msg: `emulator failure: ${(error as Error).message}` } }))
    }
  })
  server.keepAliveTimeout = 1000
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, host, () => resolve())
  })
  const { port } = server.address() as AddressInfo
  const hostInUrl = host.includes(':') ? `[${host}]` : host
  origin = `http://${hostInUrl}:${port}`
  return {
    url: `${origin}/v2/`,
    origin,
    port,
    emulator,
    close: () =>
      new Promise<void>((resolve, reject) => {
        emulator.save()
        server.close((error) => (error ? reject(error) : resolve()))
        server.closeAllConnections()
      }),
  }
}
