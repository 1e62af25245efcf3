// Nothing is lost when the server dies: a few hundred phones check in, retrying with the same
// idempotency key until acknowledged, while the server is SIGKILLed and restarted again and
// again. Afterwards every acknowledged check-in must be stored exactly once, as acknowledged.
//   npm run test:crash            (SQLite; TEST_DATABASE_URL=postgres://… for PostgreSQL)
import { createKysely, parseDatabaseUrl } from '../server/src/db/dialect'
import { freshDatabase } from '../__tests__/server/support/test-db'
import { createCheckinFixture } from './lib/checkin-fixture'
import { freePort, startServerProcess, type ServerProcess } from './lib/server-process'

const PEOPLE = Number(process.env.CRASH_PEOPLE ?? 300)
const KILLS = Number(process.env.CRASH_KILLS ?? 6)
const CONCURRENCY = 24

async function main() {
  const database = await freshDatabase()
  const fixture = await createCheckinFixture(database.url, PEOPLE)
  const port = await freePort()
  let server: ServerProcess = await startServerProcess({ DATABASE_URL: database.url }, port)
  const acked = new Map<string, string>()
  let attempts = 0
  let refused = 0
  let running = true

  const killer = (async () => {
    for (let k = 0; k < KILLS && running; k++) {
      await new Promise((r) => setTimeout(r, 400 + Math.random() * 600))
      server.child.kill('SIGKILL')
      await new Promise((r) => server.child.once('exit', r))
      await new Promise((r) => setTimeout(r, 150))
      server = await startServerProcess({ DATABASE_URL: database.url }, port)
    }
  })()

  const queue = [...fixture.people]
  const worker = async () => {
    for (let p = queue.shift(); p; p = queue.shift()) {
      // phones arrive over several seconds, so that the kills fall among them
      await new Promise((r) => setTimeout(r, 200 + Math.random() * 400))
      const key = `crash-${p.signupId}`
      for (;;) {
        attempts++
        try {
          const res = await fetch(`http://127.0.0.1:${port}/api/signups/${p.signupId}/check-in`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', authorization: `Bearer ${p.token}` },
            body: JSON.stringify({ ...fixture.post, accuracy: 10, idempotencyKey: key }),
            signal: AbortSignal.timeout(5000),
          })
          if (res.status === 200) {
            acked.set(p.signupId, ((await res.json()) as { checkInAt: string }).checkInAt)
            break
          }
          if (res.status < 500) {
            refused++
            console.error(`拒绝 ${res.status}: ${await res.text()}`)
            break
          }
        } catch {
          // the server is down: the phone keeps the check-in and tries again
        }
        await new Promise((r) => setTimeout(r, 50 + Math.random() * 200))
      }
    }
  }
  await Promise.all(Array.from({ length: CONCURRENCY }, worker))
  running = false
  await killer
  server.child.kill('SIGTERM')
  await new Promise((r) => server.child.once('exit', r))

  const db = await createKysely(parseDatabaseUrl(database.url, ''))
  const rows = await db.selectFrom('attendance').select(['signup_id', 'check_in_at']).execute()
  await db.destroy()
  const stored = new Map<string, string[]>()
  for (const r of rows) stored.set(r.signup_id, [...(stored.get(r.signup_id) ?? []), r.check_in_at])
  let lost = 0
  let duplicated = 0
  let changed = 0
  for (const [signupId, checkInAt] of acked) {
    const found = stored.get(signupId) ?? []
    if (found.length === 0) lost++
    if (found.length > 1) duplicated++
    if (found.length === 1 && found[0] !== checkInAt) changed++
  }
  await database.drop()
  // A run in which no request met a dead server proves nothing: count it as failed.
  const vacuous = attempts <= PEOPLE
  const failed = lost + duplicated + changed + refused + (acked.size === PEOPLE ? 0 : 1) + (vacuous ? 1 : 0)
  console.log(`签到 ${PEOPLE} 人，请求 ${attempts} 次，服务器被强制结束 ${KILLS} 次`)
  console.log(`已确认 ${acked.size}，丢失 ${lost}，重复 ${duplicated}，与确认不符 ${changed}，被拒 ${refused}${vacuous ? '；没有请求遇到宕机，测试无效' : ''}`)
  console.log(`crash: ${failed === 0 ? 1 : 0} passed, ${failed === 0 ? 0 : 1} failed`)
  process.exit(failed === 0 ? 0 : 1)
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
