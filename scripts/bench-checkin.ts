// Check-in at peak, measured against anchors in the same run (the machine is shared and noisy, so
// a figure means something only beside its anchor):
//   - bare Fastify GET (scripts/lib/anchor-server.ts) is the anchor of GET /api/health and of an
//     authenticated read of 首页 (GET /api/home);
//   - bare Fastify doing one insert and one select on the same engine is the anchor of the check-in.
// Each is a process of its own, like the product's server; autocannon runs in this process.
//   npm run bench:checkin                     (SQLite, and PostgreSQL if BENCH_PG_URL or the local one answers)
//   BENCH_SECONDS=10 BENCH_CONNECTIONS=50 BENCH_PEOPLE=40000 BENCH_ENGINES=sqlite npm run bench:checkin
//   BENCH_ONLY=checkin (or health, home): only that product figure and its anchor, e.g. to profile it
//   BENCH_PROFILE=/tmp/prof npm run bench:checkin   (the product server writes a .cpuprofile there on exit:
//   open it in Chrome DevTools → Performance, or summarise it with scripts/cpu-profile-top.ts)
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import autocannon from 'autocannon'
import { freshDatabase, type FreshDatabase } from '../__tests__/server/support/test-db'
import { createCheckinFixture, type Fixture } from './lib/checkin-fixture'
import { freePort, startServerProcess, type ServerProcess } from './lib/server-process'

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10)
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50)
const PEOPLE = Number(process.env.BENCH_PEOPLE ?? 40000)
const PG = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres'
const ENGINES = (process.env.BENCH_ENGINES ?? 'sqlite,postgres').split(',')
const ONLY = (process.env.BENCH_ONLY ?? 'health,home,checkin').split(',')

interface Row {
  engine: string
  what: string
  rps: number
  /** CPU time of the server process per answered request (ms): less at the mercy of the machine's other work than req/s */
  cpuMs?: number
  p50: number
  p99: number
  errors: number
  /** the anchor this row is compared with, and the ratio */
  anchor?: string
  ratio?: number
  /** the anchor's CPU per request over this row's: the same ratio as req/s would be on an idle machine with the server alone on a core */
  cpuRatio?: number
}

function row(engine: string, what: string, r: autocannon.Result): Row {
  return { engine, what, rps: Math.round(r.requests.average), p50: r.latency.p50, p99: r.latency.p99, errors: r.errors + r.non2xx }
}

const CLOCK_TICKS = 100 // getconf CLK_TCK on Linux

/** User + system CPU seconds a process has used so far (Linux /proc; null elsewhere). */
function cpuSeconds(pid: number | undefined): number | null {
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ')
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS
  } catch {
    return null
  }
}

/** Runs autocannon against a server process, and notes the process's CPU time per request. */
async function measure(server: ServerProcess, engine: string, what: string, opts: Partial<autocannon.Options> & { path?: string } = {}): Promise<Row> {
  const before = cpuSeconds(server.child.pid)
  const { path: at = '', ...rest } = opts
  const r = await autocannon({ url: `${server.url}${at}`, connections: CONNECTIONS, duration: SECONDS, ...rest })
  const after = cpuSeconds(server.child.pid)
  const answered = r.requests.total
  return { ...row(engine, what, r), cpuMs: before !== null && after !== null && answered > 0 ? ((after - before) * 1000) / answered : undefined }
}

async function stop(server: ServerProcess): Promise<void> {
  if (server.child.exitCode !== null) return
  server.child.kill('SIGTERM')
  await new Promise((r) => server.child.once('exit', r))
}

async function freshOn(engine: string): Promise<FreshDatabase> {
  const previous = process.env.TEST_DATABASE_URL
  if (engine === 'postgres') process.env.TEST_DATABASE_URL = PG
  else delete process.env.TEST_DATABASE_URL
  try {
    return await freshDatabase()
  } finally {
    if (previous === undefined) delete process.env.TEST_DATABASE_URL
    else process.env.TEST_DATABASE_URL = previous
  }
}

/** Each request a different person of the fixture; once everyone has gone, retries follow. */
function rotating(fixture: Fixture, request: (p: Fixture['people'][number]) => { method: 'GET' | 'POST'; path: string; body?: object }) {
  let next = 0
  const requests: autocannon.Request[] = [
    {
      setupRequest: (req) => {
        const p = fixture.people[next++ % fixture.people.length]
        const r = request(p)
        return {
          ...req,
          method: r.method,
          path: r.path,
          headers: { 'content-type': 'application/json', authorization: `Bearer ${p.token}` },
          body: r.body ? JSON.stringify(r.body) : undefined,
        }
      },
    },
  ]
  return { requests, count: () => next }
}

async function run(engine: string): Promise<Row[]> {
  const productDb = await freshOn(engine)
  const anchorDb = await freshOn(engine)
  const anchorFile = engine === 'sqlite' ? `file:${path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'hxg-anchor-')), 'anchor.sqlite')}` : anchorDb.url
  const fixture = await createCheckinFixture(productDb.url, PEOPLE)
  const anchor = await startServerProcess({ ANCHOR_DB: anchorFile }, await freePort(), { entry: 'scripts/lib/anchor-server.ts' })
  const nodeArgs = process.env.BENCH_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(process.env.BENCH_PROFILE)}`] : []
  // as deployed: production settings, production's log level
  const server = await startServerProcess(
    { DATABASE_URL: productDb.url, NODE_ENV: 'production', LOG_LEVEL: 'info', SECRET: 'b'.repeat(32), WX_APPID: 'bench', WX_SECRET: 'bench' },
    await freePort(),
    { nodeArgs },
  )
  try {
    const rows: Row[] = []
    if (ONLY.includes('health') || ONLY.includes('home')) {
      const bare = await measure(anchor, engine, 'bare Fastify GET', { path: '/api/health' })
      rows.push(bare)
      if (ONLY.includes('health')) rows.push({ ...(await measure(server, engine, 'GET /api/health', { path: '/api/health' })), anchor: bare.what })
      if (ONLY.includes('home')) {
        const home = rotating(fixture, () => ({ method: 'GET', path: '/api/home' }))
        rows.push({ ...(await measure(server, engine, 'GET /api/home (volunteer)', { requests: home.requests })), anchor: bare.what })
      }
    }
    if (ONLY.includes('checkin')) {
      const write = await measure(anchor, engine, `bare Fastify insert+select (${engine === 'sqlite' ? 'better-sqlite3 WAL' : 'pg, pool 10'})`, {
        path: '/write',
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ person: 'p', ...fixture.post }),
      })
      rows.push(write)
      const checkin = rotating(fixture, (p) => ({
        method: 'POST',
        path: `/api/signups/${p.signupId}/check-in`,
        body: { ...fixture.post, accuracy: 12, idempotencyKey: `bench-${p.signupId}` },
      }))
      rows.push({ ...(await measure(server, engine, 'POST check-in', { requests: checkin.requests })), anchor: write.what })
      console.log(`  ${engine}: ${checkin.count()} 次签到请求，其中首次签到 ${Math.min(checkin.count(), PEOPLE)} 次`)
    }
    for (const r of rows) {
      const anchorRow = rows.find((a) => a.what === r.anchor)
      if (!anchorRow) continue
      r.ratio = r.rps / anchorRow.rps
      if (r.cpuMs && anchorRow.cpuMs) r.cpuRatio = anchorRow.cpuMs / r.cpuMs
    }
    return rows
  } finally {
    await stop(server)
    await stop(anchor)
    await productDb.drop()
    await anchorDb.drop()
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
  console.log(`护学岗签到压测：${CONNECTIONS} 个并发连接，每项 ${SECONDS} 秒，${PEOPLE} 位不同的志愿者；机器：${os.cpus().length} 核，负载 ${os.loadavg()[0].toFixed(1)}`)
  const rows: Row[] = []
  if (ENGINES.includes('sqlite')) rows.push(...(await run('sqlite')))
  if (ENGINES.includes('postgres')) {
    if (await pgAvailable()) rows.push(...(await run('postgres')))
    else console.log('  （PostgreSQL 不可用，跳过）')
  }
  const pct = (v: number | undefined) => (v !== undefined ? `${(v * 100).toFixed(0)}%` : '—')
  console.log(`\n机器负载（结束时）：${os.loadavg()[0].toFixed(1)}；CPU/请求 = 服务器进程的 CPU 时间 ÷ 应答数（PostgreSQL 自身的 CPU 不在内）`)
  console.log('\n| 数据库 | 测什么 | 请求/秒 | p50 (ms) | p99 (ms) | 错误 | CPU/请求 (ms) | 对照 | 比值（请求/秒） | 比值（CPU/请求） |')
  console.log('|---|---|---|---|---|---|---|---|---|---|')
  for (const r of rows) {
    console.log(
      `| ${r.engine} | ${r.what} | ${r.rps} | ${r.p50} | ${r.p99} | ${r.errors} | ${r.cpuMs?.toFixed(3) ?? '—'} | ${r.anchor ?? '—'} | ${pct(r.ratio)} | ${pct(r.cpuRatio)} |`,
    )
  }
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
