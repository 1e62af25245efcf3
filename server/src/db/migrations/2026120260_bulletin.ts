// What the campus-safety bulletin (简报) counts that the data did not yet tell:
// - a volunteer's kind (学生家长 or 社会志愿者), chosen when joining; earlier volunteers are parents;
// - a hazard's location kind (校内 / 校园周边), chosen by the reporter, corrected by the police;
//   earlier reports are 周边 (the product collected 校园周边隐患 until now);
// - the city's list of safety-education themes (防溺水, 防拐骗 …), on training and drill notices and
//   on drill records;
// - duty_days: who stood at which school's gates on which day and for how many hours, one row per
//   person, school, day and kind, kept with shift_coverage, so distinct people and hours over a
//   city and a term read one narrow table instead of every check-in.
import { sql, type Kysely } from 'kysely'

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('memberships').addColumn('volunteer_kind', 'text').execute()
  await db.updateTable('memberships').set({ volunteer_kind: 'parent' }).where('role', '=', 'volunteer').execute()

  await db.schema
    .alterTable('hazards')
    .addColumn('location_kind', 'text', (c) => c.notNull().defaultTo('around'))
    .execute()

  await db.schema
    .createTable('safety_themes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .addColumn('sort', 'integer', (c) => c.notNull())
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .execute()
  const themes: [string, string][] = [
    ['drowning', '防溺水'],
    ['abduction', '防拐骗'],
    ['bullying', '反校园欺凌'],
    ['traffic', '交通安全'],
    ['fire', '消防'],
    ['terror', '防暴恐'],
    ['other', '其他'],
  ]
  await db
    .insertInto('safety_themes')
    .values(themes.map(([id, name], i) => ({ id, name, sort: i, active: 1 })))
    .execute()
  await db.schema
    .alterTable('notices')
    .addColumn('theme_id', 'text', (c) => c.references('safety_themes.id'))
    .execute()
  await db.schema
    .alterTable('drills')
    .addColumn('theme_id', 'text', (c) => c.references('safety_themes.id'))
    .execute()

  await db.schema
    .createTable('duty_days')
    .addColumn('school_id', 'text', (c) => c.notNull())
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('person_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('station_id', 'text', (c) => c.notNull())
    .addColumn('district_id', 'text', (c) => c.notNull())
    .addColumn('shifts', 'integer', (c) => c.notNull())
    .addColumn('hours', 'double precision', (c) => c.notNull())
    .addPrimaryKeyConstraint('duty_days_pk', ['school_id', 'date', 'person_id', 'kind'])
    .execute()
  await db.schema.createIndex('duty_days_district_idx').on('duty_days').columns(['district_id', 'date', 'kind', 'person_id', 'hours']).execute()
  await db.schema.createIndex('duty_days_station_idx').on('duty_days').columns(['station_id', 'date', 'kind', 'person_id', 'hours']).execute()
  await db.schema.createIndex('duty_days_date_idx').on('duty_days').columns(['date', 'kind', 'person_id', 'hours']).execute()
  await sql`
    insert into duty_days (school_id, date, person_id, kind, station_id, district_id, shifts, hours)
    select a.school_id, s.date, a.person_id, case when g.role = 'volunteer' then 'parent' else g.role end,
           sc.station_id, sc.district_id, count(*), sum(coalesce(a.hours, 0))
    from attendance a
    join signups g on g.id = a.signup_id
    join shifts s on s.id = a.shift_id
    join schools sc on sc.id = a.school_id
    group by 1, 2, 3, 4, 5, 6`.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('duty_days').execute()
  await db.schema.alterTable('drills').dropColumn('theme_id').execute()
  await db.schema.alterTable('notices').dropColumn('theme_id').execute()
  await db.schema.dropTable('safety_themes').execute()
  await db.schema.alterTable('hazards').dropColumn('location_kind').execute()
  await db.schema.alterTable('memberships').dropColumn('volunteer_kind').execute()
}
