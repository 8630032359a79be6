import { types, type Contact, type Message, type Room } from 'wechaty'
import type { Attachment, BridgeMessage } from './tongxin.js'
import * as log from './log.js'

/**
 * Tongxin's bridge JSON for one Wechaty message (docs/webhooks.md): the platform message id as
 * `messageId` (Tongxin dedupes on it), the room (null in a direct chat), the talker, the text, the
 * @-mentions and whether the bot is among them. Photos and voice messages carry their file in
 * `attachments` (base64, as the puppet hands it over). Undefined for what the bridge does not forward
 * (our own messages, cards, links, stickers...).
 */
export async function bridgeMessage (message: Message, maxBodyBytes: number): Promise<BridgeMessage | undefined> {
  if (message.self()) {
    return undefined
  }
  const type = message.type()
  if (type !== types.Message.Text && type !== types.Message.Image && type !== types.Message.Audio) {
    return undefined
  }
  const room = message.room()
  const talker = message.talker()
  const mentions = room && type === types.Message.Text ? await message.mentionList() : []
  const out: BridgeMessage = {
    messageId: message.id,
    chat: room ? await chat(room) : null,
    sender: await sender(talker, room),
    text: type === types.Message.Text ? message.text() : '',
    mentions: mentions.map(c => c.id),
    mentionsBot: room ? await message.mentionSelf() : false,
    timestamp: Math.floor(message.date().getTime() / 1000),
  }
  if (type !== types.Message.Text) {
    const file = await attachment(message, type === types.Message.Image ? 'image' : 'voice')
    if (file) {
      out.attachments = [file]
    }
  }
  return fitted(out, maxBodyBytes)
}

/** A member joined a room: Tongxin's `roomJoin` event, one per newcomer (the welcome script can greet). */
export async function roomJoinEvent (room: Room, invitee: Contact, inviter: Contact, date: Date): Promise<BridgeMessage> {
  return {
    messageId: `roomJoin:${room.id}:${invitee.id}:${date.getTime()}`,
    chat: await chat(room),
    sender: await sender(invitee, room),
    text: '',
    mentions: [],
    mentionsBot: false,
    timestamp: Math.floor(date.getTime() / 1000),
    event: 'roomJoin',
    eventKey: inviter.id,
  }
}

/** The bot was removed from a room: Tongxin's `botRemoved` event, sent by whoever removed it. */
export async function botRemovedEvent (room: Room, remover: Contact, date: Date): Promise<BridgeMessage> {
  return {
    messageId: `botRemoved:${room.id}:${date.getTime()}`,
    chat: await chat(room),
    sender: await sender(remover, room),
    text: '',
    mentions: [],
    mentionsBot: false,
    timestamp: Math.floor(date.getTime() / 1000),
    event: 'botRemoved',
  }
}

async function chat (room: Room): Promise<{ id: string, name: string }> {
  return { id: room.id, name: await room.topic().catch(() => '') }
}

async function sender (contact: Contact, room: Room | undefined): Promise<{ id: string, name: string }> {
  // the name the group knows them by (群昵称) when they set one
  const alias = room ? await room.alias(contact).catch(() => undefined) : undefined
  return { id: contact.id, name: alias || contact.name() }
}

async function attachment (message: Message, kind: 'image' | 'voice'): Promise<Attachment | undefined> {
  try {
    const box = await message.toFileBox()
    const base64 = await box.toBase64()
    return {
      kind,
      mime: box.mediaType && box.mediaType !== 'application/octet-stream'
        ? box.mediaType
        : mimeOf(box.name, kind),
      name: box.name,
      base64,
    }
  } catch (e) {
    log.warn('could not read the file of a message, forwarded without it', { messageId: message.id, error: e })
    return undefined
  }
}

function mimeOf (name: string, kind: 'image' | 'voice'): string {
  const ext = name.toLowerCase().split('.').pop() ?? ''
  const known: Record<string, string> = {
    jpg: 'image/jpeg', jpeg: 'image/jpeg', png: 'image/png', gif: 'image/gif', webp: 'image/webp',
    sil: 'audio/silk', silk: 'audio/silk', amr: 'audio/amr', mp3: 'audio/mpeg',
  }
  return known[ext] ?? (kind === 'image' ? 'image/jpeg' : 'audio/silk')
}

/** Leaves out attachments that would make the body larger than Tongxin takes (it answers 413 and the message would be lost). */
function fitted (m: BridgeMessage, maxBodyBytes: number): BridgeMessage {
  while (m.attachments?.length && Buffer.byteLength(JSON.stringify(m), 'utf8') > maxBodyBytes) {
    const dropped = m.attachments.pop()
    log.warn('attachment too large for Tongxin\'s body limit, left out', {
      messageId: m.messageId, name: dropped?.name, limitBytes: maxBodyBytes,
    })
    if (m.attachments.length === 0) {
      delete m.attachments
    }
  }
  return m
}
