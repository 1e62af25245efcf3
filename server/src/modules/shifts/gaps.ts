// 补位: a school's unfilled places in the coming days, with the free members who did fewest shifts.
import type { Candidate, Gap } from '@/types/shifts'
import { can, rolesWith, STAFFED_THROUGH } from '@/domain/authorization'
import { overlaps, rankCandidates, LIVE_SIGNUP_STATUSES } from '@/domain/shifts'
import type { AppContext } from '../../context'
import type { Actor } from '../auth/actor'
import { requireSchool } from './access'
import { listTemplates, shiftQuery, withFill } from './repository'
import { toPerson } from './common'

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
