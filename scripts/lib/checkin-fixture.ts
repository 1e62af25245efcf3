// A school whose gate is open for check-in right now, with many people signed up and signed in:
// the fixture of the check-in benchmark and of the crash test. Written straight into the
// database through the project's own Kysely setup (the same migrations as the server).
import { createKysely, parseDatabaseUrl } from '../../server/src/db/dialect'
import { migrateToLatest } from '../../server/src/db/migrate'
import { newId, randomToken, sha256 } from '../../server/src/lib/ids'
import { local } from '../../domain/time'

export interface Fixture {
  post: { lat: number; lng: number }
  people: { personId: string; signupId: string; token: string }[]
}

export async function createCheckinFixture(databaseUrl: string, count: number): Promise<Fixture> {
  const db = await createKysely(parseDatabaseUrl(databaseUrl, 'data/bench.sqlite'))
  await migrateToLatest(db)
  const now = new Date()
  const iso = now.toISOString()
  const ids = { district: newId(), station: newId(), school: newId(), post: newId(), admin: newId() }
  const post = { lat: 28.64017, lng: 115.91736 }
  await db.insertInto('districts').values({ id: ids.district, name: '测试区', created_at: iso }).execute()
  await db.insertInto('stations').values({ id: ids.station, district_id: ids.district, name: '测试派出所', phone: null, created_at: iso }).execute()
  await db
    .insertInto('schools')
    .values({
      id: ids.school,
      station_id: ids.station,
      district_id: ids.district,
      name: '测试小学',
      kind: 'primary',
      address: '测试路 1 号',
      ...post,
      phone: null,
      settings: null,
      created_at: iso,
    })
    .execute()
  await db
    .insertInto('posts')
    .values({ id: ids.post, school_id: ids.school, name: '正门', ...post, radius_m: 150, active: 1, created_at: iso })
    .execute()
  await db
    .insertInto('people')
    .values({ id: ids.admin, name: '测试民警', phone: null, wx_openid: null, wx_unionid: null, wx_session_key: null, is_demo: 0, created_at: iso })
    .execute()
  // A shift that started five minutes ago and runs another hour: its window is open now.
  const startsAt = new Date(now.getTime() - 5 * 60_000)
  const endsAt = new Date(now.getTime() + 60 * 60_000)
  // Five people a shift, as at a real gate (DESIGN.md: a few parents, a teacher, a guard): per-shift
  // work (the coverage summary, the fill of a shift) then costs what it costs at the morning peak.
  // A unique (template, date) allows one shift a day per template, so each shift has its own.
  const perShift = 5
  const shiftCount = Math.ceil(count / perShift)
  const template = {
    school_id: ids.school,
    post_id: ids.post,
    name: '压测',
    weekdays: '1,2,3,4,5,6,7',
    start_time: local(startsAt).format('HH:mm'),
    end_time: local(endsAt).format('HH:mm'),
    headcount: JSON.stringify({ volunteer: perShift, teacher: 0, guard: 0, police: 0 }),
    term_start: local(now).format('YYYY-MM-DD'),
    term_end: local(now).format('YYYY-MM-DD'),
    active: 0,
    created_by: ids.admin,
    created_at: iso,
    updated_at: iso,
  }
  const shiftIds: string[] = []
  for (let start = 0; start < shiftCount; start += 200) {
    const batch = Array.from({ length: Math.min(200, shiftCount - start) }, () => ({ templateId: newId(), shiftId: newId() }))
    await db.transaction().execute(async (trx) => {
      await trx
        .insertInto('shift_templates')
        .values(batch.map((b) => ({ ...template, id: b.templateId })))
        .execute()
      await trx
        .insertInto('shifts')
        .values(
          batch.map((b) => ({
            id: b.shiftId,
            school_id: ids.school,
            post_id: ids.post,
            template_id: b.templateId,
            date: local(now).format('YYYY-MM-DD'),
            start_time: template.start_time,
            end_time: template.end_time,
            starts_at: startsAt.toISOString(),
            ends_at: endsAt.toISOString(),
            headcount: template.headcount,
            status: 'scheduled',
            created_at: iso,
            updated_at: iso,
          })),
        )
        .execute()
    })
    shiftIds.push(...batch.map((b) => b.shiftId))
  }
  const people: Fixture['people'] = []
  const expires = new Date(now.getTime() + 86_400_000).toISOString()
  for (let start = 0; start < count; start += 500) {
    const batch = Array.from({ length: Math.min(500, count - start) }, (_, k) => ({
      personId: newId(),
      signupId: newId(),
      token: randomToken(),
      shiftId: shiftIds[Math.floor((start + k) / perShift)],
    }))
    await db.transaction().execute(async (trx) => {
      await trx
        .insertInto('people')
        .values(
          batch.map((b, k) => ({ id: b.personId, name: `志愿者${start + k}`, phone: null, wx_openid: null, wx_unionid: null, wx_session_key: null, is_demo: 0, created_at: iso })),
        )
        .execute()
      await trx
        .insertInto('memberships')
        .values(
          batch.map((b) => ({
            id: newId(),
            person_id: b.personId,
            role: 'volunteer',
            status: 'approved',
            school_id: ids.school,
            station_id: null,
            district_id: null,
            invite_id: null,
            reason: null,
            decided_by: null,
            decided_at: iso,
            created_at: iso,
          })),
        )
        .execute()
      await trx
        .insertInto('sessions')
        .values(batch.map((b) => ({ token_hash: sha256(b.token), person_id: b.personId, created_at: iso, expires_at: expires, origin: 'wechat' as const })))
        .execute()
      await trx
        .insertInto('signups')
        .values(
          batch.map((b) => ({
            id: b.signupId,
            shift_id: b.shiftId,
            person_id: b.personId,
            role: 'volunteer',
            status: 'active',
            source: 'assigned',
            reason: null,
            changed_by: null,
            created_at: iso,
            updated_at: iso,
            outcome: null,
          })),
        )
        .execute()
    })
    people.push(...batch.map(({ personId, signupId, token }) => ({ personId, signupId, token })))
  }
  await db.destroy()
  return { post, people }
}
