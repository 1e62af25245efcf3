// Scheduled shift work: keep the rolling window generated, remind people before their shifts,
// and push the school's unfilled places of the next hours (the school's fillPushHours) to its volunteers (补位).
// Every message carries a dedupe key, so a job that runs twice sends nothing twice.
import { MAX_FILL_PUSH_HOURS, settingsFrom } from '@/domain/settings'
import { local } from '@/domain/time'
import type { AppContext } from '../../context'
import { enqueue, type OutgoingMessage } from '../outbox/outbox'
import { parseHeadcount } from './repository'
import { PAGES } from '@/types/pages'

const HOUR = 3_600_000

export async function sendReminders(ctx: AppContext): Promise<number> {
  const now = ctx.clock.now()
  const rows = await ctx.db
    .selectFrom('signups as g')
    .innerJoin('shifts as s', 's.id', 'g.shift_id')
    .innerJoin('schools as sc', 'sc.id', 's.school_id')
    .innerJoin('posts as p', 'p.id', 's.post_id')
    .select([
      'g.id',
      'g.person_id',
      'g.created_at',
      's.id as shift_id',
      's.school_id',
      's.date',
      's.start_time',
      's.end_time',
      's.starts_at',
      'sc.name as school_name',
      'p.name as post_name',
    ])
    .where('g.status', '=', 'active')
    .where('s.status', '=', 'scheduled')
    .where('s.starts_at', '>', now.toISOString())
    .where('s.starts_at', '<=', new Date(now.getTime() + 24 * HOUR).toISOString())
    .execute()
  const messages: OutgoingMessage[] = []
  for (const r of rows) {
    const lead = new Date(r.starts_at).getTime() - now.getTime()
    const where = `${r.school_name} ${r.post_name}`
    if (lead <= 30 * 60_000) {
      messages.push({
        personId: r.person_id,
        schoolId: r.school_id,
        kind: 'shift.reminder.soon',
        title: '护学岗 30 分钟后开始',
        body: `${r.start_time}–${r.end_time} ${where}，到岗后记得签到`,
        payload: { page: PAGES.duty, shiftId: r.shift_id },
        dedupeKey: `shift.reminder.soon:${r.id}`,
      })
    } else if (new Date(r.starts_at).getTime() - new Date(r.created_at).getTime() > 6 * HOUR) {
      // Someone who signed up a few hours before needs no "tomorrow" reminder.
      messages.push({
        personId: r.person_id,
        schoolId: r.school_id,
        kind: 'shift.reminder.day',
        title: '明天有护学岗',
        body: `${local(r.starts_at).format('M月D日')} ${r.start_time}–${r.end_time} ${where}`,
        payload: { page: PAGES.duty, shiftId: r.shift_id },
        dedupeKey: `shift.reminder.day:${r.id}`,
      })
    }
  }
  await enqueue(ctx.db, now.toISOString(), messages)
  return messages.length
}

/** One message per volunteer, school and day listing how many places are still open. */
export async function pushUnfilled(ctx: AppContext): Promise<number> {
  const now = ctx.clock.now()
  const shifts = await ctx.db
    .selectFrom('shifts as s')
    .innerJoin('schools as sc', 'sc.id', 's.school_id')
    .select(['s.id', 's.school_id', 's.headcount', 's.starts_at', 'sc.name as school_name', 'sc.settings'])
    .where('s.status', '=', 'scheduled')
    .where('s.starts_at', '>', now.toISOString())
    // as far ahead as any school may ask; each school's own horizon is applied below
    .where('s.starts_at', '<=', new Date(now.getTime() + MAX_FILL_PUSH_HOURS * HOUR).toISOString())
    .execute()
  if (shifts.length === 0) return 0
  const filled = await ctx.db
    .selectFrom('signups')
    .select(['shift_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where(
      'shift_id',
      'in',
      shifts.map((s) => s.id),
    )
    .where('status', '=', 'active')
    .where('role', '=', 'volunteer')
    .groupBy('shift_id')
    .execute()
  const open = new Map<string, { name: string; places: number; hours: number }>()
  for (const s of shifts) {
    const { fillPushHours } = settingsFrom(s.settings ? JSON.parse(s.settings) : null)
    if (new Date(s.starts_at).getTime() - now.getTime() > fillPushHours * HOUR) continue
    const missing = parseHeadcount(s.headcount).volunteer - Number(filled.find((f) => f.shift_id === s.id)?.n ?? 0)
    if (missing <= 0) continue
    const entry = open.get(s.school_id) ?? { name: s.school_name, places: 0, hours: fillPushHours }
    entry.places += missing
    open.set(s.school_id, entry)
  }
  if (open.size === 0) return 0
  const volunteers = await ctx.db
    .selectFrom('memberships')
    .select(['person_id', 'school_id'])
    .where('role', '=', 'volunteer')
    .where('status', '=', 'approved')
    .where('school_id', 'in', [...open.keys()])
    .execute()
  const day = local(now).format('YYYY-MM-DD')
  const messages: OutgoingMessage[] = volunteers.map((v) => {
    const school = open.get(v.school_id as string)!
    return {
      personId: v.person_id,
      schoolId: v.school_id as string,
      kind: 'shift.fill',
      title: '护学岗补位',
      body: `${school.name}未来 ${school.hours} 小时还有 ${school.places} 个家长志愿者岗位空缺，有空的话请报名`,
      payload: { page: PAGES.duty, schoolId: v.school_id },
      dedupeKey: `shift.fill:${v.school_id}:${v.person_id}:${day}`,
    }
  })
  await enqueue(ctx.db, now.toISOString(), messages)
  return messages.length
}
