import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { setTimeout as sleep } from 'node:timers/promises'
import { FileBox } from 'file-box'
import { ScanStatus, types } from 'wechaty'
import { configFromEnv, parsePace } from '../src/config.js'
import { sign, verify } from '../src/signature.js'
import { eventually, FakeTongxin, SECRET, World } from './world.js'

// a 1x1 PNG
const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg=='

describe('the signature', () => {
  it('is the hex HMAC-SHA256 of timestamp + "." + body, as Tongxin computes it', () => {
    // computed independently with docs/webhooks.md's recipe:
    // printf '%s' '1710000200.{"a":1}' | openssl dgst -sha256 -hmac 'bridge-shared-secret-0001'
    assert.equal(
      sign('bridge-shared-secret-0001', '1710000200', '{"a":1}'),
      'sha256=315066ae0699d8ec4a7075bdca24015ee30fa08e6a7f39945816fe698e656449',
    )
    const body = Buffer.from('{"id":"1.1"}')
    const now = 1_710_000_200_000
    assert.equal(verify(SECRET, '1710000200', sign(SECRET, '1710000200', body), body, now, 300), 'ok')
    assert.equal(verify(SECRET, '1710000200', sign('another-secret-00000', '1710000200', body), body, now, 300), 'forged')
    assert.equal(verify(SECRET, '1709999000', sign(SECRET, '1709999000', body), body, now, 300), 'stale')
    assert.equal(verify(SECRET, undefined, undefined, body, now, 300), 'missing')
  })
})

describe('configuration', () => {
  it('comes from the environment and refuses a short secret', () => {
    const c = configFromEnv({ TONGXIN_URL: 'http://t:8080/', TONGXIN_CHANNEL_KEY: 'wx', TONGXIN_BRIDGE_SECRET: 'x'.repeat(16), BRIDGE_PACE: '5/30s' })
    assert.equal(c.tongxinUrl, 'http://t:8080')
    assert.equal(c.paceCount, 5)
    assert.equal(c.paceWindowMs, 30_000)
    assert.equal(c.puppet, 'wechaty-puppet-wechat4u')
    assert.throws(() => configFromEnv({ TONGXIN_URL: 'http://t', TONGXIN_CHANNEL_KEY: 'wx', TONGXIN_BRIDGE_SECRET: 'short' }), /16/)
    assert.throws(() => configFromEnv({}), /TONGXIN_URL/)
    assert.deepEqual(parsePace('100/1h'), { count: 100, windowMs: 3_600_000 })
  })
})

describe('messages to Tongxin (mock puppet, a stand-in Tongxin)', () => {
  let tongxin: FakeTongxin
  let world: World

  before(async () => {
    tongxin = await FakeTongxin.start()
    world = await new World({ tongxinUrl: tongxin.url, maxBodyBytes: 4096 }).start()
  })
  after(async () => {
    await world.stop()
    await tongxin.close()
  })

  it('posts a room message signed, with the platform id, chat, sender, mentions; says the reply with the @-mention', async () => {
    tongxin.respond = () => ({ status: 200, body: { status: 'accepted', reply: '已收到您反映的问题，编号 2026-000001。' } })
    world.wang.say('@同心助手 小区南门积水严重', [world.me]).to(world.room)
    const req = await eventually('the post', () => tongxin.requests.at(-1))
    assert.equal(req.path, '/webhooks/test-bridge')
    const ts = req.headers['x-tongxin-timestamp'] as string
    assert.equal(req.headers['x-tongxin-signature'], sign(SECRET, ts, req.body))
    assert.match(req.json.messageId, /\w+/)
    assert.deepEqual(req.json.chat, { id: world.room.id, name: '静安门社区居民群' })
    assert.deepEqual(req.json.sender, { id: world.wang.id, name: '王阿姨' })
    assert.equal(req.json.text, '@同心助手 小区南门积水严重')
    assert.deepEqual(req.json.mentions, [world.me.id])
    assert.equal(req.json.mentionsBot, true)
    assert.ok(Math.abs(req.json.timestamp - Date.now() / 1000) < 60)
    const said = await eventually('the reply in the room', () => world.roomHeard.at(-1))
    assert.equal(said.text, '@王阿姨 已收到您反映的问题，编号 2026-000001。')
  })

  it('posts a direct message with chat null and says the reply to the contact', async () => {
    tongxin.requests.length = 0
    tongxin.respond = () => ({ status: 200, body: { status: 'accepted', reply: '请直接描述您反映的问题' } })
    world.wang.say('帮助').to(world.me)
    const req = await eventually('the post', () => tongxin.requests.at(-1))
    assert.equal(req.json.chat, null)
    assert.equal(req.json.mentionsBot, false)
    assert.equal((await eventually('the reply', () => world.wangHeard.at(-1))).text, '请直接描述您反映的问题')
  })

  it('does not forward its own messages', async () => {
    tongxin.requests.length = 0
    await world.bridge.bot.Room.find({ id: world.room.id }).then(r => r!.say('大家好'))
    await sleep(300)
    assert.equal(tongxin.requests.length, 0)
  })

  it('retries 5xx and network errors with the same messageId, and drops a 4xx without retrying', async () => {
    tongxin.requests.length = 0
    tongxin.respond = n => n <= 2 ? { status: 503, body: {} } : { status: 200, body: { status: 'accepted' } }
    world.li.say('@同心助手 楼道灯坏了', [world.me]).to(world.room)
    await eventually('three attempts', () => tongxin.requests.length >= 3)
    const ids = tongxin.requests.map(r => r.json.messageId)
    assert.equal(new Set(ids).size, 1, 'the same messageId on every attempt')
    await sleep(400)
    assert.equal(tongxin.requests.length, 3, 'no attempt after the 200')

    tongxin.requests.length = 0
    tongxin.respond = () => ({ status: 400, body: { title: 'malformed' } })
    world.li.say('@同心助手 又坏了', [world.me]).to(world.room)
    await eventually('one attempt', () => tongxin.requests.length >= 1)
    await sleep(500)
    assert.equal(tongxin.requests.length, 1, 'a 4xx is not retried')
  })

  it('forwards a photo and a voice message as base64 attachments, and leaves out one too large for the body limit', async () => {
    tongxin.requests.length = 0
    tongxin.respond = () => ({ status: 200, body: { status: 'accepted' } })
    world.wang.say(FileBox.fromBase64(PNG, 'lamp.png')).to(world.room)
    world.wang.say(FileBox.fromBase64(Buffer.from('#!SILK_V3 fake').toString('base64'), 'voice.sil')).to(world.me)
    world.wang.say(FileBox.fromBase64(Buffer.alloc(8000, 1).toString('base64'), 'big.png')).to(world.room)
    await eventually('three posts', () => tongxin.requests.length >= 3)
    const byName = (n: string) => tongxin.requests.find(r => r.json.attachments?.[0]?.name === n)?.json
    assert.deepEqual(byName('lamp.png')!.attachments, [{ kind: 'image', mime: 'image/png', name: 'lamp.png', base64: PNG }])
    assert.equal(byName('lamp.png')!.text, '')
    const voice = byName('voice.sil')!
    assert.equal(voice.attachments[0].kind, 'voice')
    assert.equal(voice.chat, null)
    const big = tongxin.requests.find(r => r.json.chat && !r.json.attachments)
    assert.ok(big, 'the large photo went without its file')
  })

  it('posts a roomJoin event for a newcomer, and reports the bot removed from the room', async () => {
    tongxin.requests.length = 0
    const zhao = world.mocker.createContact({ id: 'wxid_zhao_' + Date.now(), name: '赵大爷' })
    world.room.add(zhao).by(world.wang)
    const join = await eventually('roomJoin', () => tongxin.requests.find(r => r.json.event === 'roomJoin'))
    assert.equal(join.json.sender.id, zhao.id)
    assert.equal(join.json.eventKey, world.wang.id)
    assert.equal(join.json.chat.id, world.room.id)
    world.room.remove(world.me).by(world.li)
    const removed = await eventually('botRemoved', () => tongxin.requests.find(r => r.json.event === 'botRemoved'))
    assert.equal(removed.json.sender.id, world.li.id)
    assert.equal(removed.json.chat.id, world.room.id)
  })
})

describe('the outbox endpoint (mock puppet)', () => {
  let world: World

  before(async () => {
    world = await new World({ tongxinUrl: 'http://127.0.0.1:9', paceCount: 3, paceWindowMs: 60_000 }).start()
  })
  after(async () => world.stop())

  it('refuses a forged, unsigned or stale call with 401 and says nothing', async () => {
    const call = { id: 'f.1', chatId: world.room.id, text: '伪造的通知', mentions: [] }
    assert.equal((await world.outbox(call, { secret: 'not-the-channel-secret' })).status, 401)
    assert.equal((await world.outbox(call, { timestamp: Date.now() - 600_000 })).status, 401)
    const unsigned = await fetch(world.sendUrl, { method: 'POST', body: JSON.stringify(call) })
    assert.equal(unsigned.status, 401)
    await sleep(100)
    assert.equal(world.roomHeard.length, 0)
  })

  it('says a text in the room with the @-mentions, a resend of the same id once', async () => {
    const call = { id: '41.1', chatId: world.room.id, text: '通知：周五停水', mentions: [world.wang.id] }
    const first = await world.outbox(call)
    assert.equal(first.status, 200)
    assert.equal(first.body.status, 'sent')
    const again = await world.outbox(call)
    assert.equal(again.status, 200)
    assert.equal(again.body.status, 'duplicate')
    await sleep(100)
    assert.deepEqual(world.roomHeard.map(h => h.text), ['@王阿姨 通知：周五停水'])
  })

  it('answers 404 for an unknown room or contact and 400 for a malformed call', async () => {
    assert.equal((await world.outbox({ id: '42.1', chatId: 'nobody@chatroom', text: 'x' })).status, 404)
    assert.equal((await world.outbox({ id: '43.1', userId: 'wxid_nobody', text: 'x' })).status, 404)
    assert.equal((await world.outbox({ id: '44.1', text: 'x' })).status, 400)
    assert.equal((await world.outbox({ chatId: world.room.id, text: 'x' })).status, 400)
  })

  it('sends an image attachment to a contact as an image', async () => {
    const r = await world.outbox({ id: '45.1', userId: world.member.id, text: '新的社情民意，附照片', attachments: [{ kind: 'image', mime: 'image/png', name: 'lamp.png', base64: PNG }] })
    assert.equal(r.status, 200)
    await eventually('text and image', () => world.memberHeard.length >= 2)
    assert.equal(world.memberHeard[0]!.text, '新的社情民意，附照片')
    assert.equal(world.memberHeard[1]!.type, types.Message.Image)
  })

  it('answers 429 once the room\'s own pace is used up', async () => {
    // 3 per minute; one was said above
    assert.equal((await world.outbox({ id: '46.1', chatId: world.room.id, text: '二' })).status, 200)
    assert.equal((await world.outbox({ id: '46.2', chatId: world.room.id, text: '三' })).status, 200)
    const over = await world.outbox({ id: '46.3', chatId: world.room.id, text: '四' })
    assert.equal(over.status, 429)
    // and a 429 is not remembered as said: the retry later is said (here: still over, still 429)
    assert.equal((await world.outbox({ id: '46.3', chatId: world.room.id, text: '四' })).status, 429)
  })
})

describe('logging in', () => {
  it('prints the login QR code as text and as a URL', async () => {
    const world = await new World({ tongxinUrl: 'http://127.0.0.1:9' }, 'scan' + Date.now().toString(36)).start(false)
    const printed: string[] = []
    const write = process.stdout.write.bind(process.stdout)
    process.stdout.write = ((chunk: string | Uint8Array) => { printed.push(String(chunk)); return true }) as typeof process.stdout.write
    try {
      world.mocker.scan('https://login.weixin.qq.com/l/IaysbZa04Q==', ScanStatus.Waiting)
      await eventually('the QR code', () => printed.some(p => /[▄▀█]/.test(p)) && printed.some(p => p.includes('wechaty.js.org/qrcode/')))
    } finally {
      process.stdout.write = write
      await world.stop()
    }
    assert.ok(printed.join('').includes(encodeURIComponent('https://login.weixin.qq.com/l/IaysbZa04Q==')))
  })
})

describe('the outbox endpoint before login', () => {
  it('answers 503 while the bot is not logged in', async () => {
    const world = await new World({ tongxinUrl: 'http://127.0.0.1:9' }, 'nologin' + Date.now().toString(36)).start(false)
    try {
      const r = await world.outbox({ id: '50.1', userId: world.member.id, text: 'x' })
      assert.equal(r.status, 503)
    } finally {
      await world.stop()
    }
  })
})
