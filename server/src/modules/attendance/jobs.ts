// Scheduled attendance work: close ended shifts (no-show, missing checkout), detect off-post
// people (positions outside the fence, never silence) and tell the school's police, and delete location trails after 30 days (PIPL art. 28).
import { rolesWith } from '@/domain/authorization'
import { closingOf, offPostState } from '@/domain/attendance'
import { formatLocal } from '@/domain/time'
import type { AppContext } from '../../context'
import { isUniqueViolation } from '../../db/dialect'
import { newId } from '../../lib/ids'
import { enqueue, type OutgoingMessage } from '../outbox/outbox'
import { schoolSettings } from '../shifts/repository'
import { refreshCoverage } from '../coverage/maintain'
import { PAGES } from '@/types/pages'

const MIN = 60_000
export const TRAIL_RETENTION_DAYS = 30

/** Signups of shifts that ended (up to two days back) and have no outcome yet. */
export async function closeShifts(ctx: AppContext): Promise<{ noShow: number; missingCheckout: number }> {
  const now = ctx.clock.now()
  const rows = await ctx.db
    .selectFrom('signups as g')
    .innerJoin('shifts as s', 's.id', 'g.shift_id')
    .leftJoin('attendance as a', 'a.signup_id', 'g.id')
    .select(['g.id', 'g.person_id', 'g.shift_id', 's.school_id', 's.starts_at', 's.ends_at', 'a.check_in_at', 'a.check_out_at'])
    .where('g.status', '=', 'active')
    .where('g.outcome', 'is', null)
    .where('s.status', '=', 'scheduled')
    .where('s.ends_at', '<=', now.toISOString())
    .where('s.ends_at', '>', new Date(now.getTime() - 48 * 60 * MIN).toISOString())
    .execute()
  const result = { noShow: 0, missingCheckout: 0 }
  const settingsBySchool = new Map<string, Awaited<ReturnType<typeof schoolSettings>>>()
  for (const r of rows) {
    if (!settingsBySchool.has(r.school_id)) settingsBySchool.set(r.school_id, await schoolSettings(ctx.db, r.school_id))
    const closing = closingOf(
      now,
      { startsAt: r.starts_at, endsAt: r.ends_at },
      { checkedInAt: r.check_in_at ?? null, checkedOutAt: r.check_out_at ?? null },
      settingsBySchool.get(r.school_id)!,
    )
    if (!closing) continue
    await ctx.db.transaction().execute(async (trx) => {
      const updated = await trx
        .updateTable('signups')
        .set({ outcome: closing, updated_at: now.toISOString() })
        .where('id', '=', r.id)
        .where('outcome', 'is', null)
        .executeTakeFirst()
      if (Number(updated.numUpdatedRows) !== 1 || closing !== 'missing_checkout') return
      await trx
        .insertInto('duty_exceptions')
        .values({
          id: newId(),
          signup_id: r.id,
          shift_id: r.shift_id,
          school_id: r.school_id,
          person_id: r.person_id,
          kind: 'missing_checkout',
          reason: null,
          detail: JSON.stringify({}),
          status: 'pending',
          review_note: null,
          reviewed_by: null,
          reviewed_at: null,
          created_at: now.toISOString(),
        })
        .onConflict((oc) => oc.columns(['signup_id', 'kind']).doNothing())
        .execute()
    })
    result[closing === 'no_show' ? 'noShow' : 'missingCheckout']++
  }
  await refreshCoverage(
    ctx.db,
    rows.map((r) => r.shift_id),
  )
  return result
}

/**
 * People on duty now whose positions show them outside the fence for 5 minutes: an event, and the
 * police told once. Silence raises nothing here: the duty board shows it as 信号中断.
 */
export async function detectOffPost(ctx: AppContext): Promise<number> {
  const now = ctx.clock.now()
  const onDuty = await ctx.db
    .selectFrom('attendance as a')
    .innerJoin('shifts as s', 's.id', 'a.shift_id')
    .innerJoin('people as p', 'p.id', 'a.person_id')
    .innerJoin('schools as sc', 'sc.id', 's.school_id')
    .innerJoin('posts as po', 'po.id', 's.post_id')
    .select(['a.signup_id', 'a.shift_id', 'a.school_id', 'a.person_id', 'p.name', 'sc.name as school_name', 'sc.station_id', 'po.name as post_name'])
    .where('a.check_out_at', 'is', null)
    .where('s.starts_at', '<=', now.toISOString())
    .where('s.ends_at', '>', now.toISOString())
    .execute()
  if (onDuty.length === 0) return 0
  const pings = await ctx.db
    .selectFrom('location_pings')
    .select(['signup_id', 'at', 'inside'])
    .where(
      'signup_id',
      'in',
      onDuty.map((d) => d.signup_id),
    )
    .where('at', '>=', new Date(now.getTime() - 60 * MIN).toISOString())
    .orderBy('at')
    .execute()
  const open = await ctx.db
    .selectFrom('off_post_events')
    .select('signup_id')
    .where(
      'signup_id',
      'in',
      onDuty.map((d) => d.signup_id),
    )
    .where('resolved_at', 'is', null)
    .execute()
  let raised = 0
  for (const d of onDuty) {
    if (open.some((o) => o.signup_id === d.signup_id)) continue
    const settings = await schoolSettings(ctx.db, d.school_id)
    const state = offPostState(
      pings.filter((p) => p.signup_id === d.signup_id).map((p) => ({ at: p.at, inside: p.inside === 1 })),
      settings,
    )
    if (!state) continue
    const eventId = newId()
    const police = await ctx.db
      .selectFrom('memberships')
      .select('person_id')
      .where('role', 'in', rolesWith('shift.manage')) // station-level: the police of the school's station
      .where('status', '=', 'approved')
      .where('station_id', '=', d.station_id)
      .execute()
    const messages: OutgoingMessage[] = police.map((p) => ({
      personId: p.person_id,
      schoolId: d.school_id,
      kind: 'duty.off_post',
      title: '离岗预警',
      body: `${d.name} 在${d.school_name}${d.post_name}离开签到范围，自 ${formatLocal(state.since, 'HH:mm')} 起`,
      payload: { page: PAGES.board, schoolId: d.school_id },
      dedupeKey: `duty.off_post:${eventId}:${p.person_id}`,
    }))
    try {
      await ctx.db.transaction().execute(async (trx) => {
        await trx
          .insertInto('off_post_events')
          .values({
            id: eventId,
            signup_id: d.signup_id,
            shift_id: d.shift_id,
            school_id: d.school_id,
            person_id: d.person_id,
            kind: 'outside',
            since: state.since,
            detected_at: now.toISOString(),
            resolved_at: null,
          })
          .execute()
        await enqueue(trx, now.toISOString(), messages)
      })
      raised++
    } catch (error) {
      // another instance raised it first (one open event per signup)
      if (!isUniqueViolation(error)) throw error
    }
  }
  return raised
}

export async function purgeTrails(ctx: AppContext): Promise<number> {
  const cutoff = new Date(ctx.clock.now().getTime() - TRAIL_RETENTION_DAYS * 24 * 60 * MIN).toISOString()
  const res = await ctx.db.deleteFrom('location_pings').where('at', '<', cutoff).executeTakeFirst()
  return Number(res.numDeletedRows)
}
