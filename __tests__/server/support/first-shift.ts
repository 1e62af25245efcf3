import type { TestApp } from './test-app'

/** A demo person's first signed-up shift at a school (name ending), with its gate: where flows put people on duty. */
export function firstShiftOf(t: TestApp, person: string, school: string) {
  return t.ctx.db
    .selectFrom('signups as su')
    .innerJoin('shifts as s', 's.id', 'su.shift_id')
    .innerJoin('people as p', 'p.id', 'su.person_id')
    .innerJoin('posts as po', 'po.id', 's.post_id')
    .innerJoin('schools as sc', 'sc.id', 's.school_id')
    .select(['su.id as signup_id', 's.id as shift_id', 's.school_id', 's.starts_at', 'po.lat', 'po.lng'])
    .where('p.name', '=', person)
    .where('sc.name', 'like', `%${school}`)
    .orderBy('s.starts_at')
    .executeTakeFirstOrThrow()
}
