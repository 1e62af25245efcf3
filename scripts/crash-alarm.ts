// Alarms survive the server dying: a few hundred phones raise an alarm each, retrying with the
// same client key until the server answers, while the server is SIGKILLed and restarted again
// and again. Afterwards every acknowledged alarm must be stored exactly once — the alarm the
// phone was told about — with its one raise event.
//   npm run test:crash            (SQLite; TEST_DATABASE_URL=postgres://… for PostgreSQL)
import { createKysely, parseDatabaseUrl } from '../server/src/db/dialect'
import { crashLoop, report } from './lib/crash-loop'

const PEOPLE = Number(process.env.CRASH_PEOPLE ?? 200)
const KILLS = Number(process.env.CRASH_KILLS ?? 5)

async function main() {
  const run = await crashLoop({
    people: PEOPLE,
    kills: KILLS,
    // the phone shows 未送达 · 请立即拨打110 while it retries
    write: (p, fixture) => ({ path: '/api/alarms', body: { clientKey: `crash-alarm-${p.personId}`, location: { ...fixture.post, accuracy: 10 }, type: 'suspicious_person' } }),
    ack: (body) => (body as { id: string }).id,
  })
  const db = await createKysely(parseDatabaseUrl(run.database.url, ''))
  const alarms = await db.selectFrom('alarms').select(['id', 'raiser_id']).execute()
  const raises = await db.selectFrom('alarm_events').select('alarm_id').where('action', '=', 'raise').execute()
  await db.destroy()
  await run.database.drop()
  const byRaiser = new Map<string, string[]>()
  for (const a of alarms) byRaiser.set(a.raiser_id, [...(byRaiser.get(a.raiser_id) ?? []), a.id])
  const raiseCount = new Map<string, number>()
  for (const r of raises) raiseCount.set(r.alarm_id, (raiseCount.get(r.alarm_id) ?? 0) + 1)
  const faults = { 丢失: 0, 重复: 0, 与确认不符: 0, 时间线不符: 0 }
  for (const [phone, alarmId] of run.acked) {
    const found = byRaiser.get(phone.personId) ?? []
    if (found.length === 0) faults.丢失++
    if (found.length > 1) faults.重复++
    if (found.length === 1 && found[0] !== alarmId) faults.与确认不符++
    if (raiseCount.get(alarmId) !== 1) faults.时间线不符++
  }
  report('crash-alarm', '报警', { people: PEOPLE, kills: KILLS, attempts: run.attempts, refused: run.refused, acked: run.acked.size }, faults)
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
