// Builds the real app on a fresh database for one test file, with helpers to sign in as the
// seeded demo people.
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify'
import { buildApp } from '../../../server/src/app'
import { loadConfig, type Config } from '../../../server/src/config'
import type { AppContext } from '../../../server/src/context'
import type { Clock } from '../../../server/src/lib/clock'
import type { DemoPerson, LoginResponse } from '../../../types/api'
import { freshDatabase } from './test-db'

export interface TestApp {
  app: FastifyInstance
  ctx: AppContext
  /** Signs in as the first demo person with this name; returns the bearer token. */
  tokenOf(name: string): Promise<string>
  /** app.inject with the token of `as` (a demo person's name), if given. */
  call(options: InjectOptions & { as?: string }): Promise<LightMyRequestResponse>
  demoPeople(): Promise<DemoPerson[]>
  close(): Promise<void>
}

export async function createTestApp(overrides: Partial<Config> = {}, clock?: Clock): Promise<TestApp> {
  const database = await freshDatabase()
  const config: Config = {
    ...loadConfig({ DATABASE_URL: database.url, H5_DIR: '', JOBS: '0', DATA_DIR: database.dir, DEMO_HISTORY: '0' }),
    logLevel: 'silent',
    ...overrides,
  }
  const { app, ctx } = await buildApp({ config, clock, logger: false })
  const tokens = new Map<string, string>()
  let people: DemoPerson[] | null = null

  const demoPeople = async () => {
    if (!people) {
      const res = await app.inject({ method: 'GET', url: '/api/auth/demo-people' })
      people = (res.json() as { items: DemoPerson[] }).items
    }
    return people
  }

  const tokenOf = async (name: string) => {
    const cached = tokens.get(name)
    if (cached) return cached
    const person = (await demoPeople()).find((p) => p.name === name)
    if (!person) throw new Error(`no demo person named ${name}`)
    const res = await app.inject({ method: 'POST', url: '/api/auth/demo-login', payload: { personId: person.personId } })
    const token = (res.json() as LoginResponse).token
    tokens.set(name, token)
    return token
  }

  return {
    app,
    ctx,
    tokenOf,
    demoPeople,
    async call({ as, ...options }) {
      const headers = { ...(options.headers ?? {}) }
      if (as) headers.authorization = `Bearer ${await tokenOf(as)}`
      return app.inject({ ...options, headers })
    },
    async close() {
      await app.close()
      await database.drop()
    },
  }
}
