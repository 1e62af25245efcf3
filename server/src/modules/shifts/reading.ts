// Reading shifts: a school's range, one shift with its people, a person's own shifts and 首页.
import { hotQuery } from '../../db/hot-query'
import type { HomeSummary, Shift, ShiftDetail, ShiftSignup } from '@/types/shifts'
import { can } from '@/domain/authorization'
import { LIVE_SIGNUP_STATUSES } from '@/domain/shifts'
import { dayjs } from '@/domain/time'
import type { AppContext } from '../../context'
import { badRequest, notFound } from '../../lib/errors'
import type { Actor } from '../auth/actor'
import { requireSchool } from './access'
import { getShift, shiftQuery, withFill, withFillOne, withFillOneSync } from './repository'
import { sqliteForSync } from '../../db/dialect'
import { toPerson } from './common'
import { schoolIdsWhere } from '../org/repository'

const MAX_RANGE_DAYS = 31

export async function listShifts(ctx: AppContext, actor: Actor, schoolId: string, from: string, to: string): Promise<Shift[]> {
  await requireSchool(ctx, actor, schoolId, 'school.view')
  if (to < from) throw badRequest('结束日期应不早于开始日期', 'to')
  if (dayjs(to).diff(dayjs(from), 'day') > MAX_RANGE_DAYS) throw badRequest(`一次最多查询 ${MAX_RANGE_DAYS} 天`, 'to')
  const rows = await shiftQuery(ctx.db).where('s.school_id', '=', schoolId).where('s.date', '>=', from).where('s.date', '<=', to).orderBy('s.starts_at').orderBy('p.name').execute()
  return withFill(ctx.db, rows, actor.personId)
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
  let q = shiftQuery(ctx.db).where((eb) => eb.exists(eb.selectFrom('signups as g').select('g.id').whereRef('g.shift_id', '=', 's.id').where('g.person_id', '=', actor.personId)))
  q = when === 'upcoming' ? q.where('s.ends_at', '>', now).orderBy('s.starts_at', 'asc') : q.where('s.ends_at', '<=', now).orderBy('s.starts_at', 'desc')
  return withFill(ctx.db, await q.limit(100).execute(), actor.personId)
}

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

/** 首页 for the actor: the unfilled places are those of the schools they staff. */
export async function homeSummary(ctx: AppContext, actor: Actor): Promise<HomeSummary> {
  return home(ctx, actor, await schoolIdsWhere(ctx.db, actor.grants, 'shift.staff'))
}

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
