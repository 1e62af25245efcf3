// Starts the server from environment variables: migrations, demo city, H5 app, job runner.
import { buildApp } from './app'
import { ConfigError, loadConfig } from './config'
import { coreJobs, transportFor } from './jobs'
import { runJobsNow, startJobRunner } from './jobs/runner'
import { TestClock } from './lib/clock'

async function main() {
  let config
  try {
    config = loadConfig(process.env)
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`配置错误：${error.message}`)
      process.exit(1)
    }
    throw error
  }
  const { app, ctx } = await buildApp({ config })
  const jobs = coreJobs(transportFor(config, (line) => app.log.info(line)))
  const logJob = (err: unknown, name: string) => app.log.error({ err }, `job ${name} failed`)
  const stopJobs = config.jobs ? startJobRunner(ctx, jobs, logJob) : async () => {}
  // a moved test clock runs every job at once, as the minutes it skipped would have
  if (config.jobs && ctx.clock instanceof TestClock) ctx.clock.onMove(() => runJobsNow(ctx, jobs, logJob))
  const address = await app.listen({ port: config.port, host: config.host })
  console.log(`护学岗已启动：${address.replace('0.0.0.0', 'localhost')}（数据库：${ctx.engine}${config.demo ? '，演示模式' : ''}）`)
  const shutdown = async () => {
    await stopJobs()
    await app.close()
    process.exit(0)
  }
  process.on('SIGINT', shutdown)
  process.on('SIGTERM', shutdown)
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
