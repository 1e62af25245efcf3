// 一键报警 under load: 200 responders connected on the live socket across 20 schools (10 each,
// the schools' guards), then an alarm at every school at once. Measured: time from sending the
// raise request to the push arriving on each responder's socket (200 deliveries), p50/p99.
// SQLite with one server; PostgreSQL with two servers on one database, responders split between
// them and alarms raised on both (LISTEN/NOTIFY carries half the pushes across). Goal p99 ≤ 500 ms.
//   npm run bench:alarm      (BENCH_ENGINES=sqlite or postgres to run one)
import WebSocket from 'ws'
import { createKysely, parseDatabaseUrl } from '../server/src/db/dialect'
import { migrateToLatest } from '../server/src/db/migrate'
import { newId, randomToken, sha256 } from '../server/src/lib/ids'
import { freshDatabase } from '../__tests__/server/support/test-db'
import { freePort, startServerProcess, type ServerProcess } from './lib/server-process'

const SCHOOLS = 20
const PER_SCHOOL = 10

interface Fixture {
  schools: { name: string; raiserToken: string; responders: string[] }[]
}

async function createFixture(url: string): Promise<Fixture> {
  const db = await createKysely(parseDatabaseUrl(url, ''))
  await migrateToLatest(db)
  const iso = new Date().toISOString()
  const expires = new Date(Date.now() + 86_400_000).toISOString()
  const district = newId()
  await db.insertInto('districts').values({ id: district, name: '压测区', created_at: iso }).execute()
  const fixture: Fixture = { schools: [] }
  for (let s = 0; s < SCHOOLS; s++) {
    const station = newId()
    const school = newId()
    const name = `压测学校${s + 1}`
    await db.insertInto('stations').values({ id: station, district_id: district, name: `压测派出所${s + 1}`, phone: null, created_at: iso }).execute()
    await db
      .insertInto('schools')
      .values({ id: school, station_id: station, district_id: district, name, kind: 'primary', address: '压测路', lat: 28.64 + s / 1000, lng: 115.917, phone: null, settings: null, created_at: iso })
      .execute()
    const people = Array.from({ length: PER_SCHOOL + 1 }, (_, i) => ({ id: newId(), token: randomToken(), role: i === 0 ? ('volunteer' as const) : ('guard' as const) }))
    await db.insertInto('people').values(people.map((p, i) => ({ id: p.id, name: `${name}成员${i}`, phone: null, wx_openid: null, wx_unionid: null, wx_session_key: null, is_demo: 0, created_at: iso }))).execute()
    await db
      .insertInto('memberships')
      .values(people.map((p) => ({ id: newId(), person_id: p.id, role: p.role, status: 'approved', school_id: school, station_id: null, district_id: null, invite_id: null, display_name: null, reason: null, decided_by: null, decided_at: iso, created_at: iso })))
      .execute()
    await db.insertInto('sessions').values(people.map((p) => ({ token_hash: sha256(p.token), person_id: p.id, created_at: iso, expires_at: expires, origin: 'wechat' as const }))).execute()
    fixture.schools.push({ name, raiserToken: people[0].token, responders: people.slice(1).map((p) => p.token) })
  }
  await db.destroy()
  return fixture
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]
}

async function run(engine: 'sqlite' | 'postgres'): Promise<{ p50: number; p99: number; max: number; n: number }> {
  if (engine === 'postgres') process.env.TEST_DATABASE_URL ||= `${process.env.PG_URL ?? 'postgres://postgres@127.0.0.1:5432'}/postgres`
  else delete process.env.TEST_DATABASE_URL
  const database = await freshDatabase()
  const fixture = await createFixture(database.url)
  const servers: ServerProcess[] = []
  for (let i = 0; i < (engine === 'postgres' ? 2 : 1); i++) servers.push(await startServerProcess({ DATABASE_URL: database.url }, await freePort()))
  const sentAt = new Map<string, number>()
  const latencies: number[] = []
  const sockets: WebSocket[] = []
  try {
    let k = 0
    await Promise.all(
      fixture.schools.flatMap((school) =>
        school.responders.map(
          (token) =>
            new Promise<void>((resolve, reject) => {
              const server = servers[k++ % servers.length]
              const ws = new WebSocket(`${server.url.replace('http', 'ws')}/api/live`)
              sockets.push(ws)
              ws.on('open', () => ws.send(JSON.stringify({ type: 'hello', token })))
              ws.on('message', (raw) => {
                const m = JSON.parse(String(raw)) as { type: string; schoolName?: string; action?: string }
                if (m.type === 'ready') resolve()
                if (m.type === 'alarm' && m.action === 'raise') latencies.push(Date.now() - sentAt.get(m.schoolName!)!)
              })
              ws.on('error', reject)
            }),
        ),
      ),
    )
    await Promise.all(
      fixture.schools.map(async (school, i) => {
        const server = servers[i % servers.length]
        sentAt.set(school.name, Date.now())
        const res = await fetch(`${server.url}/api/alarms`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${school.raiserToken}` },
          body: JSON.stringify({ clientKey: `bench-${i}-${Date.now()}`, type: 'suspicious_person' }),
        })
        if (!res.ok) throw new Error(`raise ${res.status} ${await res.text()}`)
      }),
    )
    const deadline = Date.now() + 10_000
    while (latencies.length < SCHOOLS * PER_SCHOOL && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20))
  } finally {
    for (const ws of sockets) ws.terminate()
    for (const s of servers) {
      s.child.kill('SIGTERM')
      if (s.child.exitCode === null) await new Promise((r) => s.child.once('exit', r))
    }
    await database.drop()
  }
  if (latencies.length < SCHOOLS * PER_SCHOOL) throw new Error(`${engine}: only ${latencies.length} of ${SCHOOLS * PER_SCHOOL} deliveries arrived within 10 s`)
  const sorted = [...latencies].sort((a, b) => a - b)
  return { p50: percentile(sorted, 50), p99: percentile(sorted, 99), max: sorted[sorted.length - 1], n: sorted.length }
}

async function main() {
  const engines = (process.env.BENCH_ENGINES ?? 'sqlite,postgres').split(',') as ('sqlite' | 'postgres')[]
  let ok = true
  for (const engine of engines) {
    const r = await run(engine)
    const pass = r.p99 <= 500
    ok &&= pass
    console.log(`${engine}${engine === 'postgres' ? '（两个实例）' : ''}：${SCHOOLS} 所学校同时报警，${r.n} 次送达 · p50 ${r.p50} ms · p99 ${r.p99} ms · 最大 ${r.max} ms ${pass ? '✓' : '✗ 超过 500 ms'}`)
  }
  process.exit(ok ? 0 : 1)
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
