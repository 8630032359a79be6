import { createServer, type IncomingHttpHeaders, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'

/** One request that went through a {@link Gate}, with what came back. */
export interface Passed {
  method: string
  path: string
  headers: IncomingHttpHeaders
  body: string
  status?: number
  answer?: string
}

/**
 * An HTTP hop on loopback between two real parties, to watch and to break the line: it records every
 * request it forwards; `down()` stops listening (connection refused, as when the service is down) and
 * `up()` listens again on the same port; `swallow(n)` forwards the next n requests but never answers
 * them (the far side did the work, the caller saw the connection die).
 */
export class Gate {
  readonly passed: Passed[] = []
  private swallowing = 0
  private server?: Server
  private port = 0

  constructor (private readonly target: string) {}

  async up (): Promise<this> {
    const server = createServer((req, res) => {
      const chunks: Buffer[] = []
      req.on('data', c => chunks.push(c as Buffer))
      req.on('end', () => {
        const body = Buffer.concat(chunks)
        const p: Passed = { method: req.method ?? 'GET', path: req.url ?? '/', headers: req.headers, body: body.toString('utf8') }
        this.passed.push(p)
        const swallow = this.swallowing > 0
        if (swallow) this.swallowing--
        const headers: Record<string, string> = {}
        for (const h of ['content-type', 'x-tongxin-timestamp', 'x-tongxin-signature', 'authorization']) {
          const v = req.headers[h]
          if (typeof v === 'string') headers[h] = v
        }
        fetch(this.target + p.path, { method: p.method, headers, body: p.method === 'GET' ? undefined : body })
          .then(async r => {
            p.status = r.status
            p.answer = await r.text()
            if (swallow) {
              req.socket.destroy()
              return
            }
            res.writeHead(r.status, { 'content-type': r.headers.get('content-type') ?? 'application/json' })
            res.end(p.answer)
          })
          .catch(() => req.socket.destroy())
      })
    })
    await new Promise<void>(resolve => server.listen(this.port, '127.0.0.1', resolve))
    this.port = (server.address() as AddressInfo).port
    this.server = server
    return this
  }

  async down (): Promise<void> {
    const s = this.server
    this.server = undefined
    if (!s) return
    s.closeAllConnections()
    await new Promise(resolve => s.close(resolve))
  }

  swallow (n: number): void {
    this.swallowing = n
  }

  get url (): string {
    return `http://127.0.0.1:${this.port}`
  }
}
