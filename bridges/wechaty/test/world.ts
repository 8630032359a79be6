import { createServer, type IncomingMessage, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { setTimeout as sleep } from 'node:timers/promises'
import { WechatyBuilder, log as wechatyLog, type Wechaty } from 'wechaty'
import type { EventEmitter } from 'node:events'
import { mock, PuppetMock } from 'wechaty-puppet-mock'
import { Bridge } from '../src/bridge.js'
import type { BridgeConfig } from '../src/config.js'
import { sign } from '../src/signature.js'

wechatyLog.level('silent')

export const SECRET = 'bridge-test-secret-0001'

/** What a mocked contact or room heard from the bot. */
export interface Heard {
  text?: string
  type: number
  mentionIdList?: string[]
}

/**
 * A WeChat account on Wechaty's own mock puppet (wechaty-puppet-mock): the bot 同心助手, residents,
 * a committee member and a residents' group, with the bridge running on it. `heardIn(room)` and
 * `heardBy(contact)` collect what the bot said there.
 */
export class World {
  readonly mocker = new mock.Mocker()
  readonly bot: Wechaty
  readonly bridge: Bridge
  readonly me: mock.ContactMock
  readonly wang: mock.ContactMock
  readonly li: mock.ContactMock
  readonly member: mock.ContactMock
  readonly room: mock.RoomMock
  readonly roomHeard: Heard[] = []
  readonly memberHeard: Heard[] = []
  readonly wangHeard: Heard[] = []

  constructor (config: Partial<BridgeConfig> & { tongxinUrl: string, channelKey?: string }, tag = Date.now().toString(36)) {
    const puppet = new PuppetMock({ mocker: this.mocker })
    this.bot = WechatyBuilder.build({ name: `test-${tag}`, puppet })
    this.me = this.mocker.createContact({ id: `wxid_bot_${tag}`, name: '同心助手' })
    this.wang = this.mocker.createContact({ id: `wxid_wang_${tag}`, name: '王阿姨' })
    this.li = this.mocker.createContact({ id: `wxid_li_${tag}`, name: '李师傅' })
    this.member = this.mocker.createContact({ id: `wxid_member_${tag}`, name: '杨委员' })
    this.room = this.mocker.createRoom({
      id: `${tag}@chatroom`,
      topic: '静安门社区居民群',
      memberIdList: [this.me.id, this.wang.id, this.li.id],
    })
    const fromBot = (into: Heard[]) => (m: { payload: { talkerId: string, text?: string, type: number, mentionIdList?: string[] } }) => {
      if (m.payload.talkerId === this.me.id) {
        into.push({ text: m.payload.text, type: m.payload.type, mentionIdList: m.payload.mentionIdList })
      }
    }
    // the mocks are event emitters of what is said in them (their typings hide it)
    const emitter = (x: unknown) => x as EventEmitter
    emitter(this.room).on('message', fromBot(this.roomHeard))
    emitter(this.member).on('message', fromBot(this.memberHeard))
    emitter(this.wang).on('message', fromBot(this.wangHeard))
    this.bridge = new Bridge(this.bot, {
      channelKey: 'test-bridge',
      secret: SECRET,
      listenHost: '127.0.0.1',
      listenPort: 0,
      botName: 'test',
      puppet: 'wechaty-puppet-mock',
      maxClockSkewSeconds: 300,
      paceCount: 20,
      paceWindowMs: 60_000,
      rememberIdsMs: 86_400_000,
      retryAttempts: 10,
      retryInitialMs: 100,
      retryMaxMs: 1000,
      requestTimeoutMs: 5000,
      maxBodyBytes: 65536,
      ...config,
    })
  }

  /** Starts the bridge and logs the bot in (unless `login` is false). */
  async start (login = true): Promise<this> {
    await this.bridge.start()
    if (login) {
      const loggedIn = new Promise(resolve => this.bot.once('login', resolve))
      this.mocker.login(this.me)
      await loggedIn
    }
    return this
  }

  async stop (): Promise<void> {
    await this.bridge.stop(1000)
  }

  get sendUrl (): string {
    return `http://127.0.0.1:${this.bridge.port}/send`
  }

  /** A call to the bridge's outbox endpoint as Tongxin makes it, signed with `secret`. */
  async outbox (call: object, opts: { secret?: string, timestamp?: number } = {}): Promise<{ status: number, body: Record<string, unknown> }> {
    const body = JSON.stringify(call)
    const ts = Math.floor((opts.timestamp ?? Date.now()) / 1000).toString()
    const res = await fetch(this.sendUrl, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-tongxin-timestamp': ts,
        'x-tongxin-signature': sign(opts.secret ?? SECRET, ts, body),
      },
      body,
    })
    return { status: res.status, body: await res.json() as Record<string, unknown> }
  }
}

/** A stand-in for Tongxin's webhook on loopback: records each request, answers what `respond` says. */
export class FakeTongxin {
  readonly requests: Array<{ path: string, headers: IncomingMessage['headers'], body: string, json: Record<string, any> }> = []
  respond: (n: number, json: Record<string, any>) => { status: number, body: object } = () => ({ status: 200, body: { status: 'accepted' } })
  private readonly server: Server

  private constructor (server: Server) {
    this.server = server
  }

  static async start (): Promise<FakeTongxin> {
    const server = createServer()
    const fake = new FakeTongxin(server)
    server.on('request', (req, res) => {
      const chunks: Buffer[] = []
      req.on('data', c => chunks.push(c as Buffer))
      req.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8')
        const json = JSON.parse(body) as Record<string, any>
        fake.requests.push({ path: req.url ?? '', headers: req.headers, body, json })
        const a = fake.respond(fake.requests.length, json)
        res.writeHead(a.status, { 'content-type': 'application/json' })
        res.end(JSON.stringify(a.body))
      })
    })
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
    return fake
  }

  get url (): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`
  }

  async close (): Promise<void> {
    this.server.closeAllConnections()
    await new Promise(resolve => this.server.close(resolve))
  }
}

/** Waits until `check` holds (polling), or fails with `what`. */
export async function eventually<T> (what: string, check: () => T | undefined | false | Promise<T | undefined | false>, timeoutMs = 20_000): Promise<T> {
  const until = Date.now() + timeoutMs
  for (;;) {
    const v = await check()
    if (v) return v
    if (Date.now() > until) throw new Error(`timed out waiting for: ${what}`)
    await sleep(50)
  }
}
