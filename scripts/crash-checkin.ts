// Nothing is lost when the server dies: a few hundred phones check in, retrying with the same
// idempotency key until acknowledged, while the server is SIGKILLed and restarted again and
// again. Afterwards every acknowledged check-in must be stored exactly once, as acknowledged.
//   npm run test:crash            (SQLite; TEST_DATABASE_URL=postgres://… for PostgreSQL)
import { createKysely, parseDatabaseUrl } from '../server/src/db/dialect'
import { crashLoop, report } from './lib/crash-loop'

const PEOPLE = Number(process.env.CRASH_PEOPLE ?? 300)
const KILLS = Number(process.env.CRASH_KILLS ?? 6)

async function main() {
  const run = await crashLoop({
    people: PEOPLE,
    kills: KILLS,
    write: (p, fixture) => ({ path: `/api/signups/${p.signupId}/check-in`, body: { ...fixture.post, accuracy: 10, idempotencyKey: `crash-${p.signupId}` } }),
    ack: (body) => (body as { checkInAt: string }).checkInAt,
  })
  const db = await createKysely(parseDatabaseUrl(run.database.url, ''))
  const rows = await db.selectFrom('attendance').select(['signup_id', 'check_in_at']).execute()
  await db.destroy()
  await run.database.drop()
  const stored = new Map<string, string[]>()
  for (const r of rows) stored.set(r.signup_id, [...(stored.get(r.signup_id) ?? []), r.check_in_at])
  const faults = { 丢失: 0, 重复: 0, 与确认不符: 0 }
  for (const [phone, checkInAt] of run.acked) {
    const found = stored.get(phone.signupId) ?? []
    if (found.length === 0) faults.丢失++
    if (found.length > 1) faults.重复++
    if (found.length === 1 && found[0] !== checkInAt) faults.与确认不符++
  }
  report('crash', '签到', { people: PEOPLE, kills: KILLS, attempts: run.attempts, refused: run.refused, acked: run.acked.size }, faults)
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
