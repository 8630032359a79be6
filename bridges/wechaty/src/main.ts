import { WechatyBuilder } from 'wechaty'
import { Bridge } from './bridge.js'
import { configFromEnv } from './config.js'
import * as log from './log.js'

/** `npm start`: the bridge for one WeChat account, configured by the environment (README.md). */
async function main (): Promise<void> {
  const config = configFromEnv()
  const bot = WechatyBuilder.build({
    name: config.botName,
    // the package name of the puppet, e.g. wechaty-puppet-wechat4u or wechaty-puppet-service
    puppet: config.puppet as never,
    puppetOptions: config.puppetToken ? { token: config.puppetToken } : {},
  })
  const bridge = new Bridge(bot, config)
  let stopping = false
  const stop = (signal: string): void => {
    if (stopping) return
    stopping = true
    log.info('stopping', { signal })
    bridge.stop().then(() => process.exit(0), () => process.exit(1))
  }
  process.on('SIGINT', () => stop('SIGINT'))
  process.on('SIGTERM', () => stop('SIGTERM'))
  await bridge.start()
}

main().catch(e => {
  log.error('the bridge could not start', { error: e })
  process.exit(1)
})
