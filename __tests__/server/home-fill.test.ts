// 首页's next shift is filled by withFillOne (synchronous on SQLite, hot queries on PostgreSQL):
// the same answer as withFill, for every signup of the demo city, with a check-in and its
// exception, and in a waiting list.
import { withFill, withFillOne, shiftQuery } from '../../server/src/modules/shifts/repository'
import { createTestApp, type TestApp } from './support/test-app'

let t: TestApp
beforeAll(async () => {
  t = await createTestApp()
})
afterAll(() => t.close())

async function compareAll() {
  const signups = await t.ctx.db.selectFrom('signups').select(['shift_id', 'person_id']).orderBy('id').limit(400).execute()
  expect(signups.length).toBeGreaterThan(10)
  for (const s of signups) {
    const row = await shiftQuery(t.ctx.db).where('s.id', '=', s.shift_id).executeTakeFirstOrThrow()
    const [expected] = await withFill(t.ctx.db, [row], s.person_id)
    expect(await withFillOne(t.ctx.db, row, s.person_id)).toEqual(expected)
    // the asynchronous path (taken on SQLite while a transaction is open, always on PostgreSQL)
    await t.ctx.db.transaction().execute(async (trx) => expect(await withFillOne(trx, row, s.person_id)).toEqual(expected))
  }
  return signups
}

it('withFillOne answers as withFill: plain signups, a check-in with its exception, a waiting list', async () => {
  const signups = await compareAll()
  const now = new Date().toISOString()
  const active = await t.ctx.db.selectFrom('signups').select(['id', 'shift_id', 'person_id']).where('status', '=', 'active').orderBy('id').executeTakeFirstOrThrow()
  const shift = await t.ctx.db.selectFrom('shifts').select(['school_id']).where('id', '=', active.shift_id).executeTakeFirstOrThrow()
  await t.ctx.db
    .insertInto('attendance')
    .values({
      signup_id: active.id,
      shift_id: active.shift_id,
      school_id: shift.school_id,
      person_id: active.person_id,
      check_in_at: now,
      check_in_received_at: now,
      check_in_lat: 28.6,
      check_in_lng: 115.9,
      check_in_accuracy: 10,
      check_in_distance_m: 300,
      check_in_key: 'home-fill-test',
      late: 1,
      offline: 0,
      check_out_at: null,
      check_out_distance_m: null,
      check_out_key: null,
      early_leave: 0,
      hours: null,
    })
    .execute()
  await t.ctx.db
    .insertInto('duty_exceptions')
    .values({
      id: 'home-fill-x',
      signup_id: active.id,
      shift_id: active.shift_id,
      school_id: shift.school_id,
      person_id: active.person_id,
      kind: 'outside_fence',
      reason: '门口施工',
      detail: '{}',
      status: 'pending',
      review_note: null,
      reviewed_by: null,
      reviewed_at: null,
      created_at: now,
    })
    .execute()
  const others = signups.filter((s) => s.shift_id !== active.shift_id).slice(0, 2)
  await t.ctx.db.updateTable('signups').set({ status: 'waitlisted' }).where('shift_id', '=', others[0].shift_id).where('person_id', '=', others[0].person_id).execute()
  const row = await shiftQuery(t.ctx.db).where('s.id', '=', active.shift_id).executeTakeFirstOrThrow()
  const one = await withFillOne(t.ctx.db, row, active.person_id)
  expect(one.mine).toMatchObject({ checkInAt: now, late: true, exceptions: [{ id: 'home-fill-x', kind: 'outside_fence' }] })
  const waiting = await withFillOne(t.ctx.db, await shiftQuery(t.ctx.db).where('s.id', '=', others[0].shift_id).executeTakeFirstOrThrow(), others[0].person_id)
  expect(waiting.mine?.waitlistPosition).toBeGreaterThanOrEqual(1)
  await compareAll()
})
