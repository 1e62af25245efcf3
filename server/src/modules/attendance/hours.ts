// Volunteer hours per term and the certificate of service (志愿服务证明).
import type { Certificate, HoursEntry, HoursSummary } from '@/types/attendance'
import { isValidDuty } from '@/domain/attendance'
import { currentTerm } from '@/domain/term'
import type { AppContext } from '../../context'
import { notFound } from '../../lib/errors'
import type { Actor } from '../auth/actor'
import { shiftQuery, withFill } from '../shifts/repository'

export async function myHours(ctx: AppContext, actor: Actor, schoolId?: string): Promise<HoursSummary> {
  const term = currentTerm(ctx.clock.now())
  let q = ctx.db
    .selectFrom('attendance as a')
    .innerJoin('shifts as s', 's.id', 'a.shift_id')
    .select(['a.signup_id', 'a.shift_id', 'a.check_in_at', 'a.check_out_at', 'a.hours', 's.starts_at', 's.ends_at'])
    .where('a.person_id', '=', actor.personId)
    .where('s.date', '>=', term.start)
    .where('s.date', '<=', term.end)
  if (schoolId) q = q.where('a.school_id', '=', schoolId)
  const rows = await q.orderBy('a.check_in_at', 'desc').execute()
  const [shifts, exceptions] = rows.length
    ? await Promise.all([
        withFill(
          ctx.db,
          await shiftQuery(ctx.db)
            .where(
              's.id',
              'in',
              rows.map((r) => r.shift_id),
            )
            .execute(),
          actor.personId,
        ),
        ctx.db
          .selectFrom('duty_exceptions')
          .select(['signup_id', 'status'])
          .where(
            'signup_id',
            'in',
            rows.map((r) => r.signup_id),
          )
          .execute(),
      ])
    : [[], []]
  const entries: HoursEntry[] = rows.map((r) => {
    const mine = exceptions.filter((e) => e.signup_id === r.signup_id)
    // A duty with no time inside the shift (checked in and out before it began) is not a duty.
    const outside = r.check_out_at !== null && !isValidDuty(r.check_in_at, r.check_out_at, { startsAt: r.starts_at, endsAt: r.ends_at })
    const status: HoursEntry['status'] =
      r.hours === null || outside || mine.some((e) => e.status === 'rejected') ? 'not_counted' : mine.some((e) => e.status === 'pending') ? 'pending' : 'counted'
    return { shift: shifts.find((s) => s.id === r.shift_id)!, checkInAt: r.check_in_at, checkOutAt: r.check_out_at, hours: Number(r.hours ?? 0), status }
  })
  const sum = (status: HoursEntry['status']) => entries.filter((e) => e.status === status).reduce((t, e) => t + e.hours, 0)
  return {
    term: { start: term.start, end: term.end },
    totalHours: sum('counted'),
    pendingHours: sum('pending'),
    shiftsAttended: entries.filter((e) => e.status === 'counted').length,
    entries,
  }
}

/** The data of a certificate for one school and the current term; the app draws and saves it. */
export async function certificate(ctx: AppContext, actor: Actor, schoolId: string): Promise<Certificate> {
  const school = await ctx.db
    .selectFrom('schools as sc')
    .innerJoin('stations as st', 'st.id', 'sc.station_id')
    .innerJoin('districts as d', 'd.id', 'sc.district_id')
    .select(['sc.id', 'sc.name', 'st.name as station_name', 'd.name as district_name'])
    .where('sc.id', '=', schoolId)
    .executeTakeFirst()
  if (!school) throw notFound('学校不存在')
  const hours = await myHours(ctx, actor, schoolId)
  if (hours.entries.length === 0) throw notFound('本学期在该校还没有值守记录')
  const term = currentTerm(ctx.clock.now())
  const now = ctx.clock.now()
  return {
    serial: `HXG-${term.start.slice(0, 4)}-${actor.personId.slice(0, 8).toUpperCase()}-${school.id.slice(0, 4).toUpperCase()}`,
    personName: actor.name,
    schoolName: school.name,
    stationName: school.station_name,
    districtName: school.district_name,
    termName: term.name,
    termStart: term.start,
    termEnd: term.end,
    shifts: hours.shiftsAttended,
    hours: hours.totalHours,
    issuedAt: now.toISOString(),
  }
}
