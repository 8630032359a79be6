/**
 * The bridge's settings, all from the environment (see README.md for the table). Nothing here has a
 * default that would be a secret: the channel's secret must be given.
 */
export interface BridgeConfig {
  /** Tongxin's base URL, e.g. https://tongxin.example.org (no trailing slash needed). */
  tongxinUrl: string
  /** The bridge channel's key in Tongxin: messages go to `/webhooks/<channelKey>`. */
  channelKey: string
  /** The channel's shared secret (the HMAC key, 16+ characters), the same as Tongxin's channel `secret`. */
  secret: string
  /** Where the endpoint for Tongxin's outbox listens (the channel's `sendUrl` points here). */
  listenHost: string
  listenPort: number
  /** The Wechaty instance name (its login session is kept in `<botName>.memory-card.json`). */
  botName: string
  /** The Wechaty puppet: a package name such as `wechaty-puppet-wechat4u`, or `wechaty-puppet-service`. */
  puppet: string
  /** The puppet service token (for `wechaty-puppet-service`), if any. */
  puppetToken?: string
  /** Accepted difference between an outbox call's X-Tongxin-Timestamp and our clock, seconds. */
  maxClockSkewSeconds: number
  /** How many messages the bridge says per room (or contact) per window before it answers 429. */
  paceCount: number
  paceWindowMs: number
  /** How long an outbox `id` is remembered, so a resend is said once. */
  rememberIdsMs: number
  /** Attempts for one post to Tongxin (5xx, network errors), then the message is dropped with a log line. */
  retryAttempts: number
  retryInitialMs: number
  retryMaxMs: number
  /** Per attempt. */
  requestTimeoutMs: number
  /** The largest webhook body the bridge sends (Tongxin's tongxin.webhook.max-body-bytes): attachments that do not fit are left out. */
  maxBodyBytes: number
}

type Env = Record<string, string | undefined>

export function configFromEnv(env: Env = process.env): BridgeConfig {
  const pace = parsePace(env.BRIDGE_PACE ?? '20/1m')
  const config: BridgeConfig = {
    tongxinUrl: required(env, 'TONGXIN_URL').replace(/\/+$/, ''),
    channelKey: required(env, 'TONGXIN_CHANNEL_KEY'),
    secret: required(env, 'TONGXIN_BRIDGE_SECRET'),
    listenHost: env.BRIDGE_HOST ?? '127.0.0.1',
    listenPort: integer(env, 'BRIDGE_PORT', 8788),
    botName: env.BRIDGE_BOT_NAME ?? 'tongxin-bridge',
    puppet: env.WECHATY_PUPPET ?? 'wechaty-puppet-wechat4u',
    puppetToken: env.WECHATY_PUPPET_SERVICE_TOKEN || undefined,
    maxClockSkewSeconds: integer(env, 'BRIDGE_MAX_CLOCK_SKEW', 300),
    paceCount: pace.count,
    paceWindowMs: pace.windowMs,
    rememberIdsMs: integer(env, 'BRIDGE_REMEMBER_IDS_SECONDS', 86400) * 1000,
    retryAttempts: integer(env, 'BRIDGE_RETRY_ATTEMPTS', 10),
    retryInitialMs: integer(env, 'BRIDGE_RETRY_INITIAL_MS', 1000),
    retryMaxMs: integer(env, 'BRIDGE_RETRY_MAX_MS', 60000),
    requestTimeoutMs: integer(env, 'BRIDGE_REQUEST_TIMEOUT_MS', 10000),
    maxBodyBytes: integer(env, 'BRIDGE_MAX_BODY_BYTES', 65536),
  }
  if (config.secret.length < 16) {
    throw new Error('TONGXIN_BRIDGE_SECRET must have at least 16 characters (the channel secret in Tongxin)')
  }
  return config
}

/** `count/window`, e.g. `20/1m`, `5/30s`, `100/1h`. */
export function parsePace(value: string): { count: number, windowMs: number } {
  const m = /^\s*(\d+)\s*\/\s*(\d*)\s*(ms|s|m|h)\s*$/.exec(value)
  if (!m) {
    throw new Error(`BRIDGE_PACE must look like 20/1m (count/window), not ${JSON.stringify(value)}`)
  }
  const unit = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[m[3] as 'ms' | 's' | 'm' | 'h']
  const count = Number(m[1])
  const windowMs = Number(m[2] || '1') * unit
  if (count < 1 || windowMs < 1) {
    throw new Error('BRIDGE_PACE needs a count and a window above zero')
  }
  return { count, windowMs }
}

function required(env: Env, name: string): string {
  const v = env[name]
  if (!v || !v.trim()) {
    throw new Error(`${name} is required (see bridges/wechaty/README.md)`)
  }
  return v.trim()
}

function integer(env: Env, name: string, fallback: number): number {
  const v = env[name]
  if (v === undefined || v === '') {
    return fallback
  }
  if (!/^\d+$/.test(v.trim())) {
    throw new Error(`${name} must be a whole number, not ${JSON.stringify(v)}`)
  }
  return Number(v.trim())
}
