import qrcodeTerminal from 'qrcode-terminal'
import { qrcodeValueToImageUrl, ScanStatus, type Contact, type Message, type Room, type Wechaty } from 'wechaty'
import type { BridgeConfig } from './config.js'
import { botRemovedEvent, bridgeMessage, roomJoinEvent } from './inbound.js'
import { OutboxEndpoint } from './outbox-endpoint.js'
import { TongxinClient, type BridgeMessage } from './tongxin.js'
import * as log from './log.js'

/**
 * One WeChat account between its groups and Tongxin: every room and direct message (and membership
 * event) is posted to Tongxin, signed; the passive `reply` Tongxin answers is said back where the
 * message came from, @-mentioning the sender in a room; Tongxin's outbox reaches the account through
 * the {@link OutboxEndpoint}.
 */
export class Bridge {
  readonly tongxin: TongxinClient
  readonly endpoint: OutboxEndpoint
  private readonly inFlight = new Set<Promise<unknown>>()
  /** the port the outbox endpoint listens on, once started */
  port?: number

  constructor (
    readonly bot: Wechaty,
    private readonly config: BridgeConfig,
  ) {
    this.tongxin = new TongxinClient(config)
    this.endpoint = new OutboxEndpoint(bot, config)
    bot.on('scan', (qrcode, status) => this.onScan(qrcode, status))
    bot.on('login', user => log.info('logged in', { user: user.name(), id: user.id }))
    bot.on('logout', user => log.warn('logged out: outbox calls get 503 until the bot logs in again', { user: user.name() }))
    // Wechaty reports here what its puppet could not do, e.g. looking up an id it does not know
    // (the outbox endpoint answers those 404); the bridge's own failures are logged where they happen
    bot.on('error', e => log.warn('wechaty reported an error', { error: e }))
    bot.on('message', message => this.track(this.onMessage(message)))
    bot.on('room-join', (room, invitees, inviter, date) => this.track(this.onJoin(room, invitees, inviter, date ?? new Date())))
    bot.on('room-leave', (room, leavers, remover, date) => this.track(this.onLeave(room, leavers, remover, date ?? new Date())))
  }

  async start (): Promise<void> {
    this.port = await this.endpoint.listen(this.config.listenPort, this.config.listenHost)
    log.info('outbox endpoint listening', { url: `http://${this.config.listenHost}:${this.port}/send` })
    await this.bot.start()
    log.info('bridge started', { tongxin: this.tongxin.webhookUrl, puppet: this.config.puppet })
  }

  /** Stops taking outbox calls, lets posts in flight finish (up to `graceMs`), stops the bot. */
  async stop (graceMs = 5000): Promise<void> {
    await this.endpoint.close()
    await Promise.race([
      Promise.allSettled([...this.inFlight]),
      new Promise(resolve => setTimeout(resolve, graceMs).unref()),
    ])
    await this.bot.stop()
  }

  private onScan (qrcode: string, status: ScanStatus): void {
    if (status !== ScanStatus.Waiting && status !== ScanStatus.Timeout) {
      log.info('login scan', { status: ScanStatus[status] })
      return
    }
    log.info('scan this QR code with the WeChat account of the bot', { url: qrcodeValueToImageUrl(qrcode) })
    qrcodeTerminal.generate(qrcode, { small: true }, text => process.stdout.write(text + '\n'))
  }

  private async onMessage (message: Message): Promise<void> {
    const m = await bridgeMessage(message, this.config.maxBodyBytes)
    if (!m) {
      return
    }
    // the room id is what /api/groups needs as chatId when binding the group to its community
    log.info('forwarding', { messageId: m.messageId, room: m.chat?.id, topic: m.chat?.name, sender: m.sender.id })
    const answer = await this.tongxin.post(m)
    if (answer?.reply) {
      const room = message.room()
      if (room) {
        await room.say(answer.reply, message.talker())
      } else {
        await message.talker().say(answer.reply)
      }
      log.info('passive reply said', { messageId: m.messageId, room: room?.id })
    }
  }

  private async onJoin (room: Room, invitees: Contact[], inviter: Contact, date: Date): Promise<void> {
    for (const invitee of invitees) {
      if (invitee.self()) {
        log.info('the bot was added to a room', { room: room.id, inviter: inviter.id })
        continue
      }
      await this.postEvent(await roomJoinEvent(room, invitee, inviter, date))
    }
  }

  private async onLeave (room: Room, leavers: Contact[], remover: Contact | undefined, date: Date): Promise<void> {
    if (!leavers.some(c => c.self())) {
      return
    }
    log.warn('the bot was removed from a room: Tongxin can no longer reach it', {
      room: room.id, topic: await room.topic().catch(() => ''), remover: remover?.id,
    })
    if (remover) {
      await this.postEvent(await botRemovedEvent(room, remover, date))
    }
  }

  /** An event's passive reply (a welcome) is said in the room with the @-mention of its sender. */
  private async postEvent (event: BridgeMessage): Promise<void> {
    const answer = await this.tongxin.post(event)
    if (answer?.reply && event.chat && event.event === 'roomJoin') {
      const room = await this.bot.Room.find({ id: event.chat.id })
      const who = await this.bot.Contact.find({ id: event.sender.id })
      if (room) {
        await (who ? room.say(answer.reply, who) : room.say(answer.reply))
      }
    }
  }

  private track (work: Promise<void>): void {
    const p = work.catch(e => log.error('handling a WeChat event failed', { error: e }))
    this.inFlight.add(p)
    void p.finally(() => this.inFlight.delete(p))
  }
}
