// Coverage at city scale: 2,000 schools, 2 posts each, 2 shifts a day, 100 school days, about
// 4 people per shift — into SQLite and PostgreSQL — then the time of the district view, one
// station's view and one school's term, and the city's bulletin (简报) for the term, through the
// same service functions as the API.
//   npm run bench:coverage          (BENCH_SCHOOLS=200 for a quick run)
//   BENCH_ENGINES=postgres          one engine only (sqlite, postgres, or both, comma-separated)
//   BENCH_KEEP=1                    keep the generated database and print where it is (to EXPLAIN)
//   BENCH_DB=<url>[,<url>]          measure a database kept by BENCH_KEEP=1 again (migrated to the
//                                   latest first) instead of generating one; one URL per engine
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { performance } from 'node:perf_hooks'
import { sql, type Kysely } from 'kysely'
import { shiftPlaces } from '../domain/coverage'
import { currentTerm } from '../domain/term'
import { dayjs, localToInstant } from '../domain/time'
import { freshDatabase } from '../__tests__/server/support/test-db'
import { createKysely, parseDatabaseUrl } from '../server/src/db/dialect'
import { migrateToLatest } from '../server/src/db/migrate'
import type { Database } from '../server/src/db/schema'
import { loadConfig } from '../server/src/config'
import type { AppContext } from '../server/src/context'
import { newId } from '../server/src/lib/ids'
import type { Actor } from '../server/src/modules/auth/actor'
import { periodOf, rebuildRollups } from '../server/src/modules/coverage/maintain'
import { areaCoverage, schoolCoverage } from '../server/src/modules/coverage/service'
import { bulletin } from '../server/src/modules/bulletin/service'
import { LocalFileStorage } from '../server/src/storage'

const SCHOOLS = Number(process.env.BENCH_SCHOOLS ?? 2000)
const PER_STATION = 20
const STATIONS_PER_DISTRICT = 10
const DAYS = 100
const PEOPLE_PER_SCHOOL = 24
const PG = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres'
const ENGINES = (process.env.BENCH_ENGINES ?? 'sqlite,postgres').split(',').map((e) => e.trim()) as ('sqlite' | 'postgres')[]
const KEEP = process.env.BENCH_KEEP === '1'
const REUSE = (process.env.BENCH_DB ?? '')
  .split(',')
  .map((u) => u.trim())
  .filter(Boolean)

/**
 * Bulk loading straight through the drivers (millions of rows): prepared statements in one
 * transaction on SQLite, multi-row INSERTs on PostgreSQL. The views are then measured through
 * the project's own Kysely code.
 */
interface Sink {
  insert(table: keyof Database, rows: Record<string, unknown>[]): Promise<void>
  flush(): Promise<void>
  close(): Promise<void>
}

async function sqliteSink(file: string): Promise<Sink> {
  const { default: SQLite } = await import('better-sqlite3')
  const db = new SQLite(file)
  db.pragma('journal_mode = WAL')
  db.pragma('synchronous = OFF')
  const statements = new Map<string, import('better-sqlite3').Statement>()
  db.exec('begin')
  let pending = 0
  return {
    async insert(table, rows) {
      if (rows.length === 0) return
      const cols = Object.keys(rows[0])
      const key = `${table}:${cols.join(',')}`
      let st = statements.get(key)
      if (!st) {
        st = db.prepare(`insert into ${table} (${cols.join(',')}) values (${cols.map((c) => '@' + c).join(',')})`)
        statements.set(key, st)
      }
      for (const r of rows) st.run(r)
      pending += rows.length
      if (pending > 200_000) {
        db.exec('commit; begin')
        pending = 0
      }
    },
    async flush() {
      db.exec('commit; begin')
    },
    async close() {
      db.exec('commit')
      db.close()
    },
  }
}

async function postgresSink(url: string): Promise<Sink> {
  const { default: pg } = await import('pg')
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  // rows wait per table and go out together, tables in the order they first came (foreign keys)
  const buffers = new Map<string, Record<string, unknown>[]>()
  const write = async (table: string, rows: Record<string, unknown>[]) => {
    // one array parameter per column: a single short statement for thousands of rows
    const cols = Object.keys(rows[0])
    const types = cols.map((c) => (typeof rows.find((r) => r[c] !== null)?.[c] === 'number' ? 'float8' : 'text'))
    for (let i = 0; i < rows.length; i += 50_000) {
      const chunk = rows.slice(i, i + 50_000)
      await client.query(
        `insert into ${table} (${cols.join(',')}) select * from unnest(${cols.map((_, k) => `$${k + 1}::${types[k]}[]`).join(',')})`,
        cols.map((c) => chunk.map((r) => r[c])),
      )
    }
  }
  const flush = async () => {
    for (const [table, rows] of buffers) if (rows.length) await write(table, rows.splice(0))
  }
  return {
    async insert(table, rows) {
      if (rows.length === 0) return
      const buffer = buffers.get(table) ?? []
      buffers.set(table, buffer)
      for (const r of rows) buffer.push(r)
      if (buffer.length >= 100_000) await flush()
    },
    flush,
    async close() {
      await flush()
      await client.end()
    },
  }
}

let sink: Sink
async function insertMany<T extends keyof Database>(table: T, rows: Record<string, unknown>[]) {
  await sink.insert(table, rows)
}

// A deterministic pseudo-random stream, so that both engines get the same city.
function rng(seed: number) {
  let x = seed
  return () => {
    x = (x * 1103515245 + 12345) % 2147483648
    return x / 2147483648
  }
}

interface City {
  districtIds: string[]
  stationIds: string[]
  schoolIds: string[]
  adminOf: Actor
  cityAdmin: Actor
  policeOf: Actor
  principalOf: Actor
  cityPerson: Actor
}

async function generate(now: Date): Promise<void> {
  const random = rng(42)
  const iso = now.toISOString()
  const term = currentTerm(now)
  // 100 school days: weekdays from the term's start
  const days: string[] = []
  for (let d = dayjs(term.start); days.length < DAYS; d = d.add(1, 'day')) if (d.isoWeekday() <= 5) days.push(d.format('YYYY-MM-DD'))
  const districts = Math.ceil(SCHOOLS / PER_STATION / STATIONS_PER_DISTRICT)
  const districtIds = Array.from({ length: districts }, newId)
  const stationIds = Array.from({ length: Math.ceil(SCHOOLS / PER_STATION) }, newId)
  const schoolIds = Array.from({ length: SCHOOLS }, newId)
  await insertMany(
    'districts',
    districtIds.map((id, i) => ({ id, name: `区${i + 1}`, created_at: iso })),
  )
  await insertMany(
    'stations',
    stationIds.map((id, i) => ({ id, district_id: districtIds[Math.floor(i / STATIONS_PER_DISTRICT)], name: `派出所${i + 1}`, phone: null, created_at: iso })),
  )
  await insertMany(
    'schools',
    schoolIds.map((id, i) => {
      const station = Math.floor(i / PER_STATION)
      return {
        id,
        station_id: stationIds[station],
        district_id: districtIds[Math.floor(station / STATIONS_PER_DISTRICT)],
        name: `学校${i + 1}`,
        kind: 'primary',
        address: '',
        lat: 28.6,
        lng: 115.9,
        phone: null,
        settings: null,
        created_at: iso,
      }
    }),
  )
  const bench = newId()
  await insertMany('people', [{ id: bench, name: '压测', phone: null, wx_openid: null, wx_unionid: null, wx_session_key: null, is_demo: 0, created_at: iso }])
  const headcount = { volunteer: 3, teacher: 1, guard: 0, police: 0 }
  let shiftsMade = 0
  for (let s = 0; s < SCHOOLS; s++) {
    const schoolId = schoolIds[s]
    const stationId = stationIds[Math.floor(s / PER_STATION)]
    const districtId = districtIds[Math.floor(s / PER_STATION / STATIONS_PER_DISTRICT)]
    const people = Array.from({ length: PEOPLE_PER_SCHOOL }, newId)
    await insertMany(
      'people',
      people.map((id, k) => ({ id, name: `志愿者${s}-${k}`, phone: null, wx_openid: null, wx_unionid: null, wx_session_key: null, is_demo: 0, created_at: iso })),
    )
    await insertMany(
      'memberships',
      people.map((id, k) => ({
        id: newId(),
        person_id: id,
        role: k < 4 ? 'teacher' : 'volunteer',
        status: 'approved',
        school_id: schoolId,
        station_id: null,
        district_id: null,
        invite_id: null,
        reason: null,
        decided_by: null,
        decided_at: iso,
        created_at: iso,
      })),
    )
    const posts = [newId(), newId()]
    await insertMany(
      'posts',
      posts.map((id, k) => ({ id, school_id: schoolId, name: `门${k + 1}`, lat: 28.6, lng: 115.9, radius_m: 150, active: 1, created_at: iso })),
    )
    const templates = posts.flatMap((post) =>
      [
        ['07:20', '08:00'],
        ['16:30', '17:20'],
      ].map(([start, end]) => ({ id: newId(), post, start, end })),
    )
    await insertMany(
      'shift_templates',
      templates.map((t) => ({
        id: t.id,
        school_id: schoolId,
        post_id: t.post,
        name: t.start < '12:00' ? '早高峰' : '晚高峰',
        weekdays: '1,2,3,4,5',
        start_time: t.start,
        end_time: t.end,
        headcount: JSON.stringify(headcount),
        term_start: term.start,
        term_end: term.end,
        active: 1,
        created_by: bench,
        created_at: iso,
        updated_at: iso,
      })),
    )
    const shifts: Record<string, unknown>[] = []
    const signups: Record<string, unknown>[] = []
    const attendance: Record<string, unknown>[] = []
    const coverage: Record<string, unknown>[] = []
    const dutyDays = new Map<string, { school_id: string; date: string; person_id: string; kind: string; station_id: string; district_id: string; shifts: number; hours: number }>()
    for (const date of days) {
      for (const t of templates) {
        const id = newId()
        const startsAt = localToInstant(date, t.start)
        const endsAt = localToInstant(date, t.end)
        shifts.push({
          id,
          school_id: schoolId,
          post_id: t.post,
          template_id: t.id,
          date,
          start_time: t.start,
          end_time: t.end,
          starts_at: startsAt,
          ends_at: endsAt,
          headcount: JSON.stringify(headcount),
          status: 'scheduled',
          created_at: iso,
          updated_at: iso,
        })
        // about 4 people: a teacher and 2–4 volunteers; most come, some late, a few not
        const over = endsAt <= iso
        const crew = [
          people[Math.floor(random() * 4)],
          ...new Set(Array.from({ length: 2 + Math.floor(random() * 3) }, () => people[4 + Math.floor(random() * (PEOPLE_PER_SCHOOL - 4))])),
        ]
        let checked = { volunteer: 0, teacher: 0 }
        let active = { volunteer: 0, teacher: 0 }
        let late = 0
        let noShow = 0
        crew.forEach((personId, k) => {
          const role = k === 0 ? 'teacher' : 'volunteer'
          const signupId = newId()
          const comes = over && random() < 0.9
          const isLate = comes && random() < 0.08
          active[role]++
          if (comes) checked[role]++
          if (isLate) late++
          if (over && !comes) noShow++
          signups.push({
            id: signupId,
            shift_id: id,
            person_id: personId,
            role,
            status: 'active',
            source: 'self',
            reason: null,
            changed_by: null,
            created_at: iso,
            updated_at: iso,
            outcome: over ? (comes ? 'attended' : 'no_show') : null,
          })
          if (comes) {
            // a quarter of the volunteers joined from society (社会志愿者), the others are parents
            const kind = role === 'teacher' ? 'teacher' : people.indexOf(personId) % 4 === 0 ? 'society' : 'parent'
            const day = dutyDays.get(`${date}|${personId}`) ?? {
              school_id: schoolId,
              date,
              person_id: personId,
              kind,
              station_id: stationId,
              district_id: districtId,
              shifts: 0,
              hours: 0,
            }
            day.shifts++
            day.hours += 0.5
            dutyDays.set(`${date}|${personId}`, day)
            attendance.push({
              signup_id: signupId,
              shift_id: id,
              school_id: schoolId,
              person_id: personId,
              check_in_at: startsAt,
              check_in_received_at: startsAt,
              check_in_lat: 28.6,
              check_in_lng: 115.9,
              check_in_accuracy: 10,
              check_in_distance_m: 12,
              check_in_key: signupId,
              late: isLate ? 1 : 0,
              offline: 0,
              check_out_at: endsAt,
              check_out_distance_m: 10,
              check_out_key: signupId,
              early_leave: 0,
              hours: 0.5,
            })
          }
        })
        const places = shiftPlaces({ headcount, active, checkedIn: checked, late, noShow })
        coverage.push({
          shift_id: id,
          school_id: schoolId,
          station_id: stationId,
          district_id: districtId,
          post_id: t.post,
          date,
          period: periodOf(t.start),
          ends_at: endsAt,
          required: places.required,
          filled: places.filled,
          attended: places.attended,
          late: places.late,
          no_show: places.noShow,
          police_required: places.police.required,
          police_filled: places.police.filled,
          police_attended: places.police.attended,
        })
        checked = { volunteer: 0, teacher: 0 }
        active = { volunteer: 0, teacher: 0 }
      }
    }
    await insertMany('shifts', shifts)
    await insertMany('signups', signups)
    await insertMany('attendance', attendance)
    await insertMany('shift_coverage', coverage)
    await insertMany('duty_days', [...dutyDays.values()])
    shiftsMade += shifts.length
    if ((s + 1) % 200 === 0) process.stdout.write(`  … ${s + 1} 所学校，${shiftsMade} 个班次\n`)
  }
}

/** The city's ids and the people measured, looked up by the names generate() gives (a kept database too). */
async function cityOf(db: Kysely<Database>): Promise<City> {
  const bench = (await db.selectFrom('people').select('id').where('name', '=', '压测').executeTakeFirstOrThrow()).id
  const [district, station, school, districts] = await Promise.all([
    db.selectFrom('districts').select('id').where('name', '=', '区1').executeTakeFirstOrThrow(),
    db.selectFrom('stations').select('id').where('name', '=', '派出所1').executeTakeFirstOrThrow(),
    db.selectFrom('schools').select('id').where('name', '=', '学校1').executeTakeFirstOrThrow(),
    db.selectFrom('districts').select('id').execute(),
  ])
  const actor = (grant: Actor['grants'][number]): Actor => ({ personId: bench, name: '压测', grants: [grant], responsibleSchoolIds: [] })
  return {
    districtIds: [district.id, ...districts.map((d) => d.id).filter((id) => id !== district.id)],
    stationIds: [station.id],
    schoolIds: [school.id],
    adminOf: actor({ role: 'admin', districtId: district.id }),
    cityAdmin: { personId: bench, name: '压测', grants: districts.map((d) => ({ role: 'admin' as const, districtId: d.id })), responsibleSchoolIds: [] },
    policeOf: actor({ role: 'police', stationId: station.id }),
    cityPerson: actor({ role: 'city' }),
    principalOf: actor({ role: 'principal', schoolId: school.id }),
  }
}

async function time(fn: () => Promise<unknown>, runs = 7): Promise<{ median: number; min: number }> {
  await fn() // warm caches and statement preparation
  const times: number[] = []
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now()
    await fn()
    times.push(performance.now() - t0)
  }
  times.sort((a, b) => a - b)
  return { median: Math.round(times[Math.floor(runs / 2)] * 10) / 10, min: Math.round(times[0] * 10) / 10 }
}

async function run(engine: 'sqlite' | 'postgres') {
  const kept = REUSE.find((url) => parseDatabaseUrl(url, '').engine === engine)
  let database: { url: string; dir: string; drop(): Promise<void> }
  if (kept) database = { url: kept, dir: fs.mkdtempSync(path.join(os.tmpdir(), 'hxg-bench-')), drop: async () => undefined }
  else {
    const previous = process.env.TEST_DATABASE_URL
    if (engine === 'postgres') process.env.TEST_DATABASE_URL = PG
    else delete process.env.TEST_DATABASE_URL
    database = await freshDatabase()
    process.env.TEST_DATABASE_URL = previous
  }
  const target = parseDatabaseUrl(database.url, '')
  const db = await createKysely(target)
  await migrateToLatest(db)
  const now = new Date(localToInstant(dayjs(currentTerm(new Date()).start).add(120, 'day').format('YYYY-MM-DD'), '12:00'))
  const t0 = performance.now()
  if (!kept) {
    sink = target.engine === 'sqlite' ? await sqliteSink(target.location) : await postgresSink(target.location)
    await generate(now)
    await sink.close()
    // the schools' days and the other roll-ups of the summary tables: the same sums the server keeps
    await rebuildRollups(db)
  }
  const city = await cityOf(db)
  const genSeconds = Math.round((performance.now() - t0) / 100) / 10
  await sql`analyze`.execute(db)
  const ctx: AppContext = { db, engine, clock: { now: () => now }, config: { ...loadConfig({}), logLevel: 'silent' }, storage: new LocalFileStorage(database.dir) }
  const district = await time(() => areaCoverage(ctx, city.adminOf, 'term'))
  const wholeCity = await time(() => areaCoverage(ctx, city.cityAdmin, 'term'), 3)
  const station = await time(() => areaCoverage(ctx, city.policeOf, 'term'))
  const school = await time(() => schoolCoverage(ctx, city.principalOf, city.schoolIds[0], 'term'))
  const term = currentTerm(now)
  const cityBulletin = await time(() => bulletin(ctx, city.cityPerson, { from: term.start, to: term.end, level: 'city' }), 3)
  const districtBulletin = await time(() => bulletin(ctx, city.adminOf, { from: term.start, to: term.end, level: 'district', id: city.districtIds[0] }))
  const check = await areaCoverage(ctx, city.adminOf, 'term')
  // the city's figures from the schools' days equal the sums of the shift rows
  const cityFigures = await areaCoverage(ctx, city.cityAdmin, 'term')
  const raw = await db
    .selectFrom('shift_coverage')
    .select((eb) => [eb.fn.sum<number>('required').as('required'), eb.fn.sum<number>('attended').as('attended')])
    .where('date', '>=', cityFigures.from)
    .where('date', '<=', cityFigures.to)
    .executeTakeFirstOrThrow()
  if (cityFigures.totals.required !== Number(raw.required) || cityFigures.schools.reduce((t, s) => t + s.required, 0) !== Number(raw.required)) {
    throw new Error(`全市应到 ${cityFigures.totals.required} 与班次汇总 ${raw.required} 不一致`)
  }
  await db.destroy()
  if (KEEP || kept) console.log(`  数据库保留在 ${database.url}（学校 ${city.schoolIds[0]}，区县 ${city.districtIds[0]}）`)
  else await database.drop()
  if (kept) fs.rmSync(database.dir, { recursive: true, force: true })
  return { engine, genSeconds, district, wholeCity, station, school, cityBulletin, districtBulletin, schoolsInDistrict: check.schools.length, required: check.totals.required }
}

async function main() {
  console.log(`覆盖率压测：${SCHOOLS} 所学校 × 2 个岗点 × 每天 2 班 × ${DAYS} 个上学日，每班约 4 人`)
  const results = []
  const unknown = ENGINES.filter((e) => e !== 'sqlite' && e !== 'postgres')
  if (unknown.length) throw new Error(`BENCH_ENGINES 只能是 sqlite、postgres：${unknown.join(',')}`)
  for (const engine of ENGINES) {
    console.log(`\n${engine}: 生成数据 …`)
    results.push(await run(engine))
  }
  console.log('\n学期视图耗时（毫秒，中位数 / 最快）：')
  console.log(`| 数据库 | 生成数据 (s) | 一个区县（本区学校数） | 全市 ${SCHOOLS} 校 | 一个派出所 | 一所学校 | 全市简报（学期） | 区县简报（学期） |`)
  console.log('|---|---|---|---|---|---|---|---|')
  for (const r of results) {
    console.log(
      `| ${r.engine} | ${r.genSeconds} | ${r.district.median} / ${r.district.min}（${r.schoolsInDistrict} 校） | ${r.wholeCity.median} / ${r.wholeCity.min} | ${r.station.median} / ${r.station.min} | ${r.school.median} / ${r.school.min} | ${r.cityBulletin.median} / ${r.cityBulletin.min} | ${r.districtBulletin.median} / ${r.districtBulletin.min} |`,
    )
  }
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
