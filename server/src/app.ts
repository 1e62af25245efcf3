// buildApp(options): the whole API (and the H5 app, when built) as one Fastify instance.
// Tests call it with a fresh database; main.ts calls it with the environment's settings.
import fs from 'node:fs'
import path from 'node:path'
import Fastify, { LogController, type FastifyInstance } from 'fastify'
import type { Kysely } from 'kysely'
import etag from '@fastify/etag'
import multipart from '@fastify/multipart'
import rateLimit from '@fastify/rate-limit'
import fastifyStatic from '@fastify/static'
import swagger from '@fastify/swagger'
import swaggerUi from '@fastify/swagger-ui'
import type { Config } from './config'
import type { AppContext } from './context'
import { createKysely, parseDatabaseUrl, type DbTarget } from './db/dialect'
import { migrateToLatest } from './db/migrate'
import type { Database } from './db/schema'
import { seedDemoCity, seedDemoSignups } from './db/seed/demo-city'
import { seedDemoHistory } from './db/seed/demo-history'
import { regenerateAll } from './modules/shifts/generation'
import { systemClock, TestClock, type Clock } from './lib/clock'
import { LocalFileStorage } from './storage'
import { registerAuth } from './plugins/auth'
import { registerErrors } from './plugins/errors'
import { registerSecurityHeaders } from './plugins/security-headers'
import { registerTestClock } from './plugins/test-clock'
import { registerAuthRoutes } from './modules/auth/routes'
import { registerHealthRoutes } from './modules/health/routes'
import { registerInviteRoutes } from './modules/invites/routes'
import { registerMembershipRoutes } from './modules/memberships/routes'
import { registerOrgRoutes } from './modules/org/routes'
import { registerOutboxRoutes } from './modules/outbox/routes'
import { registerShiftRoutes } from './modules/shifts/routes'
import { registerAttendanceRoutes } from './modules/attendance/routes'
import { registerFileRoutes } from './modules/files/routes'
import { registerHazardRoutes } from './modules/hazards/routes'
import { registerNoticeRoutes } from './modules/notices/routes'
import { registerCoverageRoutes } from './modules/coverage/routes'
import { registerBulletinRoutes } from './modules/bulletin/routes'
import { registerAlarmRoutes } from './modules/alarms/routes'
import { registerBroadcastRoutes } from './modules/broadcasts/routes'
import websocket from '@fastify/websocket'
import { LocalBus, PgBus, type LiveBus } from './live/bus'
import { ActorCache } from './lib/actor-cache'
import { registerLiveSocket } from './live/socket'
import { MAX_UPLOAD_BYTES } from './modules/files/service'
import { inputKeywords, requireFiniteNumbers } from './lib/input-keywords'

export interface BuildOptions {
  config: Config
  clock?: Clock
  /** Use this database instead of opening one from config (tests share a migrated one). */
  db?: { kysely: Kysely<Database>; target: DbTarget }
  logger?: boolean | { level: string }
}

export interface BuiltApp {
  app: FastifyInstance
  ctx: AppContext
}

export async function buildApp(options: BuildOptions): Promise<BuiltApp> {
  const { config } = options
  const target = options.db?.target ?? parseDatabaseUrl(config.databaseUrl, path.join(config.dataDir, 'huxuegang.sqlite'))
  const db = options.db?.kysely ?? (await createKysely(target))
  await migrateToLatest(db)
  // Alarms' live channel: one process serves all on SQLite; instances share PostgreSQL's NOTIFY.
  let live: LiveBus
  if (target.engine === 'postgres') {
    const bus = new PgBus(target.location, (message, err) => console.warn(message, err instanceof Error ? err.message : ''))
    await bus.start()
    live = bus
  } else live = new LocalBus()
  // Session → actor, kept exact by the writes that change it (here and, through `live`, on other instances).
  const actors = new ActorCache()
  live.subscribe((event) => {
    if (event.type === 'actors') actors.forget(event)
  })
  live.watchDelivery?.((delivering) => actors.setUsable(delivering))
  const ctx: AppContext = {
    db,
    engine: target.engine,
    clock: options.clock ?? (config.testClock ? new TestClock() : systemClock),
    config,
    storage: new LocalFileStorage(path.join(config.dataDir, 'uploads')),
    live,
    actors,
  }
  if (config.demo && (await seedDemoCity(ctx))) {
    if (config.demoHistory) {
      const started = Date.now()
      const made = await seedDemoHistory(ctx)
      ;(options.logger === false ? null : console)?.log(
        `演示城市的本学期记录：${made.days} 个上学日、${made.shifts} 个班次、${made.signups} 次报名、${made.checkIns} 次签到、${made.hazards} 条隐患、${made.notices} 条通知、${made.drills} 次演练、${made.swaps} 次换班（${((Date.now() - started) / 1000).toFixed(1)} 秒）`,
      )
    }
    await regenerateAll(ctx)
    await seedDemoSignups(ctx)
  }

  const app = Fastify({
    logger: options.logger ?? { level: config.logLevel },
    // Two log lines for every request cost a tenth of a cheap answer (production logs at info);
    // the reverse proxy keeps the access log, and errors are still logged by the error handler.
    logController: new LogController({ disableRequestLogging: !['debug', 'trace'].includes(config.logLevel) }),
    trustProxy: config.trustProxy,
    bodyLimit: 1024 * 1024,
    ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array', allErrors: false }, plugins: [inputKeywords] },
  })
  if (!options.db) app.addHook('onClose', async () => db.destroy())
  app.addHook('onClose', async () => live.close())

  // Infrastructure.
  const serveH5 = !!config.h5Dir && fs.existsSync(path.join(config.h5Dir, 'index.html'))
  registerErrors(app, { spaFallback: serveH5 })
  registerSecurityHeaders(app, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        styleSrc: ["'self'", "'unsafe-inline'"],
        scriptSrc: ["'self'"],
        connectSrc: ["'self'"],
        // the H5 app is also tried over plain http on a LAN address
        upgradeInsecureRequests: null,
      },
    },
    crossOriginEmbedderPolicy: false,
  })
  await app.register(rateLimit, { global: false })
  // Lists polled every 10–15 s answer 304 when nothing changed.
  await app.register(etag, { weak: true })
  await app.register(multipart, { limits: { fileSize: MAX_UPLOAD_BYTES, files: 1, fields: 5 } })
  registerAuth(app, ctx)
  requireFiniteNumbers(app)
  await app.register(websocket, { options: { maxPayload: 4096 } })
  await app.register(swagger, {
    openapi: {
      info: {
        title: '护学岗 API',
        version: '0.1.0',
        description: '每个接口的 x-action 是它在授权策略（domain/authorization.ts）中的动作；public 表示公开，person 表示任何已登录用户。',
      },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
      security: [{ bearer: [] }],
    },
  })
  await app.register(swaggerUi, { routePrefix: '/api/docs' })

  // Routes.
  registerHealthRoutes(app, ctx)
  registerAuthRoutes(app, ctx)
  registerOrgRoutes(app, ctx)
  registerMembershipRoutes(app, ctx)
  registerInviteRoutes(app, ctx)
  registerOutboxRoutes(app, ctx)
  registerShiftRoutes(app, ctx)
  registerAttendanceRoutes(app, ctx)
  registerFileRoutes(app, ctx)
  registerHazardRoutes(app, ctx)
  registerNoticeRoutes(app, ctx)
  registerCoverageRoutes(app, ctx)
  registerBulletinRoutes(app, ctx)
  registerAlarmRoutes(app, ctx)
  registerBroadcastRoutes(app, ctx)
  registerLiveSocket(app, ctx)
  if (config.testClock) registerTestClock(app, ctx)

  // The H5 build of the mini-program, same origin as the API (no CORS). Files are looked up on
  // each request, so a rebuild is served without a restart.
  if (serveH5 && config.h5Dir) {
    await app.register(fastifyStatic, { root: config.h5Dir, prefix: '/', wildcard: true, index: 'index.html' })
  }

  await app.ready()
  return { app, ctx }
}
