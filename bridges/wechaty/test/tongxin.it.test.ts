import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { setTimeout as sleep } from 'node:timers/promises'
import { Gate } from './gate.js'
import { eventually, World } from './world.js'

/**
 * The bridge on Wechaty's mock puppet against a REAL Tongxin: the packaged jar on PostgreSQL, started
 * by src/test/java/io/tongxin/it/WechatyBridgeIT.java, which passes its address here and checks the
 * database afterwards. Two {@link Gate}s sit on the lines (bridge → Tongxin, Tongxin → bridge) to
 * record what crossed them and to take Tongxin down. Skipped when run without that Tongxin.
 */
const TONGXIN = process.env.TONGXIN_IT_URL
const TOKEN = process.env.TONGXIN_IT_ADMIN_TOKEN ?? ''
const CHANNEL = process.env.TONGXIN_IT_CHANNEL ?? 'it-wechaty'
const SECRET = process.env.TONGXIN_IT_SECRET ?? 'it-wechaty-bridge-secret-01'

async function api (method: string, path: string, body?: object): Promise<any> {
  const res = await fetch(TONGXIN + path, {
    method,
    headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
    body: body ? JSON.stringify(body) : undefined,
  })
  const text = await res.text()
  if (!res.ok) {
    throw new Error(`${method} ${path} -> ${res.status} ${text}`)
  }
  return text ? JSON.parse(text) : undefined
}

describe('the bridge against a real Tongxin', { skip: !TONGXIN && 'TONGXIN_IT_URL not set (WechatyBridgeIT sets it)' }, () => {
  let toTongxin: Gate
  let toBridge: Gate
  let world: World
  const community = `${CHANNEL}-com`
  let firstNumber = ''

  before(async () => {
    toTongxin = await new Gate(TONGXIN!).up()
    world = await new World({
      tongxinUrl: toTongxin.url,
      channelKey: CHANNEL,
      secret: SECRET,
      retryInitialMs: 200,
      retryMaxMs: 1000,
      retryAttempts: 30,
    }).start()
    toBridge = await new Gate(`http://127.0.0.1:${world.bridge.port}`).up()
    // the bridge channel (sending for real), a residents' group bound to a community, its member
    await api('POST', '/api/channels', {
      key: CHANNEL, type: 'bridge', name: '个人微信群桥接', secret: SECRET, sendUrl: `${toBridge.url}/send`, dryRun: false,
    })
    await api('POST', '/api/workstations', { code: `${CHANNEL}-ws`, name: '静安门委员工作站' })
    await api('POST', '/api/communities', { code: community, name: '静安门社区', councilName: '静安门社区协商议事会', workstationCode: `${CHANNEL}-ws` })
    await api('POST', '/api/groups', { code: `${CHANNEL}-grp`, channelKey: CHANNEL, chatId: world.room.id, name: '静安门社区居民群', communityCode: community })
    await api('POST', '/api/sectors', { code: `${CHANNEL}-sec`, name: '城建界' })
    await api('POST', '/api/members', {
      code: `${CHANNEL}-yang`, name: '杨小龙', level: 'county', sectorCode: `${CHANNEL}-sec`, communityCodes: [community],
      capacity: 100, identities: [{ channelKey: CHANNEL, userId: world.member.id }],
    })
  })

  after(async () => {
    await world?.stop()
    await toBridge?.down()
    await toTongxin?.down()
  })

  it('a resident\'s room message becomes a routed opinion, and the reply is said in the room with the @-mention', async () => {
    world.wang.say('@同心助手 小区南门积水严重，晚上路灯也不亮', [world.me]).to(world.room)
    const reply = await eventually('the reply in the room', () => world.roomHeard.find(h => /编号 \d{4}-\d{6}/.test(h.text ?? '')), 30_000)
    assert.match(reply.text!, /^@王阿姨 已收到您反映的问题，编号 \d{4}-\d{6}/)
    firstNumber = /编号 (\d{4}-\d{6})/.exec(reply.text!)![1]!

    const opinion = await api('GET', `/api/opinions/${firstNumber}`)
    assert.equal(opinion.status, 'assigned')
    assert.equal(opinion.communityCode, community)
    assert.equal(opinion.assignee.code, `${CHANNEL}-yang`)
    assert.match(opinion.text, /小区南门积水严重/)

    const posted = JSON.parse(toTongxin.passed[0]!.body)
    const inbox = await api('GET', `/api/inbox?channelKey=${CHANNEL}`)
    const stored = inbox.items.find((m: any) => m.platformMessageId === posted.messageId)
    assert.ok(stored, 'stored under the platform message id')
    assert.equal(stored.chatId, world.room.id)
    assert.equal(stored.senderId, world.wang.id)
    assert.equal(stored.senderName, '王阿姨')
    assert.equal(stored.mentionsBot, true)
    assert.deepEqual(stored.mentions, [world.me.id])
  })

  it('the member\'s notice from Tongxin\'s outbox reaches the member\'s contact', async () => {
    const notice = await eventually('the notice to the member', () => world.memberHeard.find(h => h.text?.includes(firstNumber)), 30_000)
    assert.ok(notice.text)
    // the member hears the text while the bridge is still answering Tongxin's call: the gate records
    // the call's status only once that answer has come back through it
    const call = await eventually('Tongxin POSTed it to the sendUrl and the bridge answered', () =>
      toBridge.passed.find(p => p.body.includes(firstNumber) && p.body.includes(world.member.id) && p.status !== undefined))
    assert.equal(call.status, 200)
    const body = JSON.parse(call.body)
    assert.equal(body.userId, world.member.id)
    assert.match(body.id, /^\d+\.\d+$/)
    const outbox = await eventually('recorded as sent', async () => {
      const o = await api('GET', `/api/outbox?channelKey=${CHANNEL}&target=user:${world.member.id}`)
      return o.items.find((m: any) => m.status === 'sent' && m.text.includes(firstNumber))
    })
    assert.equal(outbox.status, 'sent')
  })

  it('a forged outbox call gets 401 and is said nowhere', async () => {
    const before = world.memberHeard.length + world.roomHeard.length
    const forged = await world.outbox({ id: '999999.1', userId: world.member.id, text: '您的补贴已到账，请点击链接领取' }, { secret: 'a-guessed-secret-000000' })
    assert.equal(forged.status, 401)
    const replayedLate = await world.outbox({ id: '999999.2', userId: world.member.id, text: '过期的通知' }, { secret: SECRET, timestamp: Date.now() - 3_600_000 })
    assert.equal(replayedLate.status, 401)
    await sleep(300)
    assert.equal(world.memberHeard.length + world.roomHeard.length, before)
  })

  it('a resend of Tongxin\'s own signed call with the same id is said once', async () => {
    const call = toBridge.passed.find(p => p.body.includes(firstNumber) && p.body.includes(world.member.id))!
    // replay Tongxin's request exactly as it was sent (same id, body and signature), as after a crash
    const res = await fetch(world.sendUrl, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-tongxin-timestamp': call.headers['x-tongxin-timestamp'] as string,
        'x-tongxin-signature': call.headers['x-tongxin-signature'] as string,
      },
      body: call.body,
    })
    assert.equal(res.status, 200)
    assert.equal((await res.json() as { status: string }).status, 'duplicate')
    await sleep(300)
    assert.equal(world.memberHeard.filter(h => h.text === JSON.parse(call.body).text).length, 1)
  })

  it('Tongxin down: the bridge retries with the same messageId and the message arrives once', async () => {
    const heardBefore = world.roomHeard.length
    await toTongxin.down()
    world.li.say('@同心助手 三号楼电梯坏了好几天了，老人上下楼很困难', [world.me]).to(world.room)
    await sleep(1500) // a few refused attempts
    const passedBefore = toTongxin.passed.length
    toTongxin.swallow(1) // the first attempt that gets through is taken by Tongxin but its answer is lost
    await toTongxin.up()
    const reply = await eventually('the reply in the room', () => world.roomHeard.slice(heardBefore).find(h => /编号 \d{4}-\d{6}/.test(h.text ?? '')), 30_000)
    assert.match(reply.text!, /^@李师傅 已收到您反映的问题/)
    const attempts = toTongxin.passed.slice(passedBefore).map(p => JSON.parse(p.body).messageId as string)
    assert.ok(attempts.length >= 2, `the swallowed attempt and its retry: ${attempts.length}`)
    assert.equal(new Set(attempts).size, 1, 'every attempt with the same messageId')
    assert.equal(toTongxin.passed[passedBefore]!.status, 200, 'Tongxin took the swallowed attempt')

    await sleep(2500) // time for a second reply or opinion, if there were one
    const number = /编号 (\d{4}-\d{6})/.exec(reply.text!)![1]
    assert.equal(world.roomHeard.slice(heardBefore).filter(h => h.text?.includes('已收到您反映的问题')).length, 1, 'one reply')
    const inbox = await api('GET', `/api/inbox?channelKey=${CHANNEL}&size=500`)
    assert.equal(inbox.items.filter((m: any) => m.platformMessageId === attempts[0]).length, 1, 'stored once')
    const opinions = await api('GET', `/api/opinions?communityCode=${community}&size=500`)
    const elevator = opinions.items.filter((o: any) => o.text.includes('三号楼电梯'))
    assert.equal(elevator.length, 1, 'one opinion')
    assert.equal(elevator[0].number, number)
  })

  it('a member joining the room reaches Tongxin as a roomJoin event', async () => {
    const zhao = world.mocker.createContact({ id: `wxid_zhao_${Date.now()}`, name: '赵大爷' })
    world.room.add(zhao).by(world.wang)
    const event = await eventually('the roomJoin event in the inbox', async () => {
      const inbox = await api('GET', `/api/inbox?channelKey=${CHANNEL}&size=500`)
      return inbox.items.find((m: any) => m.kind === 'event' && m.event === 'roomJoin' && m.senderId === zhao.id)
    })
    assert.equal(event.chatId, world.room.id)
    assert.equal(event.senderName, '赵大爷')
    assert.equal(event.eventKey, world.wang.id)
    assert.equal(event.status, 'processed')
  })

  it('the bot removed from the room is reported to Tongxin as a botRemoved event', async () => {
    world.room.remove(world.me).by(world.wang)
    const event = await eventually('the botRemoved event in the inbox', async () => {
      const inbox = await api('GET', `/api/inbox?channelKey=${CHANNEL}&size=500`)
      return inbox.items.find((m: any) => m.kind === 'event' && m.event === 'botRemoved')
    })
    assert.equal(event.chatId, world.room.id)
    assert.equal(event.senderId, world.wang.id)
  })
})
