// Shifts: posts, templates, the term calendar, signups with the waitlist, release, swaps,
// assignments and gaps. Rules come from domain/shifts; every write that a tap may repeat is
// idempotent; signups on one shift are serialised so the last place goes to exactly one person.
import type { Transaction } from 'kysely'
import { hotQuery } from '../../db/hot-query'
import type { Person } from '@/types/org'
import { ROLE_LABELS } from '@/types/org'
import type {
  CalendarDay,
  Candidate,
  Gap,
  HomeSummary,
  PostInput,
  Shift,
  ShiftDetail,
  ShiftRole,
  ShiftSignup,
  ShiftTemplate,
  SignupSource,
  SignupStatus,
  Swap,
  TemplateInput,
} from '@/types/shifts'
import { SHIFT_ROLES } from '@/types/shifts'
import { can, rolesAt, rolesWith, STAFFED_THROUGH, type SchoolRef } from '@/domain/authorization'
import { visiblePhone } from '@/domain/phone'
import { settingsFrom, type SchoolSettings } from '@/domain/settings'
import {
  monthOf,
  overlaps,
  placeFor,
  promotions,
  rankCandidates,
  releaseBlockReason,
  signupBlockReason,
  templateProblem,
  countsTowardCap,
  LIVE_SIGNUP_STATUSES,
  swapBlockReason,
} from '@/domain/shifts'
import { dayjs } from '@/domain/time'
import type { AppContext } from '../../context'
import { isUniqueViolation, lockRow, sqliteForSync } from '../../db/dialect'
import type { Database } from '../../db/schema'
import { AppError, badRequest, conflict, forbidden, notFound } from '../../lib/errors'
import { newId } from '../../lib/ids'
import { grantsOfPerson, type Actor } from '../auth/actor'
import { enqueue, type OutgoingMessage } from '../outbox/outbox'
import { actorRolesAt, requireSchool } from './access'
import { regenerateSchool } from './generation'
import { refreshCoverage } from '../coverage/maintain'
import { getShift, getTemplate, listCalendar, listTemplates, parseHeadcount, schoolSettings, shiftQuery, withFill, withFillOne, withFillOneSync } from './repository'

type Trx = Transaction<Database>

const ROLE_TEXT = (role: ShiftRole) => ROLE_LABELS[role]
const MY_SHIFTS_PAGE = '/packages/duty/pages/my-shifts/index'

function describeShift(s: Pick<Shift, 'date' | 'startTime' | 'endTime' | 'postName' | 'schoolName'>): string {
  return `${s.schoolName} ${s.postName} ${s.date} ${s.startTime}–${s.endTime}`
}

// ---------------------------------------------------------------- posts


export async function createPost(ctx: AppContext, actor: Actor, schoolId: string, input: PostInput) {
  await requireSchool(ctx, actor, schoolId, 'shift.manage')
  const id = newId()
  await ctx.db
    .insertInto('posts')
    .values({ id, school_id: schoolId, name: input.name.trim(), lat: input.lat, lng: input.lng, radius_m: input.radiusM, active: 1, created_at: ctx.clock.now().toISOString() })
    .execute()
  return { id, schoolId, name: input.name.trim(), lat: input.lat, lng: input.lng, radiusM: input.radiusM }
}

export async function updatePost(ctx: AppContext, actor: Actor, postId: string, patch: Partial<PostInput>) {
  const post = await ctx.db.selectFrom('posts').selectAll().where('id', '=', postId).executeTakeFirst()
  if (!post) throw notFound('岗点不存在')
  await requireSchool(ctx, actor, post.school_id, 'shift.manage')
  const set = {
    ...(patch.name !== undefined ? { name: patch.name.trim() } : {}),
    ...(patch.lat !== undefined ? { lat: patch.lat } : {}),
    ...(patch.lng !== undefined ? { lng: patch.lng } : {}),
    ...(patch.radiusM !== undefined ? { radius_m: patch.radiusM } : {}),
  }
  if (Object.keys(set).length > 0) await ctx.db.updateTable('posts').set(set).where('id', '=', postId).execute()
  const row = await ctx.db.selectFrom('posts').selectAll().where('id', '=', postId).executeTakeFirstOrThrow()
  return { id: row.id, schoolId: row.school_id, name: row.name, lat: Number(row.lat), lng: Number(row.lng), radiusM: row.radius_m }
}

// ---------------------------------------------------------------- templates and calendar


async function checkTemplate(ctx: AppContext, schoolId: string, input: TemplateInput) {
  const problem = templateProblem(input)
  if (problem) throw badRequest(problem.message, problem.field)
  const post = await ctx.db.selectFrom('posts').select(['school_id']).where('id', '=', input.postId).executeTakeFirst()
  if (!post || post.school_id !== schoolId) throw badRequest('岗点不属于该校', 'postId')
}

function templateValues(input: TemplateInput) {
  return {
    post_id: input.postId,
    name: input.name.trim(),
    weekdays: [...new Set(input.weekdays)].sort().join(','),
    start_time: input.startTime,
    end_time: input.endTime,
    headcount: JSON.stringify(Object.fromEntries(SHIFT_ROLES.map((r) => [r, input.headcount[r] ?? 0]))),
    term_start: input.termStart,
    term_end: input.termEnd,
  }
}

export async function getTemplates(ctx: AppContext, actor: Actor, schoolId: string): Promise<ShiftTemplate[]> {
  await requireSchool(ctx, actor, schoolId, 'shift.manage')
  return listTemplates(ctx.db, schoolId)
}

export async function createTemplate(ctx: AppContext, actor: Actor, schoolId: string, input: TemplateInput): Promise<ShiftTemplate> {
  await requireSchool(ctx, actor, schoolId, 'shift.manage')
  await checkTemplate(ctx, schoolId, input)
  const id = newId()
  const now = ctx.clock.now().toISOString()
  await ctx.db
    .insertInto('shift_templates')
    .values({ id, school_id: schoolId, ...templateValues(input), active: 1, created_by: actor.personId, created_at: now, updated_at: now })
    .execute()
  await regenerateSchool(ctx, schoolId)
  return (await getTemplate(ctx.db, id))!
}

export async function updateTemplate(ctx: AppContext, actor: Actor, templateId: string, input: TemplateInput & { active: boolean }): Promise<ShiftTemplate> {
  const current = await getTemplate(ctx.db, templateId)
  if (!current) throw notFound('排班模板不存在')
  await requireSchool(ctx, actor, current.schoolId, 'shift.manage')
  await checkTemplate(ctx, current.schoolId, input)
  await ctx.db
    .updateTable('shift_templates')
    .set({ ...templateValues(input), active: input.active ? 1 : 0, updated_at: ctx.clock.now().toISOString() })
    .where('id', '=', templateId)
    .execute()
  await regenerateSchool(ctx, current.schoolId)
  return (await getTemplate(ctx.db, templateId))!
}

export async function getCalendar(ctx: AppContext, actor: Actor, schoolId: string): Promise<CalendarDay[]> {
  await requireSchool(ctx, actor, schoolId, 'school.view')
  return listCalendar(ctx.db, schoolId)
}

export async function setCalendarDay(ctx: AppContext, actor: Actor, schoolId: string, day: CalendarDay): Promise<CalendarDay[]> {
  await requireSchool(ctx, actor, schoolId, 'shift.manage')
  await ctx.db
    .insertInto('school_calendar')
    .values({ school_id: schoolId, date: day.date, kind: day.kind, note: day.note.trim(), as_weekday: day.kind === 'makeup' ? day.asWeekday : null })
    .onConflict((oc) => oc.columns(['school_id', 'date']).doUpdateSet({ kind: day.kind, note: day.note.trim(), as_weekday: day.kind === 'makeup' ? day.asWeekday : null }))
    .execute()
  await regenerateSchool(ctx, schoolId)
  return listCalendar(ctx.db, schoolId)
}

export async function deleteCalendarDay(ctx: AppContext, actor: Actor, schoolId: string, date: string): Promise<CalendarDay[]> {
  await requireSchool(ctx, actor, schoolId, 'shift.manage')
  await ctx.db.deleteFrom('school_calendar').where('school_id', '=', schoolId).where('date', '=', date).execute()
  await regenerateSchool(ctx, schoolId)
  return listCalendar(ctx.db, schoolId)
}

export async function getSettings(ctx: AppContext, actor: Actor, schoolId: string): Promise<SchoolSettings> {
  await requireSchool(ctx, actor, schoolId, 'school.view')
  return schoolSettings(ctx.db, schoolId)
}

export async function updateSettings(ctx: AppContext, actor: Actor, schoolId: string, patch: Partial<SchoolSettings>): Promise<SchoolSettings> {
  await requireSchool(ctx, actor, schoolId, 'shift.manage')
  const next = settingsFrom({ ...(await schoolSettings(ctx.db, schoolId)), ...patch })
  await ctx.db.updateTable('schools').set({ settings: JSON.stringify(next) }).where('id', '=', schoolId).execute()
  return next
}

// ---------------------------------------------------------------- reading shifts

const MAX_RANGE_DAYS = 31

export async function listShifts(ctx: AppContext, actor: Actor, schoolId: string, from: string, to: string): Promise<Shift[]> {
  await requireSchool(ctx, actor, schoolId, 'school.view')
  if (to < from) throw badRequest('结束日期应不早于开始日期', 'to')
  if (dayjs(to).diff(dayjs(from), 'day') > MAX_RANGE_DAYS) throw badRequest(`一次最多查询 ${MAX_RANGE_DAYS} 天`, 'to')
  const rows = await shiftQuery(ctx.db)
    .where('s.school_id', '=', schoolId)
    .where('s.date', '>=', from)
    .where('s.date', '<=', to)
    .orderBy('s.starts_at')
    .orderBy('p.name')
    .execute()
  return withFill(ctx.db, rows, actor.personId)
}

function toPerson(actor: Actor, id: string, name: string, phone: string | null): Person {
  return { id, name, phone: visiblePhone(phone, { isSelf: id === actor.personId, reviewsPendingRequest: false }) }
}

export async function shiftDetail(ctx: AppContext, actor: Actor, shiftId: string): Promise<ShiftDetail> {
  const shift = await getShift(ctx.db, shiftId, actor.personId)
  if (!shift) throw notFound('班次不存在')
  const school = await requireSchool(ctx, actor, shift.schoolId, 'school.view')
  const manager = can(actor.grants, 'shift.manage', school)
  const rows = await ctx.db
    .selectFrom('signups as g')
    .innerJoin('people as p', 'p.id', 'g.person_id')
    .select(['g.id', 'g.role', 'g.status', 'g.source', 'g.reason', 'g.created_at', 'p.id as person_id', 'p.name', 'p.phone'])
    .where('g.shift_id', '=', shiftId)
    .where((eb) => (manager ? eb('g.status', 'is not', null) : eb('g.status', 'in', LIVE_SIGNUP_STATUSES)))
    .orderBy('g.created_at')
    .execute()
  const signups: ShiftSignup[] = rows.map((r) => ({
    signupId: r.id,
    person: toPerson(actor, r.person_id, r.name, r.phone),
    role: r.role,
    status: r.status,
    source: r.source,
    reason: manager || r.person_id === actor.personId ? r.reason : null,
    createdAt: r.created_at,
  }))
  return { ...shift, signups }
}

export async function myShifts(ctx: AppContext, actor: Actor, when: 'upcoming' | 'past'): Promise<Shift[]> {
  const now = ctx.clock.now().toISOString()
  let q = shiftQuery(ctx.db).where((eb) =>
    eb.exists(eb.selectFrom('signups as g').select('g.id').whereRef('g.shift_id', '=', 's.id').where('g.person_id', '=', actor.personId)),
  )
  q = when === 'upcoming' ? q.where('s.ends_at', '>', now).orderBy('s.starts_at', 'asc') : q.where('s.ends_at', '<=', now).orderBy('s.starts_at', 'desc')
  return withFill(ctx.db, await q.limit(100).execute(), actor.personId)
}

// ---------------------------------------------------------------- signing up

interface SignupRow {
  id: string
  shift_id: string
  person_id: string
  role: ShiftRole
  status: SignupStatus
  created_at: string
}

async function loadShiftForWrite(trx: Trx, ctx: AppContext, shiftId: string) {
  await lockRow(trx, ctx.engine, 'shifts', shiftId)
  const shift = await shiftQuery(trx).where('s.id', '=', shiftId).executeTakeFirst()
  if (!shift) throw notFound('班次不存在')
  return shift
}

async function activeCount(trx: Trx, shiftId: string, role: ShiftRole): Promise<number> {
  const row = await trx
    .selectFrom('signups')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('shift_id', '=', shiftId)
    .where('role', '=', role)
    .where('status', '=', 'active')
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

/** The person's live signups in the shift's month (for the cap) and whether any overlaps it. */
async function personLoad(trx: Trx, personId: string, shift: { id: string; date: string; starts_at: string; ends_at: string }) {
  const month = monthOf(shift.date)
  const rows = await trx
    .selectFrom('signups as g')
    .innerJoin('shifts as s', 's.id', 'g.shift_id')
    .select(['g.shift_id', 'g.role', 's.date', 's.starts_at', 's.ends_at'])
    .where('g.person_id', '=', personId)
    .where('g.status', 'in', LIVE_SIGNUP_STATUSES)
    .where('s.date', '>=', `${month}-01`)
    .where('s.date', '<=', `${month}-31`)
    .execute()
  return {
    signupsThisMonth: rows.filter((r) => countsTowardCap(r.role)).length,
    alreadySigned: rows.some((r) => r.shift_id === shift.id),
    overlapping: rows.some((r) => r.shift_id !== shift.id && overlaps({ startsAt: r.starts_at, endsAt: r.ends_at }, { startsAt: shift.starts_at, endsAt: shift.ends_at })),
  }
}

async function rolesOfPersonAt(trx: Trx, personId: string, school: SchoolRef): Promise<string[]> {
  const rows = await trx
    .selectFrom('memberships')
    .select(['role', 'school_id', 'station_id', 'district_id'])
    .where('person_id', '=', personId)
    .where('status', '=', 'approved')
    .execute()
  return rolesAt(rows.map((r) => ({ role: r.role, schoolId: r.school_id, stationId: r.station_id, districtId: r.district_id })), school)
}


/**
 * Takes a place on a shift for a person: active when the role has room, on the waitlist when it
 * is full and the person asked for it. Returns the existing signup if they already hold one.
 */
async function placePerson(
  ctx: AppContext,
  trx: Trx,
  shiftId: string,
  personId: string,
  role: ShiftRole,
  opts: { wantWaitlist: boolean; source: SignupSource; changedBy: string },
): Promise<{ signupId: string; status: SignupStatus; created: boolean }> {
  const shift = await loadShiftForWrite(trx, ctx, shiftId)
  const existing = await trx
    .selectFrom('signups')
    .select(['id', 'status'])
    .where('shift_id', '=', shiftId)
    .where('person_id', '=', personId)
    .where('status', 'in', LIVE_SIGNUP_STATUSES)
    .executeTakeFirst()
  if (existing) return { signupId: existing.id, status: existing.status, created: false }

  const ref = await trx.selectFrom('schools').select(['station_id', 'district_id', 'settings']).where('id', '=', shift.school_id).executeTakeFirstOrThrow()
  const school: SchoolRef = { id: shift.school_id, stationId: ref.station_id, districtId: ref.district_id }
  const settings = settingsFrom(ref.settings ? JSON.parse(ref.settings) : null)
  const load = await personLoad(trx, personId, shift)
  const reason = signupBlockReason({
    now: ctx.clock.now(),
    settings,
    shift: { startsAt: shift.starts_at, endsAt: shift.ends_at, status: shift.status, date: shift.date },
    role,
    rolesAtSchool: await rolesOfPersonAt(trx, personId, school),
    ...load,
  })
  if (reason) throw conflict(reason)
  const required = parseHeadcount(shift.headcount)[role] ?? 0
  const place = placeFor(required, await activeCount(trx, shiftId, role), opts.wantWaitlist)
  if (place === 'full') throw new AppError(409, 'CONFLICT', `${ROLE_TEXT(role)}名额已满，可以加入候补`, 'role')
  const now = ctx.clock.now().toISOString()
  const signupId = newId()
  await trx
    .insertInto('signups')
    .values({ id: signupId, shift_id: shiftId, person_id: personId, role, status: place, source: opts.source, reason: null, changed_by: opts.changedBy, created_at: now, updated_at: now })
    .execute()
  return { signupId, status: place, created: true }
}

export async function signUp(ctx: AppContext, actor: Actor, shiftId: string, role: ShiftRole, wantWaitlist: boolean): Promise<Shift> {
  const shift = await getShift(ctx.db, shiftId, null)
  if (!shift) throw notFound('班次不存在')
  await requireSchool(ctx, actor, shift.schoolId, 'school.view')
  try {
    await ctx.db.transaction().execute((trx) => placePerson(ctx, trx, shiftId, actor.personId, role, { wantWaitlist, source: 'self', changedBy: actor.personId }))
  } catch (error) {
    // a concurrent identical tap already placed this person: answer with that place
    if (!isUniqueViolation(error)) throw error
  }
  await refreshCoverage(ctx.db, [shiftId])
  return (await getShift(ctx.db, shiftId, actor.personId))!
}

/** Free places of a role go to the waitlist, oldest first; those promoted are told. */
async function promoteWaitlist(ctx: AppContext, trx: Trx, shiftId: string, role: ShiftRole, messages: OutgoingMessage[]) {
  const shift = await shiftQuery(trx).where('s.id', '=', shiftId).executeTakeFirstOrThrow()
  const free = (parseHeadcount(shift.headcount)[role] ?? 0) - (await activeCount(trx, shiftId, role))
  if (free <= 0) return
  const waitlist = await trx
    .selectFrom('signups')
    .select(['id', 'person_id', 'created_at'])
    .where('shift_id', '=', shiftId)
    .where('role', '=', role)
    .where('status', '=', 'waitlisted')
    .execute()
  const chosen = promotions(
    waitlist.map((w) => ({ ...w, createdAt: w.created_at })),
    free,
  )
  if (chosen.length === 0) return
  const now = ctx.clock.now().toISOString()
  await trx
    .updateTable('signups')
    .set({ status: 'active', source: 'promoted', updated_at: now })
    .where('id', 'in', chosen.map((c) => c.id))
    .execute()
  for (const c of chosen) {
    messages.push({
      personId: c.person_id,
      schoolId: shift.school_id,
      kind: 'signup.promoted',
      title: '候补成功',
      body: `你已从候补转为正式报名：${describeShift({ date: shift.date, startTime: shift.start_time, endTime: shift.end_time, postName: shift.post_name, schoolName: shift.school_name })}`,
      payload: { page: MY_SHIFTS_PAGE, shiftId },
      dedupeKey: `signup.promoted:${c.id}`,
    })
  }
}

async function loadSignup(ctx: AppContext, signupId: string): Promise<SignupRow> {
  const row = await ctx.db.selectFrom('signups').select(['id', 'shift_id', 'person_id', 'role', 'status', 'created_at']).where('id', '=', signupId).executeTakeFirst()
  if (!row) throw notFound('报名记录不存在')
  return row
}

/** Leaves a shift (or its waitlist). Free before the cut-off; after it, only a swap. */
export async function release(ctx: AppContext, actor: Actor, signupId: string): Promise<Shift> {
  const signup = await loadSignup(ctx, signupId)
  if (signup.person_id !== actor.personId) throw forbidden('只能释放自己的报名')
  const messages: OutgoingMessage[] = []
  await ctx.db.transaction().execute(async (trx) => {
    const shift = await loadShiftForWrite(trx, ctx, signup.shift_id)
    const current = await trx.selectFrom('signups').select('status').where('id', '=', signupId).executeTakeFirstOrThrow()
    if (current.status === 'released') return
    if (current.status !== 'active' && current.status !== 'waitlisted') throw conflict('该报名已不在班次中')
    if (current.status === 'active') {
      const reason = releaseBlockReason(ctx.clock.now(), shift.starts_at, await schoolSettings(trx, shift.school_id))
      if (reason) throw conflict(reason)
    }
    await trx.updateTable('signups').set({ status: 'released', changed_by: actor.personId, updated_at: ctx.clock.now().toISOString() }).where('id', '=', signupId).execute()
    if (current.status === 'active') await promoteWaitlist(ctx, trx, signup.shift_id, signup.role, messages)
    await enqueue(trx, ctx.clock.now().toISOString(), messages)
  })
  await refreshCoverage(ctx.db, [signup.shift_id])
  return (await getShift(ctx.db, signup.shift_id, actor.personId))!
}

/**
 * A member removed from a school leaves its future shifts: their live signups there (in the
 * revoked role) are released, waitlists move up, and the school's reviewers are told which
 * places opened. Runs in the revocation's transaction; returns the shifts whose fill changed.
 */
export async function releaseOnRevocation(
  ctx: AppContext,
  trx: Trx,
  member: { membershipId: string; personId: string; personName: string; schoolId: string; schoolName: string; role: string },
  reviewerIds: readonly string[],
  actorId: string,
): Promise<string[]> {
  const now = ctx.clock.now().toISOString()
  const live = await trx
    .selectFrom('signups as g')
    .innerJoin('shifts as s', 's.id', 'g.shift_id')
    .select(['g.id', 'g.shift_id', 'g.role', 'g.status'])
    .where('g.person_id', '=', member.personId)
    .where('g.role', '=', member.role as ShiftRole) // a membership's role; only shift roles have signups
    .where('g.status', 'in', LIVE_SIGNUP_STATUSES)
    .where('s.school_id', '=', member.schoolId)
    .where('s.starts_at', '>', now)
    .orderBy('s.starts_at')
    .execute()
  if (live.length === 0) return []
  const messages: OutgoingMessage[] = []
  const released: string[] = []
  for (const signup of live) {
    const shift = await loadShiftForWrite(trx, ctx, signup.shift_id)
    const done = await trx
      .updateTable('signups')
      .set({ status: 'released', reason: '成员身份已被移出', changed_by: actorId, updated_at: now })
      .where('id', '=', signup.id)
      .where('status', '=', signup.status)
      .executeTakeFirst()
    if (Number(done.numUpdatedRows) !== 1) continue
    released.push(describeShift({ date: shift.date, startTime: shift.start_time, endTime: shift.end_time, postName: shift.post_name, schoolName: shift.school_name }))
    if (signup.status === 'active') await promoteWaitlist(ctx, trx, signup.shift_id, signup.role, messages)
  }
  if (released.length > 0) {
    const list = released.length > 3 ? `${released.slice(0, 3).join('；')} 等 ${released.length} 个班次` : released.join('；')
    for (const reviewerId of reviewerIds) {
      messages.push({
        personId: reviewerId,
        schoolId: member.schoolId,
        kind: 'signup.released_on_revocation',
        title: '护学岗空出名额',
        body: `${member.personName}已被移出${member.schoolName}，其报名已释放：${list}`,
        payload: { page: '/packages/schedule/pages/gaps/index', schoolId: member.schoolId },
        dedupeKey: `signup.released_on_revocation:${member.membershipId}:${now}:${reviewerId}`,
      })
    }
  }
  await enqueue(trx, now, messages)
  return [...new Set(live.map((l) => l.shift_id))]
}

// ---------------------------------------------------------------- police: assign, remove, gaps

/** Police places are the station's roster: a principal manages the shift but asks the police for an officer. */
const STAFF_REFUSED = '民警的护学岗由派出所安排：请在覆盖率或补位中请求民警指派'

export async function assign(ctx: AppContext, actor: Actor, shiftId: string, personId: string, role: ShiftRole): Promise<ShiftDetail> {
  const shift = await getShift(ctx.db, shiftId, null)
  if (!shift) throw notFound('班次不存在')
  const school = await requireSchool(ctx, actor, shift.schoolId, 'shift.manage')
  if (!can(actor.grants, STAFFED_THROUGH[role], school)) throw forbidden(STAFF_REFUSED)
  // the person named must hold this duty role at this very school (an officer: of its station)
  if (!rolesAt(await grantsOfPerson(ctx, personId), school).includes(role)) {
    throw new AppError(403, 'FORBIDDEN', `对方不是该校通过审核的${ROLE_TEXT(role)}，不能指派`, 'personId')
  }
  const messages: OutgoingMessage[] = []
  try {
    await ctx.db.transaction().execute(async (trx) => {
      const placed = await placePerson(ctx, trx, shiftId, personId, role, { wantWaitlist: false, source: 'assigned', changedBy: actor.personId })
      if (placed.created) {
        messages.push({
          personId,
          schoolId: shift.schoolId,
          kind: 'signup.assigned',
          title: '你被安排了护学岗',
          body: `${actor.name} 安排你担任${ROLE_TEXT(role)}：${describeShift(shift)}`,
          payload: { page: MY_SHIFTS_PAGE, shiftId },
          dedupeKey: `signup.assigned:${placed.signupId}`,
        })
        await enqueue(trx, ctx.clock.now().toISOString(), messages)
      }
    })
  } catch (error) {
    if (!isUniqueViolation(error)) throw error
  }
  await refreshCoverage(ctx.db, [shiftId])
  return shiftDetail(ctx, actor, shiftId)
}

export async function removeSignup(ctx: AppContext, actor: Actor, signupId: string, reason: string): Promise<ShiftDetail> {
  const signup = await loadSignup(ctx, signupId)
  const shift = (await getShift(ctx.db, signup.shift_id, null))!
  const school = await requireSchool(ctx, actor, shift.schoolId, 'shift.manage')
  if (!can(actor.grants, STAFFED_THROUGH[signup.role], school)) throw forbidden(STAFF_REFUSED)
  const messages: OutgoingMessage[] = []
  await ctx.db.transaction().execute(async (trx) => {
    await loadShiftForWrite(trx, ctx, signup.shift_id)
    const current = await trx.selectFrom('signups').select('status').where('id', '=', signupId).executeTakeFirstOrThrow()
    if (current.status === 'removed') return
    if (current.status !== 'active' && current.status !== 'waitlisted') throw conflict('该报名已不在班次中')
    const now = ctx.clock.now().toISOString()
    await trx.updateTable('signups').set({ status: 'removed', reason: reason.trim(), changed_by: actor.personId, updated_at: now }).where('id', '=', signupId).execute()
    messages.push({
      personId: signup.person_id,
      schoolId: shift.schoolId,
      kind: 'signup.removed',
      title: '你的护学岗班次有调整',
      body: `你已被移出 ${describeShift(shift)}：${reason.trim()}`,
      payload: { page: MY_SHIFTS_PAGE, shiftId: signup.shift_id },
      dedupeKey: `signup.removed:${signupId}`,
    })
    if (current.status === 'active') await promoteWaitlist(ctx, trx, signup.shift_id, signup.role, messages)
    await enqueue(trx, now, messages)
  })
  await refreshCoverage(ctx.db, [signup.shift_id])
  return shiftDetail(ctx, actor, signup.shift_id)
}

/** Unfilled places of a school in the coming days, with the free members who did fewest shifts. */
export async function gaps(ctx: AppContext, actor: Actor, schoolId: string, days: number): Promise<Gap[]> {
  const school = await requireSchool(ctx, actor, schoolId, 'shift.manage')
  const now = ctx.clock.now()
  const until = new Date(now.getTime() + days * 86_400_000).toISOString()
  const rows = await shiftQuery(ctx.db)
    .where('s.school_id', '=', schoolId)
    .where('s.status', '=', 'scheduled')
    .where('s.starts_at', '>', now.toISOString())
    .where('s.starts_at', '<=', until)
    .orderBy('s.starts_at')
    .execute()
  const shifts = (await withFill(ctx.db, rows, null)).filter((s) => s.roles.some((r) => r.filled < r.required))
  if (shifts.length === 0) return []

  const termStart = rows.reduce((min, r) => (r.date < min ? r.date : min), rows[0].date)
  const templates = await listTemplates(ctx.db, schoolId)
  const term = { start: templates.reduce((m, t) => (t.termStart < m ? t.termStart : m), termStart), end: until }
  const [members, counts, busy] = await Promise.all([
    ctx.db
      .selectFrom('memberships as m')
      .innerJoin('people as p', 'p.id', 'm.person_id')
      .select(['p.id', 'p.name', 'p.phone', 'm.role'])
      .where('m.status', '=', 'approved')
      // the school's people, and those of its station who take shifts (police)
      .where((eb) => eb.or([eb('m.school_id', '=', schoolId), eb.and([eb('m.role', 'in', rolesWith('signup.own')), eb('m.station_id', '=', school.stationId)])]))
      .execute(),
    ctx.db
      .selectFrom('signups as g')
      .innerJoin('shifts as s', 's.id', 'g.shift_id')
      .select(['g.person_id', (eb) => eb.fn.countAll<number>().as('n')])
      .where('s.school_id', '=', schoolId)
      .where('g.status', '=', 'active')
      .where('s.date', '>=', term.start)
      .groupBy('g.person_id')
      .execute(),
    ctx.db
      .selectFrom('signups as g')
      .innerJoin('shifts as s', 's.id', 'g.shift_id')
      .select(['g.person_id', 'g.shift_id', 's.starts_at', 's.ends_at'])
      .where('g.status', 'in', LIVE_SIGNUP_STATUSES)
      .where('s.starts_at', '<', until)
      .where('s.ends_at', '>', now.toISOString())
      .execute(),
  ])
  const countOf = new Map(counts.map((c) => [c.person_id, Number(c.n)]))
  const result: Gap[] = []
  for (const shift of shifts) {
    for (const r of shift.roles) {
      if (r.filled >= r.required) continue
      const ranked = rankCandidates(
        members
          .filter((m) => m.role === r.role)
          .map((m) => ({
            personId: m.id,
            name: m.name,
            phone: m.phone,
            shiftsThisTerm: countOf.get(m.id) ?? 0,
            busy: busy.some((b) => b.person_id === m.id && (b.shift_id === shift.id || overlaps({ startsAt: b.starts_at, endsAt: b.ends_at }, shift))),
          })),
      )
      // places the actor does not staff (a principal and police places) are listed without names: they ask instead
      const staffs = can(actor.grants, STAFFED_THROUGH[r.role], school)
      const candidates: Candidate[] = (staffs ? ranked : []).map((c) => ({ person: toPerson(actor, c.personId, c.name, c.phone), role: r.role, shiftsThisTerm: c.shiftsThisTerm }))
      result.push({ shift, role: r.role, missing: r.required - r.filled, candidates })
    }
  }
  return result
}

// ---------------------------------------------------------------- swaps

async function swapView(ctx: AppContext, ids: string[], viewerId: string): Promise<Swap[]> {
  if (ids.length === 0) return []
  const rows = await ctx.db
    .selectFrom('swaps as w')
    .innerJoin('people as f', 'f.id', 'w.from_person_id')
    .leftJoin('people as t', 't.id', 'w.to_person_id')
    .leftJoin('people as a', 'a.id', 'w.accepted_by')
    .select([
      'w.id',
      'w.shift_id',
      'w.role',
      'w.status',
      'w.created_at',
      'f.id as from_id',
      'f.name as from_name',
      't.id as to_id',
      't.name as to_name',
      'a.id as acc_id',
      'a.name as acc_name',
    ])
    .where('w.id', 'in', ids)
    .orderBy('w.created_at', 'desc')
    .execute()
  const shifts = await withFill(ctx.db, await shiftQuery(ctx.db).where('s.id', 'in', [...new Set(rows.map((r) => r.shift_id))]).execute(), viewerId)
  return rows.map((r) => ({
    id: r.id,
    shift: shifts.find((s) => s.id === r.shift_id)!,
    role: r.role,
    from: { id: r.from_id, name: r.from_name, phone: null },
    to: r.to_id ? { id: r.to_id, name: r.to_name ?? '', phone: null } : null,
    status: r.status,
    acceptedBy: r.acc_id ? { id: r.acc_id, name: r.acc_name ?? '', phone: null } : null,
    createdAt: r.created_at,
  }))
}

export async function offerSwap(ctx: AppContext, actor: Actor, signupId: string, toPersonId: string | null): Promise<Swap> {
  const signup = await loadSignup(ctx, signupId)
  if (signup.person_id !== actor.personId) throw forbidden('只能为自己的报名发起换班')
  if (signup.status !== 'active') throw conflict('只有已报名的班次可以换班')
  const shift = (await getShift(ctx.db, signup.shift_id, null))!
  const started = swapBlockReason(ctx.clock.now(), shift.startsAt)
  if (started) throw conflict(started)
  const school = await requireSchool(ctx, actor, shift.schoolId, 'school.view')
  if (toPersonId) {
    if (toPersonId === actor.personId) throw badRequest('不能换给自己', 'toPersonId')
    const roles = await ctx.db.transaction().execute((trx) => rolesOfPersonAt(trx, toPersonId, school))
    if (!roles.includes(signup.role)) throw badRequest(`对方不是该校的${ROLE_TEXT(signup.role)}`, 'toPersonId')
  }
  const existing = await ctx.db.selectFrom('swaps').select('id').where('signup_id', '=', signupId).where('status', '=', 'open').executeTakeFirst()
  if (existing) return (await swapView(ctx, [existing.id], actor.personId))[0]
  const id = newId()
  const now = ctx.clock.now().toISOString()
  try {
    await ctx.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('swaps')
        .values({ id, signup_id: signupId, shift_id: shift.id, school_id: shift.schoolId, role: signup.role, from_person_id: actor.personId, to_person_id: toPersonId, status: 'open', accepted_by: null, created_at: now, decided_at: null })
        .execute()
      if (toPersonId) {
        await enqueue(trx, now, [
          {
            personId: toPersonId,
            schoolId: shift.schoolId,
            kind: 'swap.offered',
            title: '有人请你代班',
            body: `${actor.name} 请你代班：${describeShift(shift)}（${ROLE_TEXT(signup.role)}）`,
            payload: { page: '/packages/duty/pages/swaps/index', swapId: id },
            dedupeKey: `swap.offered:${id}`,
          },
        ])
      }
    })
  } catch (error) {
    if (!isUniqueViolation(error)) throw error
    const open = await ctx.db.selectFrom('swaps').select('id').where('signup_id', '=', signupId).where('status', '=', 'open').executeTakeFirstOrThrow()
    return (await swapView(ctx, [open.id], actor.personId))[0]
  }
  return (await swapView(ctx, [id], actor.personId))[0]
}

/** Open swaps the actor could take, and for managers every swap of their schools. */
export async function listSwaps(ctx: AppContext, actor: Actor, schoolId: string): Promise<Swap[]> {
  const school = await requireSchool(ctx, actor, schoolId, 'school.view')
  const roles = actorRolesAt(actor, school)
  const manager = can(actor.grants, 'shift.manage', school)
  let q = ctx.db.selectFrom('swaps').select('id').where('school_id', '=', schoolId)
  if (!manager) {
    q = q.where((eb) =>
      eb.or([
        eb('from_person_id', '=', actor.personId),
        eb.and([
          eb('status', '=', 'open'),
          eb('role', 'in', (roles.length ? roles : ['-']) as ShiftRole[]), // the actor's roles there; '-' matches none
          eb.or([eb('to_person_id', 'is', null), eb('to_person_id', '=', actor.personId)]),
        ]),
      ]),
    )
  }
  const rows = await q.orderBy('created_at', 'desc').limit(100).execute()
  return swapView(ctx, rows.map((r) => r.id), actor.personId)
}

export async function acceptSwap(ctx: AppContext, actor: Actor, swapId: string): Promise<Swap> {
  const swap = await ctx.db.selectFrom('swaps').selectAll().where('id', '=', swapId).executeTakeFirst()
  if (!swap) throw notFound('换班请求不存在')
  await requireSchool(ctx, actor, swap.school_id, 'school.view')
  if (swap.accepted_by === actor.personId) return (await swapView(ctx, [swapId], actor.personId))[0]
  if (swap.from_person_id === actor.personId) throw badRequest('不能接自己的换班')
  if (swap.to_person_id && swap.to_person_id !== actor.personId) throw forbidden('这个换班是发给其他人的')
  const messages: OutgoingMessage[] = []
  await ctx.db.transaction().execute(async (trx) => {
    await lockRow(trx, ctx.engine, 'swaps', swapId)
    const current = await trx.selectFrom('swaps').select(['status', 'accepted_by']).where('id', '=', swapId).executeTakeFirstOrThrow()
    if (current.status !== 'open') throw conflict(current.status === 'accepted' ? '该换班已被他人接下' : '该换班已取消')
    const original = await trx.selectFrom('signups').select('status').where('id', '=', swap.signup_id).executeTakeFirstOrThrow()
    if (original.status !== 'active') throw conflict('原报名已不在班次中')
    const now = ctx.clock.now().toISOString()
    // The place moves: the old signup leaves first so that the new one fits the headcount.
    await trx.updateTable('signups').set({ status: 'swapped', changed_by: actor.personId, updated_at: now }).where('id', '=', swap.signup_id).execute()
    await placePerson(ctx, trx, swap.shift_id, actor.personId, swap.role, { wantWaitlist: false, source: 'swap', changedBy: actor.personId })
    await trx.updateTable('swaps').set({ status: 'accepted', accepted_by: actor.personId, decided_at: now }).where('id', '=', swapId).execute()
    const shift = (await withFill(trx, [await shiftQuery(trx).where('s.id', '=', swap.shift_id).executeTakeFirstOrThrow()], null))[0]
    messages.push({
      personId: swap.from_person_id,
      schoolId: shift.schoolId,
      kind: 'swap.accepted',
      title: '换班成功',
      body: `${actor.name} 接下了你的班次：${describeShift(shift)}`,
      payload: { page: MY_SHIFTS_PAGE, shiftId: swap.shift_id },
      dedupeKey: `swap.accepted:${swapId}`,
    })
    await enqueue(trx, now, messages)
  })
  await refreshCoverage(ctx.db, [swap.shift_id])
  return (await swapView(ctx, [swapId], actor.personId))[0]
}

export async function cancelSwap(ctx: AppContext, actor: Actor, swapId: string): Promise<Swap> {
  const swap = await ctx.db.selectFrom('swaps').selectAll().where('id', '=', swapId).executeTakeFirst()
  if (!swap) throw notFound('换班请求不存在')
  if (swap.from_person_id !== actor.personId) throw forbidden('只能取消自己发起的换班')
  if (swap.status === 'open') {
    await ctx.db.updateTable('swaps').set({ status: 'cancelled', decided_at: ctx.clock.now().toISOString() }).where('id', '=', swapId).where('status', '=', 'open').execute()
  } else if (swap.status !== 'cancelled') {
    throw conflict('该换班已被接下，不能取消')
  }
  return (await swapView(ctx, [swapId], actor.personId))[0]
}

// ---------------------------------------------------------------- home


/** 首页's two reads for everyone, compiled once (every person opens 首页 at the morning peak). */
const nextShiftQuery = hotQuery((db, p: { personId: string; now: string }) =>
  shiftQuery(db)
    .innerJoin('signups as g', 'g.shift_id', 's.id')
    .where('g.person_id', '=', p.personId)
    .where('g.status', '=', 'active')
    .where('s.ends_at', '>', p.now)
    .where('s.status', '=', 'scheduled')
    .orderBy('s.starts_at')
    .limit(1),
)
const openSwapsForQuery = hotQuery((db, p: { personId: string }) =>
  db
    .selectFrom('swaps')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('status', '=', 'open')
    .where('to_person_id', '=', p.personId),
)

export async function home(ctx: AppContext, actor: Actor, manageableSchoolIds: string[]): Promise<HomeSummary> {
  const now = ctx.clock.now()
  const nowIso = now.toISOString()
  const mine = { personId: actor.personId, now: nowIso }
  // everyone's part: on SQLite synchronously on prepared statements (no transaction open), else two
  // round trips (the next shift beside the swaps, then its fill beside my signup)
  const connection = sqliteForSync(ctx.db)
  const forEveryone = async (): Promise<Pick<HomeSummary, 'nextShift' | 'openSwapsForMe'>> => {
    if (connection) {
      // From the person's own signups (an index range of a few rows), not from every future shift of
      // the city checked one by one against them.
      const [next] = nextShiftQuery.sync(ctx.db, connection, mine)
      const [swaps] = openSwapsForQuery.sync(ctx.db, connection, { personId: actor.personId })
      return { nextShift: next ? withFillOneSync(ctx.db, connection, next, actor.personId) : null, openSwapsForMe: Number(swaps?.n ?? 0) }
    }
    const [next, swaps] = await Promise.all([nextShiftQuery(ctx.db, mine), openSwapsForQuery(ctx.db, { personId: actor.personId })])
    return { nextShift: next.rows[0] ? await withFillOne(ctx.db, next.rows[0], actor.personId) : null, openSwapsForMe: Number(swaps.rows[0]?.n ?? 0) }
  }
  const everyone = await forEveryone()
  let unfilled: HomeSummary['unfilled'] = []
  if (manageableSchoolIds.length > 0) {
    const rows = await shiftQuery(ctx.db)
      .where('s.school_id', 'in', manageableSchoolIds)
      .where('s.status', '=', 'scheduled')
      .where('s.starts_at', '>', nowIso)
      .where('s.starts_at', '<=', new Date(now.getTime() + 48 * 3_600_000).toISOString())
      .orderBy('s.starts_at')
      .limit(200)
      .execute()
    unfilled = (await withFill(ctx.db, rows, null)).flatMap((shift) =>
      shift.roles.filter((r) => r.filled < r.required).map((r) => ({ shift, role: r.role, missing: r.required - r.filled })),
    )
  }
  return { ...everyone, unfilled }
}

