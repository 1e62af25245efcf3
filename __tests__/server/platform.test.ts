import { ACTIONS } from '../../domain/authorization'
import { buildApp } from '../../server/src/app'
import { ConfigError, loadConfig } from '../../server/src/config'
import { parseDatabaseUrl } from '../../server/src/db/dialect'
import { latestMigration } from '../../server/src/db/migrate'
import { createTestApp, type TestApp } from './support/test-app'
import { freshDatabase, onPostgres } from './support/test-db'

let t: TestApp
beforeAll(async () => {
  t = await createTestApp()
})
afterAll(() => t.close())

describe('health and API documents', () => {
  it('health names the engine and the migration', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/health' })
    expect(res.statusCode).toBe(200)
    expect(res.json()).toMatchObject({ ok: true, engine: onPostgres() ? 'postgres' : 'sqlite', migration: latestMigration() })
  })

  // PostgreSQL only: SQLite has no server to drop a connection
  ;(onPostgres() ? it : it.skip)('a connection the database server drops (restart, failover) does not stop the API; the next request reconnects', async () => {
    // several idle connections in the pool
    await Promise.all(Array.from({ length: 4 }, () => t.call({ method: 'GET', url: '/api/me', as: '王芳' })))
    const { default: pg } = await import('pg')
    const admin = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL })
    await admin.connect()
    const database = new URL(t.ctx.config.databaseUrl ?? '').pathname.slice(1)
    const dropped = await admin.query('select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()', [database])
    await admin.end()
    expect(dropped.rowCount).toBeGreaterThan(0)
    await new Promise((r) => setTimeout(r, 200))
    const res = await t.call({ method: 'GET', url: '/api/me', as: '王芳' })
    expect(res.statusCode).toBe(200)
  })

  it('the OpenAPI document shows the policy action of every operation (x-action)', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/docs/json' })).json()
    const ops = Object.values(doc.paths as Record<string, Record<string, { 'x-action'?: string }>>).flatMap((p) => Object.values(p))
    expect(ops.length).toBeGreaterThan(10)
    for (const op of ops) expect([...ACTIONS, 'person', 'public']).toContain(op['x-action'])
    expect(doc.paths['/api/health'].get['x-action']).toBe('public')
    expect(doc.paths['/api/admin/outbox'].get['x-action']).toBe('outbox.view')
  })

  it('offers only methods wx.request can send: no route uses PATCH', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/docs/json' })).json() as { paths: Record<string, Record<string, unknown>> }
    const methods = Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`))
    expect(methods).toContain('PUT /api/me')
    expect(methods).toContain('PUT /api/posts/{id}')
    expect(methods).toContain('PUT /api/schools/{schoolId}/settings')
    expect(methods.filter((m) => !/^(GET|HEAD|POST|PUT|DELETE|OPTIONS) /.test(m))).toEqual([])
  })

  it('serves the docs UI', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/docs/' })
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-type']).toMatch(/html/)
  })

  it('sends security headers', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/health' })
    expect(res.headers['x-content-type-options']).toBe('nosniff')
    expect(res.headers['content-security-policy']).toContain("default-src 'self'")
    expect(res.headers['x-frame-options']).toBeDefined()
  })
})

describe('errors', () => {
  it('an unknown route answers 404 in Chinese', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/nope' })
    expect(res.statusCode).toBe(404)
    expect(res.json()).toMatchObject({ code: 'NOT_FOUND', message: expect.stringContaining('接口不存在') })
  })

  it.each([
    [{ schoolId: 'x', role: 'volunteer', validDays: 7 }, 'maxUses', '缺少必填字段 maxUses'],
    [{ schoolId: 'x', role: 'boss', validDays: 7, maxUses: 1 }, 'role', '字段 role 的取值不在允许范围内'],
    [{ schoolId: 'x', role: 'volunteer', validDays: 91, maxUses: 1 }, 'validDays', '字段 validDays 不能大于 90'],
    [{ schoolId: 'x', role: 'volunteer', validDays: 'seven', maxUses: 1 }, 'validDays', '字段 validDays 的类型不正确，应为整数'],
    [{ schoolId: 'x', role: 'volunteer', validDays: 7, maxUses: 1, extra: 1 }, 'extra', '不支持的字段 extra'],
  ])('bad input %j names the field %s in Chinese and creates nothing', async (payload, field, message) => {
    const before = await t.ctx.db.selectFrom('invites').select('id').execute()
    const res = await t.call({ method: 'POST', url: '/api/invites', as: '黄丽萍', payload })
    expect(res.statusCode).toBe(400)
    expect(res.json()).toEqual({ code: 'BAD_REQUEST', field, message })
    expect(await t.ctx.db.selectFrom('invites').select('id').execute()).toHaveLength(before.length)
  })

  it('malformed JSON is a 400 in Chinese', async () => {
    const res = await t.call({
      method: 'POST',
      url: '/api/memberships/join',
      as: '高雅',
      headers: { 'content-type': 'application/json' },
      payload: '{"code":',
    })
    expect(res.statusCode).toBe(400)
    expect(res.json().message).toBe('请求内容不是有效的 JSON')
  })

  it('a 5xx says only 服务器内部错误, never the stack', async () => {
    const broken = await createTestApp()
    // break a table the route needs
    await broken.ctx.db.schema.alterTable('invites').renameTo('invites_gone').execute()
    const res = await broken.call({ method: 'GET', url: '/api/invites', as: '黄丽萍' })
    expect(res.statusCode).toBe(500)
    expect(res.json()).toEqual({ code: 'INTERNAL', message: '服务器内部错误' })
    expect(res.body).not.toMatch(/at |invites_gone|sqlite|relation/i)
    await broken.close()
  })

  it('an expired or unknown token is told to sign in again', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/me', headers: { authorization: 'Bearer not-a-token' } })
    expect(res.statusCode).toBe(401)
    expect(res.json()).toEqual({ code: 'UNAUTHENTICATED', message: '登录已过期，请重新登录' })
  })
})

describe('demo login', () => {
  it('lists people of every role, and newcomers who belong nowhere', async () => {
    const people = await t.demoPeople()
    const roles = new Set(people.map((p) => p.role))
    for (const role of ['volunteer', 'teacher', 'guard', 'principal', 'police', 'admin', null]) expect(roles).toContain(role)
    expect(people.filter((p) => p.role === 'volunteer').length).toBeGreaterThanOrEqual(20)
    expect(people.some((p) => p.status === 'pending')).toBe(true)
  })

  it('signs in exactly like a real login, and logout ends the session', async () => {
    const person = (await t.demoPeople()).find((p) => p.name === '王芳')!
    const login = await t.app.inject({ method: 'POST', url: '/api/auth/demo-login', payload: { personId: person.personId } })
    expect(login.statusCode).toBe(200)
    const { token, me } = login.json()
    expect(me.person.name).toBe('王芳')
    const auth = { authorization: `Bearer ${token}` }
    expect((await t.app.inject({ method: 'GET', url: '/api/me', headers: auth })).statusCode).toBe(200)
    expect((await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: auth })).statusCode).toBe(204)
    expect((await t.app.inject({ method: 'GET', url: '/api/me', headers: auth })).statusCode).toBe(401)
  })

  it('is off in production', async () => {
    const database = await freshDatabase()
    const config = loadConfig({ NODE_ENV: 'production', DATABASE_URL: database.url, WX_APPID: 'wx1', WX_SECRET: 's', H5_DIR: '', SECRET: 'x'.repeat(32) })
    expect(config.demo).toBe(false)
    const { app } = await buildApp({ config: { ...config, logLevel: 'silent' }, logger: false })
    expect((await app.inject({ method: 'GET', url: '/api/auth/demo-people' })).statusCode).toBe(404)
    expect((await app.inject({ method: 'POST', url: '/api/auth/demo-login', payload: { personId: 'x' } })).statusCode).toBe(404)
    await app.close()
    await database.drop()
  })

  it('login is rate limited', async () => {
    const statuses: number[] = []
    for (let i = 0; i < 25; i++) {
      statuses.push((await t.app.inject({ method: 'POST', url: '/api/auth/demo-login', remoteAddress: '10.9.9.9', payload: { personId: 'x' } })).statusCode)
    }
    expect(statuses.slice(0, 20).every((s) => s === 400)).toBe(true)
    expect(statuses.at(-1)).toBe(429)
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/demo-login', remoteAddress: '10.9.9.9', payload: { personId: 'x' } })
    expect(res.json()).toMatchObject({ code: 'RATE_LIMITED', message: '操作太频繁，请稍后再试' })
  })
})

describe('serving the H5 app', () => {
  it('serves index.html at / and for deep links, keeps /api 404s in JSON, and picks up a rebuild', async () => {
    const fs = await import('node:fs')
    const path = await import('node:path')
    const database = await freshDatabase()
    const h5 = path.join(database.dir, 'h5')
    fs.mkdirSync(h5)
    fs.writeFileSync(path.join(h5, 'index.html'), '<!doctype html><title>护学岗</title>')
    const config = { ...loadConfig({ DATABASE_URL: database.url, H5_DIR: h5, DATA_DIR: database.dir, DEMO_HISTORY: '0' }), logLevel: 'silent' }
    const { app } = await buildApp({ config, logger: false })
    expect((await app.inject({ method: 'GET', url: '/' })).body).toContain('护学岗')
    expect((await app.inject({ method: 'GET', url: '/pages/me/index' })).body).toContain('护学岗')
    const api = await app.inject({ method: 'GET', url: '/api/nope' })
    expect(api.statusCode).toBe(404)
    expect(api.json().code).toBe('NOT_FOUND')
    fs.mkdirSync(path.join(h5, 'js'))
    fs.writeFileSync(path.join(h5, 'js', 'app.123.js'), 'console.log(1)')
    const js = await app.inject({ method: 'GET', url: '/js/app.123.js' })
    expect(js.headers['content-type']).toContain('javascript')
    await app.close()
    await database.drop()
  })
})

describe('configuration', () => {
  it('chooses the engine from DATABASE_URL', () => {
    expect(parseDatabaseUrl(undefined, 'data/x.sqlite')).toEqual({ engine: 'sqlite', location: 'data/x.sqlite' })
    expect(parseDatabaseUrl('file:/tmp/a.sqlite', 'd')).toEqual({ engine: 'sqlite', location: '/tmp/a.sqlite' })
    expect(parseDatabaseUrl('postgres://u@h/db', 'd')).toEqual({ engine: 'postgres', location: 'postgres://u@h/db' })
    expect(() => parseDatabaseUrl('mysql://x', 'd')).toThrow(/DATABASE_URL/)
  })

  it('refuses bad settings at start, in Chinese', () => {
    expect(() => loadConfig({ PORT: 'abc' })).toThrow(ConfigError)
    expect(() => loadConfig({ PORT: 'abc' })).toThrow(/PORT/)
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/WX_APPID/)
    expect(() => loadConfig({ NODE_ENV: 'production', WX_APPID: 'a', WX_SECRET: 'b', SECRET: 'x'.repeat(32), DEMO: '1' })).toThrow(/演示/)
    expect(() => loadConfig({ NODE_ENV: 'production', WX_APPID: 'a', WX_SECRET: 'b' })).toThrow(/SECRET/)
  })

  it('seeds the demo city once, however often the server starts', async () => {
    const database = await freshDatabase()
    const config = { ...loadConfig({ DATABASE_URL: database.url, H5_DIR: '', DEMO_HISTORY: '0' }), logLevel: 'silent' }
    for (let i = 0; i < 2; i++) {
      const { app } = await buildApp({ config, logger: false })
      await app.close()
    }
    const { app, ctx } = await buildApp({ config, logger: false })
    const schools = await ctx.db.selectFrom('schools').select('id').execute()
    const districts = await ctx.db.selectFrom('districts').select('name').execute()
    expect(schools).toHaveLength(6)
    expect(districts.map((d) => d.name).sort()).toEqual(['西湖区', '青云谱区'].sort())
    // the demo keeps its own rules: nobody on two shifts at once, no role over its headcount
    const signups = await ctx.db
      .selectFrom('signups as g')
      .innerJoin('shifts as s', 's.id', 'g.shift_id')
      .select(['g.person_id', 'g.role', 's.id', 's.starts_at', 's.headcount'])
      .where('g.status', '=', 'active')
      .execute()
    expect(signups.length).toBeGreaterThan(10)
    const slots = new Set(signups.map((g) => `${g.person_id}|${g.starts_at}`))
    expect(slots.size).toBe(signups.length)
    for (const g of signups) {
      const taken = signups.filter((x) => x.id === g.id && x.role === g.role).length
      expect(taken).toBeLessThanOrEqual(JSON.parse(g.headcount)[g.role])
    }
    await app.close()
    await database.drop()
  })
})
