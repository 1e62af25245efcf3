// Reading shifts, templates, the calendar and signups; mapping rows to the types in types/.
import type { Kysely } from 'kysely'
import type { CalendarDay, Headcount, MySignup, RoleFill, Shift, ShiftTemplate, Weekday } from '@/types/shifts'
import { SHIFT_ROLES } from '@/types/shifts'
import { settingsFrom, type SchoolSettings } from '@/domain/settings'
import { LIVE_SIGNUP_STATUSES, type TemplateRule } from '@/domain/shifts'
import type { Database, ShiftTable, ShiftTemplateTable } from '../../db/schema'
import { sqliteForSync, type SqliteConnection } from '../../db/dialect'
import { hotQuery } from '../../db/hot-query'

type Db = Kysely<Database>

export function parseHeadcount(json: string): Headcount {
  const raw = JSON.parse(json) as Partial<Headcount>
  return Object.fromEntries(SHIFT_ROLES.map((r) => [r, Number(raw[r] ?? 0)])) as Headcount
}

export function toTemplate(row: ShiftTemplateTable & { post_name: string }): ShiftTemplate {
  return {
    id: row.id,
    schoolId: row.school_id,
    postId: row.post_id,
    postName: row.post_name,
    name: row.name,
    weekdays: row.weekdays.split(',').filter(Boolean).map(Number) as Weekday[],
    startTime: row.start_time,
    endTime: row.end_time,
    headcount: parseHeadcount(row.headcount),
    termStart: row.term_start,
    termEnd: row.term_end,
    active: row.active === 1,
    updatedAt: row.updated_at,
  }
}

export function toTemplateRule(t: ShiftTemplate): TemplateRule {
  return {
    id: t.id,
    postId: t.postId,
    weekdays: t.weekdays,
    startTime: t.startTime,
    endTime: t.endTime,
    headcount: t.headcount,
    termStart: t.termStart,
    termEnd: t.termEnd,
    active: t.active,
  }
}

export async function listTemplates(db: Db, schoolId: string): Promise<ShiftTemplate[]> {
  const rows = await db
    .selectFrom('shift_templates as t')
    .innerJoin('posts as p', 'p.id', 't.post_id')
    .selectAll('t')
    .select('p.name as post_name')
    .where('t.school_id', '=', schoolId)
    .orderBy('t.active', 'desc')
    .orderBy('t.start_time')
    .execute()
  return rows.map(toTemplate)
}

export async function getTemplate(db: Db, id: string): Promise<ShiftTemplate | undefined> {
  const row = await db
    .selectFrom('shift_templates as t')
    .innerJoin('posts as p', 'p.id', 't.post_id')
    .selectAll('t')
    .select('p.name as post_name')
    .where('t.id', '=', id)
    .executeTakeFirst()
  return row && toTemplate(row)
}

export async function listCalendar(db: Db, schoolId: string): Promise<CalendarDay[]> {
  const rows = await db.selectFrom('school_calendar').selectAll().where('school_id', '=', schoolId).orderBy('date').execute()
  return rows.map((r) => ({ date: r.date, kind: r.kind, note: r.note, asWeekday: (r.as_weekday as Weekday | null) ?? null }))
}

export async function schoolSettings(db: Db, schoolId: string): Promise<SchoolSettings> {
  const row = await db.selectFrom('schools').select('settings').where('id', '=', schoolId).executeTakeFirst()
  return settingsFrom(row?.settings ? JSON.parse(row.settings) : null)
}

export type ShiftRow = ShiftTable & { school_name: string; post_name: string; template_name: string }

export function shiftQuery(db: Db) {
  return db
    .selectFrom('shifts as s')
    .innerJoin('schools as sc', 'sc.id', 's.school_id')
    .innerJoin('posts as p', 'p.id', 's.post_id')
    .innerJoin('shift_templates as t', 't.id', 's.template_id')
    .selectAll('s')
    .select(['sc.name as school_name', 'p.name as post_name', 't.name as template_name'])
}

/**
 * Shifts with their fill per role and the caller's own signup (with its exceptions once checked
 * in): two to four queries whatever the number of shifts.
 */
export async function withFill(db: Db, rows: ShiftRow[], personId: string | null): Promise<Shift[]> {
  if (rows.length === 0) return []
  const ids = rows.map((r) => r.id)
  const [counts, mine] = await Promise.all([
    db
      .selectFrom('signups')
      .select(['shift_id', 'role', 'status', (eb) => eb.fn.countAll<number>().as('n')])
      .where('shift_id', 'in', ids)
      .where('status', 'in', LIVE_SIGNUP_STATUSES)
      .groupBy(['shift_id', 'role', 'status'])
      .execute(),
    personId
      ? db
          .selectFrom('signups as g')
          .leftJoin('attendance as a', 'a.signup_id', 'g.id')
          .select([
            'g.id',
            'g.shift_id',
            'g.role',
            'g.status',
            'g.reason',
            'g.outcome',
            'g.created_at',
            'g.updated_at',
            'a.check_in_at',
            'a.check_out_at',
            'a.late',
            'a.early_leave',
          ])
          .where('g.shift_id', 'in', ids)
          .where('g.person_id', '=', personId)
          .orderBy('g.updated_at', 'desc')
          .execute()
      : Promise.resolve([]),
  ])
  const myWaiting = mine.filter((m) => m.status === 'waitlisted')
  // exceptions only arise from a check-in: none asked for when I checked in nowhere here
  const checkedIn = mine.filter((m) => m.check_in_at).map((m) => m.id)
  const [exceptions, queue] = await Promise.all([
    checkedIn.length
      ? db.selectFrom('duty_exceptions').select(['id', 'signup_id', 'kind', 'status', 'review_note']).where('signup_id', 'in', checkedIn).orderBy('created_at').execute()
      : [],
    myWaiting.length > 0
      ? db
          .selectFrom('signups')
          .select(['id', 'shift_id', 'role', 'created_at'])
          .where(
            'shift_id',
            'in',
            myWaiting.map((m) => m.shift_id),
          )
          .where('status', '=', 'waitlisted')
          .orderBy('created_at')
          .execute()
      : [],
  ])
  return fillOf(rows, { counts, mine, exceptions, queue })
}

interface FillRows {
  counts: { shift_id: string; role: string; status: string; n: number | string | bigint }[]
  /** the caller's signups on these shifts, the latest changed first */
  mine: {
    id: string
    shift_id: string
    role: MySignup['role']
    status: MySignup['status']
    reason: string | null
    outcome: MySignup['outcome']
    check_in_at: string | null
    check_out_at: string | null
    late: number | null
    early_leave: number | null
  }[]
  exceptions: { id: string; signup_id: string; kind: MySignup['exceptions'][number]['kind']; status: MySignup['exceptions'][number]['status']; review_note: string | null }[]
  /** the waiting lists of the shifts where the caller waits, in order */
  queue: { id: string; shift_id: string; role: string }[]
}

/** Shifts with their fill and the caller's signup, from the rows withFill (or withFillSync) read. */
function fillOf(rows: ShiftRow[], { counts, mine, exceptions, queue }: FillRows): Shift[] {
  const waitlistAhead = new Map<string, number>()
  for (const m of mine.filter((x) => x.status === 'waitlisted')) {
    const line = queue.filter((q) => q.shift_id === m.shift_id && q.role === m.role)
    waitlistAhead.set(m.id, line.findIndex((q) => q.id === m.id) + 1)
  }
  return rows.map((r) => {
    const headcount = parseHeadcount(r.headcount)
    const roles: RoleFill[] = SHIFT_ROLES.filter((role) => headcount[role] > 0 || counts.some((c) => c.shift_id === r.id && c.role === role)).map((role) => {
      const n = (status: string) => Number(counts.find((c) => c.shift_id === r.id && c.role === role && c.status === status)?.n ?? 0)
      return { role, required: headcount[role], filled: n('active'), waitlisted: n('waitlisted') }
    })
    const own = mine.find((m) => m.shift_id === r.id)
    const mySignup: MySignup | null = own
      ? {
          signupId: own.id,
          role: own.role,
          status: own.status,
          waitlistPosition: own.status === 'waitlisted' ? (waitlistAhead.get(own.id) ?? null) : null,
          reason: own.reason,
          outcome: own.outcome ?? null,
          checkInAt: own.check_in_at ?? null,
          checkOutAt: own.check_out_at ?? null,
          late: own.late === 1,
          earlyLeave: own.early_leave === 1,
          exceptions: exceptions.filter((e) => e.signup_id === own.id).map((e) => ({ id: e.id, kind: e.kind, status: e.status, reviewNote: e.review_note })),
        }
      : null
    return {
      id: r.id,
      schoolId: r.school_id,
      schoolName: r.school_name,
      postId: r.post_id,
      postName: r.post_name,
      templateName: r.template_name,
      date: r.date,
      startTime: r.start_time,
      endTime: r.end_time,
      startsAt: r.starts_at,
      endsAt: r.ends_at,
      status: r.status,
      roles,
      mine: mySignup,
    }
  })
}

/** One shift's fill, and the caller's signup on it: the reads of withFill for a single shift, compiled once (首页's next shift). */
const oneShiftCounts = hotQuery((db, p: { shiftId: string }) =>
  db
    .selectFrom('signups')
    .select(['shift_id', 'role', 'status', (eb) => eb.fn.countAll<number>().as('n')])
    .where('shift_id', '=', p.shiftId)
    .where('status', 'in', LIVE_SIGNUP_STATUSES)
    .groupBy(['shift_id', 'role', 'status']),
)
const oneShiftMine = hotQuery((db, p: { shiftId: string; personId: string }) =>
  db
    .selectFrom('signups as g')
    .leftJoin('attendance as a', 'a.signup_id', 'g.id')
    .select(['g.id', 'g.shift_id', 'g.role', 'g.status', 'g.reason', 'g.outcome', 'a.check_in_at', 'a.check_out_at', 'a.late', 'a.early_leave'])
    .where('g.shift_id', '=', p.shiftId)
    .where('g.person_id', '=', p.personId)
    .orderBy('g.updated_at', 'desc'),
)
const signupExceptions = hotQuery((db, p: { signupId: string }) =>
  db.selectFrom('duty_exceptions').select(['id', 'signup_id', 'kind', 'status', 'review_note']).where('signup_id', '=', p.signupId).orderBy('created_at'),
)
const shiftQueue = hotQuery((db, p: { shiftId: string }) =>
  db.selectFrom('signups').select(['id', 'shift_id', 'role']).where('shift_id', '=', p.shiftId).where('status', '=', 'waitlisted').orderBy('created_at'),
)

/**
 * withFill for one shift, the same answer: on SQLite synchronously on prepared statements when
 * no transaction is open on the connection (a consistent read, nothing runs in between), else
 * through Kysely with the statements compiled once.
 */
export async function withFillOne(db: Db, row: ShiftRow, personId: string): Promise<Shift> {
  const connection = sqliteForSync(db)
  if (connection) return withFillOneSync(db, connection, row, personId)
  const shiftId = row.id
  const [counts, mine] = await Promise.all([oneShiftCounts(db, { shiftId }), oneShiftMine(db, { shiftId, personId })])
  const own = mine.rows[0]
  const [exceptions, queue] = await Promise.all([
    own?.check_in_at ? signupExceptions(db, { signupId: own.id }).then((r) => r.rows) : [],
    own?.status === 'waitlisted' ? shiftQueue(db, { shiftId }).then((r) => r.rows) : [],
  ])
  return fillOf([row], { counts: counts.rows, mine: mine.rows, exceptions, queue })[0]
}

export function withFillOneSync(db: Db, connection: SqliteConnection, row: ShiftRow, personId: string): Shift {
  const shiftId = row.id
  const mine = oneShiftMine.sync(db, connection, { shiftId, personId })
  const own = mine[0]
  return fillOf([row], {
    counts: oneShiftCounts.sync(db, connection, { shiftId }),
    mine,
    exceptions: own?.check_in_at ? signupExceptions.sync(db, connection, { signupId: own.id }) : [],
    queue: own?.status === 'waitlisted' ? shiftQueue.sync(db, connection, { shiftId }) : [],
  })[0]
}

export async function getShift(db: Db, id: string, personId: string | null): Promise<Shift | undefined> {
  const row = await shiftQuery(db).where('s.id', '=', id).executeTakeFirst()
  if (!row) return undefined
  return (await withFill(db, [row], personId))[0]
}
