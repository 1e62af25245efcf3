// Receipts: the inbox (people who join the audience later get theirs when they first look), read,
// acknowledged, RSVP, attended at the place, the statistics and 再次提醒 through the outbox.
import type { Notice, NoticeStats } from '@/types/notices'
import { reachOf } from '@/domain/authorization'
import { fenceVerdict } from '@/domain/geo'
import { attendanceOpen, nextReminderAt, reminderBlockReason, resolveAudience, rsvpBlockReason, type AudienceMember } from '@/domain/notices'
import { DEFAULT_SETTINGS } from '@/domain/settings'
import type { AppContext } from '../../context'
import { lockRow } from '../../db/dialect'
import { AppError, badRequest, conflict, forbidden, notFound } from '../../lib/errors'
import type { Actor } from '../auth/actor'
import { enqueue } from '../outbox/outbox'
import { NOTICE_PAGE, type NoticeRow, noticeQuery, managesNotice, toNotices, loadManaged, currentAudience, createReceipts } from './common'

/** The actor's approved (school, role) pairs. */
function actorMemberships(actor: Actor): AudienceMember[] {
  return actor.grants.filter((g) => g.schoolId).map((g) => ({ personId: actor.personId, role: g.role, schoolId: g.schoolId as string }))
}

/** Published (or withdrawn) notices whose audience includes the actor; missing receipts are made now. */
async function recipientRows(ctx: AppContext, actor: Actor, onlyId?: string): Promise<NoticeRow[]> {
  const mine = actorMemberships(actor)
  if (mine.length === 0) return []
  let q = noticeQuery(ctx.db)
    .where('n.status', 'in', ['published', 'withdrawn'])
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('notice_audience as na')
          .select('na.notice_id')
          .whereRef('na.notice_id', '=', 'n.id')
          .where((w) => w.or(mine.map((m) => w.and([w('na.school_id', '=', m.schoolId), w('na.role', '=', m.role)])))),
      ),
    )
  if (onlyId) q = q.where('n.id', '=', onlyId)
  const rows = await q.orderBy('n.published_at', 'desc').limit(100).execute()
  if (rows.length > 0) {
    const audience = await ctx.db
      .selectFrom('notice_audience')
      .selectAll()
      .where(
        'notice_id',
        'in',
        rows.map((r) => r.id),
      )
      .execute()
    const now = ctx.clock.now().toISOString()
    for (const r of rows.filter((x) => x.status === 'published')) {
      const members = resolveAudience(mine, {
        schoolIds: audience.filter((a) => a.notice_id === r.id).map((a) => a.school_id),
        roles: audience.filter((a) => a.notice_id === r.id).map((a) => a.role),
      })
      await createReceipts(ctx.db, r.id, members, now)
    }
  }
  return rows
}

export async function inbox(ctx: AppContext, actor: Actor): Promise<Notice[]> {
  return toNotices(ctx, actor, await recipientRows(ctx, actor))
}

export async function unreadCount(ctx: AppContext, actor: Actor): Promise<number> {
  const rows = await recipientRows(ctx, actor)
  const published = rows.filter((r) => r.status === 'published').map((r) => r.id)
  if (published.length === 0) return 0
  const read = await ctx.db
    .selectFrom('notice_receipts')
    .select('notice_id')
    .distinct()
    .where('notice_id', 'in', published)
    .where('person_id', '=', actor.personId)
    .where('read_at', 'is not', null)
    .execute()
  return published.length - read.length
}

async function loadForActor(ctx: AppContext, actor: Actor, id: string): Promise<{ row: NoticeRow; manager: boolean; recipient: boolean; principalSchools: string[] }> {
  const row = await noticeQuery(ctx.db).where('n.id', '=', id).executeTakeFirst()
  if (!row) throw notFound('通知不存在')
  const manager = managesNotice(actor, row)
  const recipient = (await recipientRows(ctx, actor, id)).length > 0
  const audienceSchools = (await ctx.db.selectFrom('notice_audience').select('school_id').where('notice_id', '=', id).execute()).map((a) => a.school_id)
  const principalSchools = reachOf(actor.grants, 'notice.track').schoolIds.filter((s) => audienceSchools.includes(s))
  const principalSees = principalSchools.length > 0 && row.status !== 'draft' && row.status !== 'scheduled'
  if (!manager && !recipient && !principalSees) throw notFound('通知不存在或不是发给你的')
  return { row, manager, recipient, principalSchools }
}

export async function noticeDetail(ctx: AppContext, actor: Actor, id: string): Promise<Notice> {
  const { row } = await loadForActor(ctx, actor, id)
  return (await toNotices(ctx, actor, [row]))[0]
}

async function myReceipts(ctx: AppContext, actor: Actor, id: string) {
  const { row, recipient } = await loadForActor(ctx, actor, id)
  if (!recipient) throw forbidden('这条通知不是发给你的')
  if (row.status === 'withdrawn') throw conflict('通知已撤回')
  return row
}

export async function markRead(ctx: AppContext, actor: Actor, id: string): Promise<Notice> {
  const row = await myReceipts(ctx, actor, id).catch(async (e) => {
    // reading a withdrawn notice is fine: it still shows, marked withdrawn
    if (e instanceof AppError && e.statusCode === 409) return (await loadForActor(ctx, actor, id)).row
    throw e
  })
  await ctx.db
    .updateTable('notice_receipts')
    .set({ read_at: ctx.clock.now().toISOString() })
    .where('notice_id', '=', id)
    .where('person_id', '=', actor.personId)
    .where('read_at', 'is', null)
    .execute()
  return (await toNotices(ctx, actor, [row]))[0]
}

export async function acknowledge(ctx: AppContext, actor: Actor, id: string): Promise<Notice> {
  const row = await myReceipts(ctx, actor, id)
  const now = ctx.clock.now().toISOString()
  await ctx.db.updateTable('notice_receipts').set({ read_at: now }).where('notice_id', '=', id).where('person_id', '=', actor.personId).where('read_at', 'is', null).execute()
  await ctx.db.updateTable('notice_receipts').set({ acked_at: now }).where('notice_id', '=', id).where('person_id', '=', actor.personId).where('acked_at', 'is', null).execute()
  return (await toNotices(ctx, actor, [row]))[0]
}

/** 报名参加 or 不参加 a training, until its deadline or capacity; the last place goes to one person. */
export async function rsvp(ctx: AppContext, actor: Actor, id: string, answer: 'joined' | 'declined'): Promise<Notice> {
  const row = await myReceipts(ctx, actor, id)
  if (row.type !== 'training' || row.rsvp_capacity === null) throw badRequest('这条通知不需要报名')
  await ctx.db.transaction().execute(async (trx) => {
    await lockRow(trx, ctx.engine, 'notices', id)
    const receipts = await trx.selectFrom('notice_receipts').select(['rsvp']).where('notice_id', '=', id).where('person_id', '=', actor.personId).execute()
    const already = receipts.some((r) => r.rsvp === 'joined')
    if (answer === 'joined') {
      const joined = await trx
        .selectFrom('notice_receipts')
        .select((eb) => eb.fn.count<number>('person_id').distinct().as('n'))
        .where('notice_id', '=', id)
        .where('rsvp', '=', 'joined')
        .executeTakeFirstOrThrow()
      const reason = rsvpBlockReason({ capacity: row.rsvp_capacity, deadline: row.rsvp_deadline, joined: Number(joined.n) }, ctx.clock.now(), already)
      if (reason) throw conflict(reason)
    } else if (row.rsvp_deadline && ctx.clock.now().getTime() > new Date(row.rsvp_deadline).getTime()) {
      throw conflict('报名已截止')
    }
    const now = ctx.clock.now().toISOString()
    await trx.updateTable('notice_receipts').set({ rsvp: answer, rsvp_at: now, read_at: now }).where('notice_id', '=', id).where('person_id', '=', actor.personId).execute()
  })
  return (await toNotices(ctx, actor, [row]))[0]
}

/** Attendance at a drill or training: a check-in at its place during its time, with the gate's fence rules. */
export async function attend(ctx: AppContext, actor: Actor, id: string, fix: { lat: number; lng: number; accuracy: number }): Promise<Notice> {
  const row = await myReceipts(ctx, actor, id)
  if (row.type === 'general' || row.lat === null || row.lng === null) throw badRequest('这条通知不需要签到')
  if (row.type === 'training') {
    const joined = await ctx.db
      .selectFrom('notice_receipts')
      .select('rsvp')
      .where('notice_id', '=', id)
      .where('person_id', '=', actor.personId)
      .where('rsvp', '=', 'joined')
      .executeTakeFirst()
    if (!joined) throw conflict('请先报名参加这次培训')
  }
  const now = ctx.clock.now()
  if (!attendanceOpen(now, row.event_at, row.event_end_at)) throw new AppError(409, 'OUT_OF_WINDOW', '不在签到时间内（开始前 30 分钟至结束）')
  const verdict = fenceVerdict({ lat: Number(row.lat), lng: Number(row.lng), radiusM: row.radius_m ?? DEFAULT_SETTINGS.defaultRadiusM }, fix, DEFAULT_SETTINGS)
  if (verdict.kind === 'inaccurate') throw new AppError(422, 'LOCATION_INACCURATE', verdict.message, 'accuracy')
  if (verdict.kind === 'outside') throw new AppError(422, 'OUTSIDE_FENCE', verdict.message.replace('岗点', '活动地点'))
  await ctx.db
    .updateTable('notice_receipts')
    .set({ attended_at: now.toISOString(), attended_distance_m: verdict.distanceM, read_at: now.toISOString() })
    .where('notice_id', '=', id)
    .where('person_id', '=', actor.personId)
    .where('attended_at', 'is', null)
    .execute()
  return (await toNotices(ctx, actor, [row]))[0]
}

export async function noticeStats(ctx: AppContext, actor: Actor, id: string): Promise<NoticeStats> {
  const { row, manager, principalSchools } = await loadForActor(ctx, actor, id)
  if (!manager && principalSchools.length === 0) throw forbidden('只有发布者和校长可以查看回执')
  // people who joined the audience since publication count too
  if (row.status === 'published') await createReceipts(ctx.db, id, await currentAudience(ctx.db, id), ctx.clock.now().toISOString())
  let q = ctx.db
    .selectFrom('notice_receipts as r')
    .innerJoin('schools as s', 's.id', 'r.school_id')
    .innerJoin('people as p', 'p.id', 'r.person_id')
    .select(['r.person_id', 'r.school_id', 'r.role', 'r.read_at', 'r.acked_at', 'r.rsvp', 'r.attended_at', 's.name as school_name', 'p.name', 'p.phone'])
    .where('r.notice_id', '=', id)
  if (!manager) q = q.where('r.school_id', 'in', principalSchools)
  const receipts = await q.orderBy('s.name').orderBy('p.name').execute()
  const rows = new Map<string, NoticeStats['rows'][number]>()
  for (const r of receipts) {
    const key = `${r.school_id}|${r.role}`
    const row = rows.get(key) ?? { schoolId: r.school_id, schoolName: r.school_name, role: r.role, recipients: 0, read: 0, acked: 0, joined: 0, attended: 0 }
    row.recipients++
    if (r.read_at) row.read++
    if (r.acked_at) row.acked++
    if (r.rsvp === 'joined') row.joined++
    if (r.attended_at) row.attended++
    rows.set(key, row)
  }
  return {
    rows: [...rows.values()],
    notAcknowledged: receipts.filter((r) => !r.acked_at).map((r) => ({ id: r.person_id, name: r.name, phone: null, schoolName: r.school_name, role: r.role })),
    remindCount: row.remind_count,
    lastRemindedAt: row.last_reminded_at,
    nextRemindAt: nextReminderAt(row.remind_count, row.last_reminded_at),
  }
}

/** "再次提醒": those who have not acknowledged, through the outbox; every 5 minutes at most, 3 times. */
export async function remind(ctx: AppContext, actor: Actor, id: string): Promise<NoticeStats> {
  const row = await loadManaged(ctx, actor, id)
  if (row.status !== 'published') throw conflict('只有已发布的通知可以提醒')
  const now = ctx.clock.now()
  const reason = reminderBlockReason(row.remind_count, row.last_reminded_at, now)
  if (reason) throw conflict(reason)
  await ctx.db.transaction().execute(async (trx) => {
    // conditional on the count we read: two taps at once send one round
    const claimed = await trx
      .updateTable('notices')
      .set({ remind_count: row.remind_count + 1, last_reminded_at: now.toISOString() })
      .where('id', '=', id)
      .where('remind_count', '=', row.remind_count)
      .executeTakeFirst()
    if (Number(claimed.numUpdatedRows) !== 1) throw conflict('刚刚已经提醒过')
    const receipts = await trx
      .selectFrom('notice_receipts')
      .select(['person_id', 'school_id'])
      .where('notice_id', '=', id)
      .where('acked_at', 'is', null)
      .orderBy('school_id')
      .execute()
    const pending = [...new Map(receipts.map((r) => [r.person_id, r] as const)).values()]
    await enqueue(
      trx,
      now.toISOString(),
      pending.map((p) => ({
        personId: p.person_id,
        schoolId: p.school_id,
        kind: 'notice.remind',
        title: '请确认收到通知',
        body: row.title,
        payload: { page: NOTICE_PAGE, noticeId: id },
        dedupeKey: `notice.remind:${id}:${row.remind_count + 1}:${p.person_id}`,
      })),
    )
  })
  return noticeStats(ctx, actor, id)
}
