import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { FileBox } from 'file-box'
import type { Contact, Room, Wechaty } from 'wechaty'
import { Pace, RecentIds } from './memory.js'
import { SIGNATURE_HEADER, TIMESTAMP_HEADER, verify } from './signature.js'
import * as log from './log.js'

/** What Tongxin's outbox POSTs to the bridge's `sendUrl` (docs/outbox.md, "bridge"). */
export interface OutboxCall {
  /** `<outbox id>.<part>`: the same on every retry of that part */
  id: string
  chatId?: string
  userId?: string
  text: string
  mentions?: string[]
  /** images to send after the text (the media extension): `{kind: "image", mime, name, url | base64}` */
  attachments?: Array<{ kind?: string, mime?: string, name?: string, url?: string, base64?: string }>
}

export interface EndpointOptions {
  secret: string
  maxClockSkewSeconds: number
  paceCount: number
  paceWindowMs: number
  rememberIdsMs: number
}

/** The largest body taken: a text part is at most 4096 bytes, an image a few MB in base64. */
const MAX_BODY_BYTES = 16 * 1024 * 1024

class Refusal extends Error {
  constructor (readonly status: number, message: string, readonly retryAfterMs?: number) {
    super(message)
  }
}

/**
 * The endpoint Tongxin's outbox sends to (`POST /send`): verifies the signature and the timestamp
 * window (401 otherwise, nothing said), remembers recent `id`s so a resend is said once, and says the
 * text in the room (`chatId`, with the @-mentions) or to the contact (`userId`). Answers: 200 when said
 * (or already said), 400 for a malformed call, 404 for an unknown room or contact, 429 when the room's
 * own pace is exceeded (Tongxin waits and tries again), 503 when the bot is not logged in, 502 when
 * the puppet failed to say it. `GET /health` answers whether the bot is logged in.
 */
export class OutboxEndpoint {
  private readonly ids: RecentIds<string>
  private readonly pace: Pace
  private server?: Server

  constructor (
    private readonly bot: Wechaty,
    private readonly o: EndpointOptions,
  ) {
    this.ids = new RecentIds(o.rememberIdsMs)
    this.pace = new Pace(o.paceCount, o.paceWindowMs)
  }

  async listen (port: number, host: string): Promise<number> {
    this.server = createServer((req, res) => {
      this.handle(req, res).catch(e => {
        log.error('outbox call failed', { error: e })
        answer(res, 500, { error: 'internal error' })
      })
    })
    await new Promise<void>((resolve, reject) => {
      this.server!.once('error', reject)
      this.server!.listen(port, host, () => resolve())
    })
    return (this.server.address() as AddressInfo).port
  }

  async close (): Promise<void> {
    const s = this.server
    if (!s) return
    await new Promise<void>(resolve => s.close(() => resolve()))
    s.closeAllConnections()
  }

  private async handle (req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? '/').split('?')[0]
    if (req.method === 'GET' && path === '/health') {
      answer(res, this.bot.isLoggedIn ? 200 : 503, { loggedIn: this.bot.isLoggedIn })
      return
    }
    if (req.method !== 'POST' || path !== '/send') {
      answer(res, 404, { error: 'not found: POST /send' })
      return
    }
    const body = await readBody(req)
    if (!body) {
      answer(res, 413, { error: `body over ${MAX_BODY_BYTES} bytes` })
      return
    }
    const verdict = verify(
      this.o.secret,
      header(req, TIMESTAMP_HEADER),
      header(req, SIGNATURE_HEADER),
      body,
      Date.now(),
      this.o.maxClockSkewSeconds,
    )
    if (verdict !== 'ok') {
      log.warn('outbox call refused', { reason: verdict, from: req.socket.remoteAddress })
      answer(res, 401, { error: verdict === 'stale' ? 'timestamp outside the allowed window' : 'signature required and must match' })
      return
    }
    let call: OutboxCall
    try {
      call = parseCall(body)
    } catch (e) {
      answer(res, 400, { error: (e as Error).message })
      return
    }
    if (!this.bot.isLoggedIn) {
      answer(res, 503, { error: 'the bot is not logged in' })
      return
    }
    const { duplicate, outcome } = this.ids.claim(call.id, Date.now(), () => this.say(call))
    try {
      const said = await outcome
      if (duplicate) {
        log.info('outbox resend not said again', { id: call.id })
      }
      answer(res, 200, { status: duplicate ? 'duplicate' : 'sent', id: call.id, to: said })
    } catch (e) {
      if (e instanceof Refusal) {
        if (e.retryAfterMs !== undefined) {
          res.setHeader('retry-after', Math.ceil(e.retryAfterMs / 1000).toString())
        }
        answer(res, e.status, { error: e.message })
        return
      }
      log.error('the puppet could not say an outbox message', { id: call.id, error: e })
      answer(res, 502, { error: 'the puppet could not say it' })
    }
  }

  /** Says the call and answers where; throws a {@link Refusal} for what Tongxin should hear as 4xx. */
  private async say (call: OutboxCall): Promise<string> {
    const images = (call.attachments ?? []).filter(a => (a.kind ?? 'image') === 'image')
    if (call.chatId) {
      const room = await this.bot.Room.find({ id: call.chatId })
      if (!room) {
        throw new Refusal(404, `unknown room ${call.chatId}`)
      }
      const mentioned = await this.contacts(call.mentions ?? [])
      await this.paced(`room:${room.id}`, async () => {
        if (call.text) {
          await room.say(call.text, ...mentioned)
        }
        await this.images(room, images)
      })
      log.info('said in room', { id: call.id, room: room.id, mentions: mentioned.length, images: images.length })
      return `room:${room.id}`
    }
    const contact = await this.bot.Contact.find({ id: call.userId! })
    if (!contact) {
      throw new Refusal(404, `unknown contact ${call.userId}`)
    }
    await this.paced(`contact:${contact.id}`, async () => {
      if (call.text) {
        await contact.say(call.text)
      }
      await this.images(contact, images)
    })
    log.info('said to contact', { id: call.id, contact: contact.id, images: images.length })
    return `contact:${contact.id}`
  }

  /** Says within the target's pace; a message the puppet failed to say gives its slot back. */
  private async paced (target: string, say: () => Promise<void>): Promise<void> {
    const slot = this.pace.take(target, Date.now())
    if (!slot.ok) {
      throw new Refusal(429, `pace for ${target} exceeded`, slot.retryAfterMs)
    }
    try {
      await say()
    } catch (e) {
      this.pace.giveBack(target)
      throw e
    }
  }

  private async contacts (ids: string[]): Promise<Contact[]> {
    const found = await Promise.all(ids.map(id => this.bot.Contact.find({ id })))
    return found.filter((c): c is Contact => !!c)
  }

  private async images (to: Room | Contact, images: NonNullable<OutboxCall['attachments']>): Promise<void> {
    for (const a of images) {
      const name = a.name || (a.mime === 'image/png' ? 'image.png' : 'image.jpg')
      const box = a.base64 ? FileBox.fromBase64(a.base64, name) : FileBox.fromUrl(a.url!, { name })
      await to.say(box)
    }
  }
}

function parseCall (body: Buffer): OutboxCall {
  let v: unknown
  try {
    v = JSON.parse(body.toString('utf8'))
  } catch {
    throw new Error('the body is not JSON')
  }
  const c = v as Partial<OutboxCall> | null
  if (!c || typeof c !== 'object' || typeof c.id !== 'string' || !c.id) {
    throw new Error('id is required')
  }
  if (typeof c.chatId === 'string' ? c.userId !== undefined : typeof c.userId !== 'string') {
    throw new Error('exactly one of chatId and userId is required')
  }
  if (typeof c.text !== 'string') {
    throw new Error('text is required')
  }
  if (c.mentions !== undefined && (!Array.isArray(c.mentions) || c.mentions.some(m => typeof m !== 'string'))) {
    throw new Error('mentions must be an array of ids')
  }
  if (c.attachments !== undefined) {
    if (!Array.isArray(c.attachments) || c.attachments.some(a => !a || (typeof a.base64 !== 'string' && typeof a.url !== 'string'))) {
      throw new Error('attachments must be objects with a base64 or url')
    }
  }
  if (!c.text && !c.attachments?.length) {
    throw new Error('nothing to say: text is empty and there is no attachment')
  }
  return c as OutboxCall
}

function header (req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name]
  return Array.isArray(v) ? v[0] : v
}

async function readBody (req: IncomingMessage): Promise<Buffer | undefined> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of req) {
    size += (chunk as Buffer).length
    if (size > MAX_BODY_BYTES) {
      return undefined
    }
    chunks.push(chunk as Buffer)
  }
  return Buffer.concat(chunks)
}

function answer (res: ServerResponse, status: number, body: object): void {
  const json = JSON.stringify(body)
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(json) })
  res.end(json)
}
