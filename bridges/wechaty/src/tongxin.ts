import { setTimeout as sleep } from 'node:timers/promises'
import { sign } from './signature.js'
import * as log from './log.js'

/** What the bridge posts to `/webhooks/<channelKey>` (docs/webhooks.md, "bridge"). */
export interface BridgeMessage {
  messageId: string
  chat: { id: string, name: string } | null
  sender: { id: string, name: string }
  text: string
  mentions: string[]
  mentionsBot: boolean
  /** epoch seconds */
  timestamp: number
  /** a membership event instead of a message: `roomJoin`, `botRemoved` */
  event?: string
  eventKey?: string
  attachments?: Attachment[]
}

export interface Attachment {
  kind: 'image' | 'voice'
  mime: string
  name: string
  url?: string
  base64?: string
}

/** Tongxin's answer to an accepted message: `{"status":"accepted"}` plus the passive `reply`, if any. */
export interface Answer {
  status?: string
  reply?: string
}

export interface TongxinOptions {
  tongxinUrl: string
  channelKey: string
  secret: string
  retryAttempts: number
  retryInitialMs: number
  retryMaxMs: number
  requestTimeoutMs: number
}

/**
 * Posts signed bridge messages to Tongxin. A 5xx answer or a network error (Tongxin down, a
 * timeout) is retried with exponential backoff and the same body, so the same `messageId`: Tongxin
 * stores a message once whatever the number of tries, and a retry of a message it already took gets
 * its original answer again. A 4xx is never retried: the message is dropped with a log line.
 */
export class TongxinClient {
  constructor (private readonly o: TongxinOptions) {}

  get webhookUrl (): string {
    return `${this.o.tongxinUrl}/webhooks/${encodeURIComponent(this.o.channelKey)}`
  }

  /** The answer, or undefined when the message was dropped (4xx, or every attempt failed). */
  async post (message: BridgeMessage): Promise<Answer | undefined> {
    const body = JSON.stringify(message)
    let delay = this.o.retryInitialMs
    for (let attempt = 1; ; attempt++) {
      const outcome = await this.once(body)
      if (outcome.kind === 'ok') {
        if (attempt > 1) {
          log.info('delivered to Tongxin after retries', { messageId: message.messageId, attempt })
        }
        return outcome.answer
      }
      if (outcome.kind === 'refused') {
        log.warn('Tongxin refused the message, dropped', {
          messageId: message.messageId, status: outcome.status, detail: outcome.detail,
        })
        return undefined
      }
      if (attempt >= this.o.retryAttempts) {
        log.error('Tongxin unreachable, message dropped after every attempt', {
          messageId: message.messageId, attempts: attempt, error: outcome.detail,
        })
        return undefined
      }
      log.warn('Tongxin not reached, retrying', {
        messageId: message.messageId, attempt, inMs: delay, error: outcome.detail,
      })
      await sleep(delay)
      delay = Math.min(delay * 2, this.o.retryMaxMs)
    }
  }

  private async once (body: string): Promise<
    | { kind: 'ok', answer: Answer }
    | { kind: 'refused', status: number, detail: string }
    | { kind: 'temporary', detail: string }
  > {
    // signed afresh on every attempt: Tongxin refuses a timestamp outside its clock-skew window
    const timestamp = Math.floor(Date.now() / 1000).toString()
    try {
      const res = await fetch(this.webhookUrl, {
        method: 'POST',
        headers: {
          'content-type': 'application/json; charset=utf-8',
          'x-tongxin-timestamp': timestamp,
          'x-tongxin-signature': sign(this.o.secret, timestamp, body),
        },
        body,
        signal: AbortSignal.timeout(this.o.requestTimeoutMs),
      })
      const text = await res.text()
      if (res.ok) {
        return { kind: 'ok', answer: parseAnswer(text) }
      }
      if (res.status >= 400 && res.status < 500 && res.status !== 408 && res.status !== 429) {
        return { kind: 'refused', status: res.status, detail: text.slice(0, 300) }
      }
      return { kind: 'temporary', detail: `HTTP ${res.status}` }
    } catch (e) {
      const cause = (e as { cause?: { code?: string } }).cause
      return { kind: 'temporary', detail: cause?.code ?? (e as Error).name ?? String(e) }
    }
  }
}

function parseAnswer (text: string): Answer {
  try {
    const v = JSON.parse(text) as unknown
    return v && typeof v === 'object' ? v as Answer : {}
  } catch {
    return {}
  }
}
