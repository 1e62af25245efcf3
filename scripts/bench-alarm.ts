// 一键报警 under load: 200 responders connected on the live socket across 20 schools (10 each,
// the schools' guards), then an alarm at every school at once. Measured: time from sending the
// raise request to the push arriving on each responder's socket (200 deliveries), p50/p99.
// SQLite with one server; PostgreSQL with two servers on one database, responders split between
// them and alarms raised on both (LISTEN/NOTIFY carries half the pushes across). Goal p99 ≤ 500 ms.
// Several bursts (BENCH_ROUNDS, default 4): the first on freshly started servers is shown apart.
// Before each burst, the anchor: the same 20 requests at once sending a no-op down the live channel
// to the same sockets (test mode's POST /api/test/live), so a figure can be read beside the
// machine's state. Each socket must receive its school's alarm exactly once.
//   npm run bench:alarm      (BENCH_ENGINES=sqlite or postgres to run one)
import os from 'node:os'
import WebSocket from 'ws'
import { createKysely, parseDatabaseUrl } from '../server/src/db/dialect'
import { migrateToLatest } from '../server/src/db/migrate'
import { newId, randomToken, sha256 } from '../server/src/lib/ids'
import { freshDatabase } from '../__tests__/server/support/test-db'
import { freePort, startServerProcess, type ServerProcess } from './lib/server-process'

const SCHOOLS = 20
const PER_SCHOOL = 10

interface Fixture {
  schools: { name: string; raiserToken: string; responders: string[]; responderIds: string[] }[]
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
    await db
      .insertInto('stations')
      .values({ id: station, district_id: district, name: `压测派出所${s + 1}`, phone: null, created_at: iso })
      .execute()
    await db
      .insertInto('schools')
      .values({
        id: school,
        station_id: station,
        district_id: district,
        name,
        kind: 'primary',
        address: '压测路',
        lat: 28.64 + s / 1000,
        lng: 115.917,
        phone: null,
        settings: null,
        created_at: iso,
      })
      .execute()
    const people = Array.from({ length: PER_SCHOOL + 1 }, (_, i) => ({ id: newId(), token: randomToken(), role: i === 0 ? ('volunteer' as const) : ('guard' as const) }))
    await db
      .insertInto('people')
      .values(people.map((p, i) => ({ id: p.id, name: `${name}成员${i}`, phone: null, wx_openid: null, wx_unionid: null, wx_session_key: null, is_demo: 0, created_at: iso })))
      .execute()
    await db
      .insertInto('memberships')
      .values(
        people.map((p) => ({
          id: newId(),
          person_id: p.id,
          role: p.role,
          status: 'approved',
          school_id: school,
          station_id: null,
          district_id: null,
          invite_id: null,
          display_name: null,
          reason: null,
          decided_by: null,
          decided_at: iso,
          created_at: iso,
        })),
      )
      .execute()
    await db
      .insertInto('sessions')
      .values(people.map((p) => ({ token_hash: sha256(p.token), person_id: p.id, created_at: iso, expires_at: expires, origin: 'wechat' as const })))
      .execute()
    fixture.schools.push({ name, raiserToken: people[0].token, responders: people.slice(1).map((p) => p.token), responderIds: people.slice(1).map((p) => p.id) })
  }
  await db.destroy()
  return fixture
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]
}

interface Figures {
  p50: number
  p99: number
  max: number
  n: number
}

function figures(latencies: number[]): Figures {
  const sorted = [...latencies].sort((a, b) => a - b)
  return { p50: percentile(sorted, 50), p99: percentile(sorted, 99), max: sorted[sorted.length - 1], n: sorted.length }
}

interface Result {
  /** the first burst on freshly started servers: an alarm is rare, so the first one after a deploy is the common case */
  cold: Figures
  /** the bursts after it */
  warm: Figures
  /** the anchor: a no-op message down the same path (request, live channel, the same sockets), no database work */
  anchor: Figures
}

const ROUNDS = Math.max(2, Number(process.env.BENCH_ROUNDS ?? 4))

async function run(engine: 'sqlite' | 'postgres'): Promise<Result> {
  if (engine === 'postgres') process.env.TEST_DATABASE_URL ||= `${process.env.PG_URL ?? 'postgres://postgres@127.0.0.1:5432'}/postgres`
  else delete process.env.TEST_DATABASE_URL
  const database = await freshDatabase()
  const fixture = await createFixture(database.url)
  const servers: ServerProcess[] = []
  const nodeArgs = process.env.BENCH_NODE_ARGS?.split(' ').filter(Boolean)
  // TEST_CLOCK=1: test mode, for the anchor's POST /api/test/live (the clock itself is not moved)
  for (let i = 0; i < (engine === 'postgres' ? 2 : 1); i++) servers.push(await startServerProcess({ DATABASE_URL: database.url, TEST_CLOCK: '1' }, await freePort(), { nodeArgs }))
  const total = SCHOOLS * PER_SCHOOL
  // what each socket has received in the current burst: its school's alarm (or echo) exactly once
  let burst: { kind: 'alarm' | 'echo'; sentAt: Map<string, number>; got: number[]; latencies: number[] } | null = null
  const sockets: WebSocket[] = []
  const cold: number[] = []
  const warm: number[] = []
  const anchor: number[] = []
  const wait = async (what: string) => {
    const deadline = Date.now() + 10_000
    while (burst!.latencies.length < total && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5))
    if (burst!.latencies.length < total) throw new Error(`${engine}: only ${burst!.latencies.length} of ${total} ${what} deliveries arrived within 10 s`)
    // anything late (a duplicate) would show here
    await new Promise((r) => setTimeout(r, 200))
    const twice = burst!.got.filter((n) => n !== 1).length
    if (twice) throw new Error(`${engine}: ${twice} sockets did not receive their ${what} exactly once`)
    return burst!.latencies
  }
  try {
    let k = 0
    await Promise.all(
      fixture.schools.flatMap((school) =>
        school.responders.map(
          (token) =>
            new Promise<void>((resolve, reject) => {
              const index = k
              const server = servers[k++ % servers.length]
              const ws = new WebSocket(`${server.url.replace('http', 'ws')}/api/live`)
              sockets.push(ws)
              ws.on('open', () => ws.send(JSON.stringify({ type: 'hello', token })))
              ws.on('message', (raw) => {
                const at = Date.now()
                const m = JSON.parse(String(raw)) as { type: string; schoolName?: string; action?: string; tag?: string }
                if (m.type === 'ready') resolve()
                const key = m.type === 'alarm' && m.action === 'raise' ? m.schoolName! : m.type === 'echo' ? m.tag! : null
                if (key === null || !burst || burst.kind !== m.type) return
                burst.got[index]++
                burst.latencies.push(at - burst.sentAt.get(key)!)
              })
              ws.on('error', reject)
            }),
        ),
      ),
    )
    for (let round = 0; round < ROUNDS; round++) {
      // the anchor first: 20 requests at once, each sending a no-op to one school's 10 sockets
      burst = { kind: 'echo', sentAt: new Map(), got: sockets.map(() => 0), latencies: [] }
      const echo = burst
      await Promise.all(
        fixture.schools.map(async (school, i) => {
          const server = servers[i % servers.length]
          echo.sentAt.set(school.name, Date.now())
          const res = await fetch(`${server.url}/api/test/live`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ tag: school.name, people: school.responderIds }),
          })
          if (!res.ok) throw new Error(`echo ${res.status} ${await res.text()}`)
        }),
      )
      anchor.push(...(await wait('echo')))
      // then an alarm at every school at once, raised on alternate instances
      burst = { kind: 'alarm', sentAt: new Map(), got: sockets.map(() => 0), latencies: [] }
      const alarm = burst
      await Promise.all(
        fixture.schools.map(async (school, i) => {
          const server = servers[i % servers.length]
          alarm.sentAt.set(school.name, Date.now())
          const res = await fetch(`${server.url}/api/alarms`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', authorization: `Bearer ${school.raiserToken}` },
            body: JSON.stringify({ clientKey: `bench-${round}-${i}-${Date.now()}`, type: 'suspicious_person' }),
          })
          if (!res.ok) throw new Error(`raise ${res.status} ${await res.text()}`)
        }),
      )
      ;(round === 0 ? cold : warm).push(...(await wait('alarm')))
    }
  } finally {
    for (const ws of sockets) ws.terminate()
    for (const s of servers) {
      s.child.kill('SIGTERM')
      if (s.child.exitCode === null) await new Promise((r) => s.child.once('exit', r))
    }
    await database.drop()
  }
  return { cold: figures(cold), warm: figures(warm), anchor: figures(anchor) }
}

const line = (f: Figures) => `p50 ${f.p50} ms · p99 ${f.p99} ms · 最大 ${f.max} ms（${f.n} 次）`

async function main() {
  const engines = (process.env.BENCH_ENGINES ?? 'sqlite,postgres').split(',') as ('sqlite' | 'postgres')[]
  let ok = true
  console.log(
    `机器负载：${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}（${os.cpus().length} 核）`,
  )
  for (const engine of engines) {
    const r = await run(engine)
    const worst = Math.max(r.cold.p99, r.warm.p99)
    const pass = worst <= 500
    ok &&= pass
    console.log(`${engine}${engine === 'postgres' ? '（两个实例）' : ''}：${SCHOOLS} 所学校同时报警、每校 ${PER_SCHOOL} 个连接，${ROUNDS} 轮 ${pass ? '✓' : '✗ p99 超过 500 ms'}`)
    console.log(`  首轮（刚启动的服务器）  ${line(r.cold)}`)
    console.log(`  其后 ${ROUNDS - 1} 轮             ${line(r.warm)}`)
    console.log(`  对照：同样 20 个请求经实时通道向同样的连接发空消息（无数据库）  ${line(r.anchor)}`)
    console.log(`  报警 p50 / 对照 p50：首轮 ${(r.cold.p50 / Math.max(1, r.anchor.p50)).toFixed(1)}×，其后 ${(r.warm.p50 / Math.max(1, r.anchor.p50)).toFixed(1)}×`)
  }
  console.log(
    `机器负载：${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  )
  process.exit(ok ? 0 : 1)
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
