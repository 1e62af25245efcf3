// Check-in at peak: many distinct people checking in at once, on SQLite and on PostgreSQL,
// next to the bare /api/health (the ceiling of the HTTP stack on this machine).
//   npm run bench:checkin                     (SQLite, and PostgreSQL if BENCH_PG_URL or the local one answers)
//   BENCH_SECONDS=10 BENCH_CONNECTIONS=50 BENCH_PEOPLE=20000 npm run bench:checkin
import autocannon from 'autocannon'
import { freshDatabase } from '../__tests__/server/support/test-db'
import { createCheckinFixture } from './lib/checkin-fixture'
import { freePort, startServerProcess } from './lib/server-process'

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10)
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50)
const PEOPLE = Number(process.env.BENCH_PEOPLE ?? 20000)
const PG = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres'

interface Row {
  engine: string
  endpoint: string
  rps: number
  p50: number
  p99: number
  errors: number
}

async function measure(url: string, opts: Partial<autocannon.Options>): Promise<autocannon.Result> {
  return autocannon({ url, connections: CONNECTIONS, duration: SECONDS, ...opts })
}

async function run(engine: 'sqlite' | 'postgres'): Promise<Row[]> {
  const previous = process.env.TEST_DATABASE_URL
  if (engine === 'postgres') process.env.TEST_DATABASE_URL = PG
  else delete process.env.TEST_DATABASE_URL
  const database = await freshDatabase()
  process.env.TEST_DATABASE_URL = previous
  const fixture = await createCheckinFixture(database.url, PEOPLE)
  const server = await startServerProcess({ DATABASE_URL: database.url }, await freePort())
  try {
    const health = await measure(`${server.url}/api/health`, {})
    let next = 0
    const checkin = await measure(server.url, {
      requests: [
        {
          method: 'POST',
          setupRequest: (req) => {
            // each request a different person; once everyone has checked in, retries follow
            const p = fixture.people[next++ % fixture.people.length]
            return {
              ...req,
              path: `/api/signups/${p.signupId}/check-in`,
              headers: { 'content-type': 'application/json', authorization: `Bearer ${p.token}` },
              body: JSON.stringify({ ...fixture.post, accuracy: 12, idempotencyKey: `bench-${p.signupId}` }),
            }
          },
        },
      ],
    })
    const firstTimeCheckins = Math.min(next, fixture.people.length)
    console.log(`  ${engine}: ${next} 次签到请求，其中首次签到 ${firstTimeCheckins} 次`)
    const row = (endpoint: string, r: autocannon.Result): Row => ({
      engine,
      endpoint,
      rps: Math.round(r.requests.average),
      p50: r.latency.p50,
      p99: r.latency.p99,
      errors: r.errors + r.non2xx,
    })
    return [row('GET /api/health', health), row('POST check-in', checkin)]
  } finally {
    server.child.kill('SIGTERM')
    await new Promise((r) => server.child.once('exit', r))
    await database.drop()
  }
}

async function pgAvailable(): Promise<boolean> {
  try {
    const { default: pg } = await import('pg')
    const c = new pg.Client({ connectionString: PG })
    await c.connect()
    await c.end()
    return true
  } catch {
    return false
  }
}

async function main() {
  console.log(`护学岗签到压测：${CONNECTIONS} 个并发连接，每项 ${SECONDS} 秒，${PEOPLE} 位不同的志愿者`)
  const rows = await run('sqlite')
  if (await pgAvailable()) rows.push(...(await run('postgres')))
  else console.log('  （PostgreSQL 不可用，跳过）')
  console.log('\n| 数据库 | 接口 | 请求/秒 | p50 (ms) | p99 (ms) | 错误 |')
  console.log('|---|---|---|---|---|---|')
  for (const r of rows) console.log(`| ${r.engine} | ${r.endpoint} | ${r.rps} | ${r.p50} | ${r.p99} | ${r.errors} |`)
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
