// Alarms survive the server dying: a few hundred phones raise an alarm each, retrying with the
// same client key until the server answers, while the server is SIGKILLed and restarted again
// and again. Afterwards every acknowledged alarm must be stored exactly once — the alarm the
// phone was told about — with its one raise event.
//   npm run test:crash            (SQLite; TEST_DATABASE_URL=postgres://… for PostgreSQL)
import { createKysely, parseDatabaseUrl } from '../server/src/db/dialect'
import { freshDatabase } from '../__tests__/server/support/test-db'
import { createCheckinFixture } from './lib/checkin-fixture'
import { freePort, startServerProcess, type ServerProcess } from './lib/server-process'

const PEOPLE = Number(process.env.CRASH_PEOPLE ?? 200)
const KILLS = Number(process.env.CRASH_KILLS ?? 5)
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
      await new Promise((r) => setTimeout(r, 200 + Math.random() * 400))
      const clientKey = `crash-alarm-${p.personId}`
      for (;;) {
        attempts++
        try {
          const res = await fetch(`http://127.0.0.1:${port}/api/alarms`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', authorization: `Bearer ${p.token}` },
            body: JSON.stringify({ clientKey, location: { ...fixture.post, accuracy: 10 }, type: 'suspicious_person' }),
            signal: AbortSignal.timeout(5000),
          })
          if (res.status === 200) {
            acked.set(p.personId, ((await res.json()) as { id: string }).id)
            break
          }
          if (res.status < 500) {
            refused++
            console.error(`拒绝 ${res.status}: ${await res.text()}`)
            break
          }
        } catch {
          // the server is down: the phone keeps the alarm and tries again (and shows 请立即拨打110)
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
  const alarms = await db.selectFrom('alarms').select(['id', 'raiser_id', 'client_key']).execute()
  const raises = await db.selectFrom('alarm_events').select('alarm_id').where('action', '=', 'raise').execute()
  await db.destroy()
  const byRaiser = new Map<string, string[]>()
  for (const a of alarms) byRaiser.set(a.raiser_id, [...(byRaiser.get(a.raiser_id) ?? []), a.id])
  const raiseCount = new Map<string, number>()
  for (const r of raises) raiseCount.set(r.alarm_id, (raiseCount.get(r.alarm_id) ?? 0) + 1)
  let lost = 0
  let duplicated = 0
  let changed = 0
  let badTimeline = 0
  for (const [personId, alarmId] of acked) {
    const found = byRaiser.get(personId) ?? []
    if (found.length === 0) lost++
    if (found.length > 1) duplicated++
    if (found.length === 1 && found[0] !== alarmId) changed++
    if (raiseCount.get(alarmId) !== 1) badTimeline++
  }
  await database.drop()
  const vacuous = attempts <= PEOPLE
  const failed = lost + duplicated + changed + badTimeline + refused + (acked.size === PEOPLE ? 0 : 1) + (vacuous ? 1 : 0)
  console.log(`报警 ${PEOPLE} 人，请求 ${attempts} 次，服务器被强制结束 ${KILLS} 次`)
  console.log(`已确认 ${acked.size}，丢失 ${lost}，重复 ${duplicated}，与确认不符 ${changed}，时间线不符 ${badTimeline}，被拒 ${refused}${vacuous ? '；没有请求遇到宕机，测试无效' : ''}`)
  console.log(`crash-alarm: ${failed === 0 ? 1 : 0} passed, ${failed === 0 ? 0 : 1} failed`)
  process.exit(failed === 0 ? 0 : 1)
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
