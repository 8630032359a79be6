import { createHmac, timingSafeEqual } from 'node:crypto'

/**
 * Tongxin's bridge signature, both directions: `X-Tongxin-Signature: sha256=<hex HMAC-SHA256(secret,
 * timestamp + "." + raw body)>` with `X-Tongxin-Timestamp: <epoch seconds>` (docs/webhooks.md,
 * docs/outbox.md).
 */
export const TIMESTAMP_HEADER = 'x-tongxin-timestamp'
export const SIGNATURE_HEADER = 'x-tongxin-signature'

export function sign (secret: string, timestamp: string, body: Buffer | string): string {
  const mac = createHmac('sha256', Buffer.from(secret, 'utf8'))
  mac.update(timestamp + '.', 'utf8')
  mac.update(typeof body === 'string' ? Buffer.from(body, 'utf8') : body)
  return 'sha256=' + mac.digest('hex')
}

export type Verdict = 'ok' | 'missing' | 'forged' | 'stale'

/** Checks the signature first (so a forger learns nothing about our clock), then the time window. */
export function verify (
  secret: string,
  timestamp: string | undefined,
  signature: string | undefined,
  body: Buffer,
  nowMs: number,
  maxSkewSeconds: number,
): Verdict {
  if (!timestamp || !signature) {
    return 'missing'
  }
  const expected = Buffer.from(sign(secret, timestamp, body), 'utf8')
  const given = Buffer.from(signature.trim().toLowerCase(), 'utf8')
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) {
    return 'forged'
  }
  if (!/^\d{1,12}$/.test(timestamp)) {
    return 'stale'
  }
  if (maxSkewSeconds > 0 && Math.abs(nowMs / 1000 - Number(timestamp)) > maxSkewSeconds) {
    return 'stale'
  }
  return 'ok'
}
