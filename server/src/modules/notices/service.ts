// Notices from the station: drafts, scheduled and published notices to schools × roles,
// receipts (read, acknowledged, RSVP, attended), reminders through the outbox, drill records.
// Receipts are keyed (notice, person, school): created once, never duplicated by retries or
// re-publication; people who join the audience later get theirs when they first look.
import type { Kysely } from 'kysely'
import type { Drill, DrillInput, Notice, NoticeInput, NoticeStats, Receipt } from '@/types/notices'
import { NOTICE_TYPE_LABELS } from '@/types/notices'
import type { SafetyTheme } from '@/types/bulletin'
import { can, grantCovers, grantsFor, reachOf, ROLE_LEVEL, type Scope } from '@/domain/authorization'
import { authorize } from '../../lib/authorize'
import { fenceVerdict } from '@/domain/geo'
import { attendanceOpen, nextReminderAt, noticeProblem, reminderBlockReason, resolveAudience, rsvpBlockReason, type AudienceMember } from '@/domain/notices'
import { DEFAULT_SETTINGS } from '@/domain/settings'
import type { AppContext } from '../../context'
import type { Database } from '../../db/schema'
import { lockRow } from '../../db/dialect'
import { AppError, badRequest, conflict, forbidden, notFound } from '../../lib/errors'
import { newId } from '../../lib/ids'
import type { Actor } from '../auth/actor'
import { fileUrls, ownFiles } from '../files/service'
import { enqueue } from '../outbox/outbox'
import { summaryQuery, toSummary } from '../alarms/repository'

type Db = Kysely<Database>
const NOTICE_PAGE = '/packages/notices/pages/detail/index'

async function schoolRefs(db: Db, ids: readonly string[]) {
  if (ids.length === 0) return []
  const rows = await db.selectFrom('schools').select(['id', 'name', 'station_id', 'district_id']).where('id', 'in', [...ids]).execute()
  return rows.map((r) => ({ id: r.id, name: r.name, stationId: r.station_id, districtId: r.district_id }))
}

/** Only those with notice.publish (police of the station, admins of the district) publish, and only to their schools. */
async function checkPublisher(ctx: AppContext, actor: Actor, schoolIds: readonly string[]) {
  const schools = await schoolRefs(ctx.db, schoolIds)
  if (schools.length !== new Set(schoolIds).size) throw badRequest('包含不存在的学校', 'audience.schoolIds')
  for (const s of schools) {
    authorize(actor, 'notice.publish', s, `不能向${s.name}发布通知`)
  }
  return schools
}

type NoticeRow = Awaited<ReturnType<ReturnType<typeof noticeQuery>['execute']>>[number]

function noticeQuery(db: Db) {
  return db
    .selectFrom('notices as n')
    .innerJoin('people as a', 'a.id', 'n.author_id')
    .leftJoin('stations as st', 'st.id', 'n.station_id')
    .leftJoin('districts as d', 'd.id', 'n.district_id')
    .selectAll('n')
    .select(['a.name as author_name', 'st.name as station_name', 'd.name as district_name'])
}

/** A notice belongs to the station it was published from (by its police), or else to its district. */
function noticeScope(row: { station_id: string | null; district_id: string }): Scope {
  return row.station_id !== null ? { level: 'station', stationId: row.station_id, districtId: row.district_id } : { level: 'district', districtId: row.district_id }
}

function managesNotice(actor: Actor, row: { station_id: string | null; district_id: string }): boolean {
  return can(actor.grants, 'notice.publish', noticeScope(row))
}

async function toNotices(ctx: AppContext, actor: Actor, rows: NoticeRow[]): Promise<Notice[]> {
  if (rows.length === 0) return []
  const ids = rows.map((r) => r.id)
  const [audience, attachments, joined, receipts] = await Promise.all([
    ctx.db.selectFrom('notice_audience').selectAll().where('notice_id', 'in', ids).execute(),
    ctx.db.selectFrom('notice_attachments as na').innerJoin('files as f', 'f.id', 'na.file_id').select(['na.notice_id', 'na.file_id', 'f.mime']).where('na.notice_id', 'in', ids).orderBy('na.position').execute(),
    ctx.db
      .selectFrom('notice_receipts')
      .select(['notice_id', (eb) => eb.fn.count<number>('person_id').distinct().as('n')])
      .where('notice_id', 'in', ids)
      .where('rsvp', '=', 'joined')
      .groupBy('notice_id')
      .execute(),
    ctx.db.selectFrom('notice_receipts').selectAll().where('notice_id', 'in', ids).where('person_id', '=', actor.personId).execute(),
  ])
  return rows.map((r) => {
    const mine = receipts.filter((x) => x.notice_id === r.id)
    const receipt: Receipt | null = mine.length
      ? {
          readAt: mine.map((x) => x.read_at).find(Boolean) ?? null,
          ackedAt: mine.map((x) => x.acked_at).find(Boolean) ?? null,
          rsvp: (mine.map((x) => x.rsvp).find(Boolean) as Receipt['rsvp']) ?? null,
          attendedAt: mine.map((x) => x.attended_at).find(Boolean) ?? null,
        }
      : null
    const aud = audience.filter((a) => a.notice_id === r.id)
    return {
      id: r.id,
      type: r.type,
      title: r.title,
      body: r.body,
      eventAt: r.event_at,
      eventEndAt: r.event_end_at,
      place: r.place,
      location: r.lat !== null && r.lng !== null ? { lat: Number(r.lat), lng: Number(r.lng), radiusM: r.radius_m ?? DEFAULT_SETTINGS.defaultRadiusM } : null,
      audience: { schoolIds: [...new Set(aud.map((a) => a.school_id))], roles: [...new Set(aud.map((a) => a.role))] },
      ackRequired: r.ack_required === 1,
      rsvpCapacity: r.rsvp_capacity,
      rsvpDeadline: r.rsvp_deadline,
      themeId: r.theme_id,
      stationName: r.station_name ?? r.district_name ?? '',
      author: r.author_name,
      status: r.status,
      publishAt: r.publish_at,
      publishedAt: r.published_at,
      withdrawnAt: r.withdrawn_at,
      attachments: attachments.filter((a) => a.notice_id === r.id).map((a) => ({ fileId: a.file_id, mime: a.mime, ...fileUrls(ctx, a.file_id) })),
      rsvpJoined: Number(joined.find((j) => j.notice_id === r.id)?.n ?? 0),
      receipt,
      canManage: managesNotice(actor, r),
    }
  })
}

/** The city's safety-education themes, in their order. */
export async function safetyThemes(ctx: AppContext): Promise<SafetyTheme[]> {
  return ctx.db.selectFrom('safety_themes').select(['id', 'name']).where('active', '=', 1).orderBy('sort').execute()
}

/** A theme named by a request must be one of the city's; none is none. */
async function checkTheme(ctx: AppContext, themeId: string | null | undefined): Promise<string | null> {
  if (!themeId) return null
  const theme = await ctx.db.selectFrom('safety_themes').select('id').where('id', '=', themeId).where('active', '=', 1).executeTakeFirst()
  if (!theme) throw badRequest('没有这个安全教育主题', 'themeId')
  return theme.id
}

function checkInput(input: NoticeInput) {
  const problem = noticeProblem(input)
  if (problem) throw badRequest(problem.message, problem.field)
}

async function writeNotice(ctx: AppContext, actor: Actor, id: string | null, input: NoticeInput): Promise<string> {
  checkInput(input)
  const schools = await checkPublisher(ctx, actor, input.audience.schoolIds)
  const attachments = await ownFiles(ctx, actor.personId, input.attachmentIds, 'attachments')
  // published from a station when a station-level grant covers every school of the audience
  const police = grantsFor(actor.grants, 'notice.publish').find((g) => ROLE_LEVEL[g.role] === 'station' && schools.every((s) => grantCovers(g, s)))
  const now = ctx.clock.now().toISOString()
  const values = {
    station_id: police?.stationId ?? null,
    district_id: schools[0].districtId,
    type: input.type,
    title: input.title.trim(),
    body: input.body.trim(),
    event_at: input.eventAt,
    event_end_at: input.eventEndAt,
    place: input.place?.trim() || null,
    lat: input.location?.lat ?? null,
    lng: input.location?.lng ?? null,
    radius_m: input.location?.radiusM ?? null,
    ack_required: input.ackRequired ? 1 : 0,
    rsvp_capacity: input.type === 'training' ? input.rsvpCapacity : null,
    rsvp_deadline: input.type === 'training' ? input.rsvpDeadline : null,
    theme_id: input.type === 'general' ? null : await checkTheme(ctx, input.themeId),
    updated_at: now,
  }
  const noticeId = id ?? newId()
  await ctx.db.transaction().execute(async (trx) => {
    if (id) {
      const updated = await trx.updateTable('notices').set(values).where('id', '=', id).where('status', 'in', ['draft', 'scheduled']).executeTakeFirst()
      if (Number(updated.numUpdatedRows) !== 1) throw conflict('已发布的通知不能修改，可以撤回后重新发布')
      await trx.deleteFrom('notice_audience').where('notice_id', '=', id).execute()
      await trx.deleteFrom('notice_attachments').where('notice_id', '=', id).execute()
    } else {
      await trx
        .insertInto('notices')
        .values({ id: noticeId, ...values, author_id: actor.personId, status: 'draft', publish_at: null, published_at: null, withdrawn_at: null, remind_count: 0, last_reminded_at: null, created_at: now })
        .execute()
    }
    await trx
      .insertInto('notice_audience')
      .values(schools.flatMap((s) => [...new Set(input.audience.roles)].map((role) => ({ notice_id: noticeId, school_id: s.id, role }))))
      .execute()
    if (attachments.length) await trx.insertInto('notice_attachments').values(attachments.map((file_id, position) => ({ notice_id: noticeId, file_id, position }))).execute()
  })
  return noticeId
}

async function loadManaged(ctx: AppContext, actor: Actor, id: string): Promise<NoticeRow> {
  const row = await noticeQuery(ctx.db).where('n.id', '=', id).executeTakeFirst()
  if (!row || !managesNotice(actor, row)) throw notFound('通知不存在或你无权管理')
  return row
}

export async function createNotice(ctx: AppContext, actor: Actor, input: NoticeInput): Promise<Notice> {
  const id = await writeNotice(ctx, actor, null, input)
  return (await toNotices(ctx, actor, [await loadManaged(ctx, actor, id)]))[0]
}

export async function updateNotice(ctx: AppContext, actor: Actor, id: string, input: NoticeInput): Promise<Notice> {
  await loadManaged(ctx, actor, id)
  await writeNotice(ctx, actor, id, input)
  return (await toNotices(ctx, actor, [await loadManaged(ctx, actor, id)]))[0]
}

/** Approved memberships in the notice's audience right now. */
async function currentAudience(db: Db, noticeId: string): Promise<AudienceMember[]> {
  const audience = await db.selectFrom('notice_audience').selectAll().where('notice_id', '=', noticeId).execute()
  if (audience.length === 0) return []
  const members = await db
    .selectFrom('memberships')
    .select(['person_id', 'role', 'school_id'])
    .where('status', '=', 'approved')
    .where('school_id', 'in', [...new Set(audience.map((a) => a.school_id))])
    .execute()
  return resolveAudience(
    members.map((m) => ({ personId: m.person_id, role: m.role, schoolId: m.school_id as string })),
    { schoolIds: audience.map((a) => a.school_id), roles: audience.map((a) => a.role) },
  )
}

async function createReceipts(db: Db, noticeId: string, members: readonly AudienceMember[], now: string) {
  if (members.length === 0) return
  await db
    .insertInto('notice_receipts')
    .values(members.map((m) => ({ notice_id: noticeId, person_id: m.personId, school_id: m.schoolId, role: m.role, read_at: null, acked_at: null, rsvp: null, rsvp_at: null, attended_at: null, attended_distance_m: null, created_at: now })))
    .onConflict((oc) => oc.columns(['notice_id', 'person_id', 'school_id']).doNothing())
    .execute()
}

/** Publishes now (or schedules for later). Publishing twice changes nothing. */
export async function publishNotice(ctx: AppContext, actor: Actor, id: string, publishAt: string | null): Promise<Notice> {
  const row = await loadManaged(ctx, actor, id)
  if (row.status === 'withdrawn') throw conflict('通知已撤回')
  const now = ctx.clock.now()
  if (row.status !== 'published') {
    if (publishAt && new Date(publishAt).getTime() > now.getTime()) {
      await ctx.db.updateTable('notices').set({ status: 'scheduled', publish_at: publishAt, updated_at: now.toISOString() }).where('id', '=', id).execute()
    } else {
      await publishNow(ctx, id)
    }
  }
  return (await toNotices(ctx, actor, [await loadManaged(ctx, actor, id)]))[0]
}

async function publishNow(ctx: AppContext, id: string): Promise<void> {
  const nowIso = ctx.clock.now().toISOString()
  await ctx.db.transaction().execute(async (trx) => {
    const updated = await trx
      .updateTable('notices')
      .set({ status: 'published', published_at: nowIso, updated_at: nowIso })
      .where('id', '=', id)
      .where('status', 'in', ['draft', 'scheduled'])
      .executeTakeFirst()
    if (Number(updated.numUpdatedRows) !== 1) return
    const notice = await trx.selectFrom('notices').select(['title', 'type']).where('id', '=', id).executeTakeFirstOrThrow()
    const members = await currentAudience(trx, id)
    await createReceipts(trx, id, members, nowIso)
    // one message per person, about the first of their schools in the audience
    const schoolOf = new Map<string, string>()
    for (const m of members) if (!schoolOf.has(m.personId)) schoolOf.set(m.personId, m.schoolId)
    await enqueue(
      trx,
      nowIso,
      [...new Set(members.map((m) => m.personId))].map((personId) => ({
        personId,
        schoolId: schoolOf.get(personId) as string,
        kind: `notice.${notice.type}`,
        title: `新${NOTICE_TYPE_LABELS[notice.type]}`,
        body: notice.title,
        payload: { page: NOTICE_PAGE, noticeId: id },
        dedupeKey: `notice.published:${id}:${personId}`,
      })),
    )
  })
}

/** The job: scheduled notices whose time has come. */
export async function publishDue(ctx: AppContext): Promise<number> {
  const due = await ctx.db.selectFrom('notices').select('id').where('status', '=', 'scheduled').where('publish_at', '<=', ctx.clock.now().toISOString()).execute()
  for (const n of due) await publishNow(ctx, n.id)
  return due.length
}

export async function withdrawNotice(ctx: AppContext, actor: Actor, id: string): Promise<Notice> {
  const row = await loadManaged(ctx, actor, id)
  if (row.status !== 'withdrawn') {
    const now = ctx.clock.now().toISOString()
    await ctx.db.updateTable('notices').set({ status: 'withdrawn', withdrawn_at: now, updated_at: now }).where('id', '=', id).execute()
  }
  return (await toNotices(ctx, actor, [await loadManaged(ctx, actor, id)]))[0]
}

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
    const audience = await ctx.db.selectFrom('notice_audience').selectAll().where('notice_id', 'in', rows.map((r) => r.id)).execute()
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

/** Notices the actor manages (police: their station's; admin: their district's), and for principals the ones sent to their school. */
export async function managedList(ctx: AppContext, actor: Actor): Promise<Notice[]> {
  const publishes = reachOf(actor.grants, 'notice.publish')
  const stations = publishes.stationIds
  const districts = publishes.districtIds
  const principalSchools = reachOf(actor.grants, 'notice.track').schoolIds
  if (stations.length + districts.length + principalSchools.length === 0) return []
  const rows = await noticeQuery(ctx.db)
    .where((eb) =>
      eb.or([
        ...(stations.length ? [eb('n.station_id', 'in', stations)] : []),
        ...(districts.length ? [eb('n.district_id', 'in', districts)] : []),
        ...(principalSchools.length
          ? [
              eb.and([
                eb('n.status', 'in', ['published', 'withdrawn']),
                eb.exists(eb.selectFrom('notice_audience as na').select('na.notice_id').whereRef('na.notice_id', '=', 'n.id').where('na.school_id', 'in', principalSchools)),
              ]),
            ]
          : []),
      ]),
    )
    .orderBy('n.updated_at', 'desc')
    .limit(100)
    .execute()
  return toNotices(ctx, actor, rows)
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
  await ctx.db.updateTable('notice_receipts').set({ read_at: ctx.clock.now().toISOString() }).where('notice_id', '=', id).where('person_id', '=', actor.personId).where('read_at', 'is', null).execute()
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
    const joined = await ctx.db.selectFrom('notice_receipts').select('rsvp').where('notice_id', '=', id).where('person_id', '=', actor.personId).where('rsvp', '=', 'joined').executeTakeFirst()
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
    notAcknowledged: receipts
      .filter((r) => !r.acked_at)
      .map((r) => ({ id: r.person_id, name: r.name, phone: null, schoolName: r.school_name, role: r.role })),
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
    const receipts = await trx.selectFrom('notice_receipts').select(['person_id', 'school_id']).where('notice_id', '=', id).where('acked_at', 'is', null).orderBy('school_id').execute()
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

// ---------------------------------------------------------------- drills


export async function recordDrill(ctx: AppContext, actor: Actor, input: DrillInput): Promise<Drill> {
  const schools = await checkPublisher(ctx, actor, input.schoolIds)
  if (input.noticeId) {
    // the linked notice must be one the actor manages or one sent to a school of this drill:
    // another district's notice is as good as none
    const notice = await ctx.db.selectFrom('notices').select(['id', 'station_id', 'district_id']).where('id', '=', input.noticeId).executeTakeFirst()
    const sentHere = notice
      ? await ctx.db.selectFrom('notice_audience').select('school_id').where('notice_id', '=', notice.id).where('school_id', 'in', schools.map((s) => s.id)).executeTakeFirst()
      : undefined
    if (!notice || (!managesNotice(actor, notice) && !sentHere)) throw badRequest('关联的通知不存在', 'noticeId')
  }
  const again = await ctx.db.selectFrom('drills').select('id').where('recorded_by', '=', actor.personId).where('client_key', '=', input.clientKey).executeTakeFirst()
  if (again) return (await drillsBy(ctx, actor, [again.id]))[0]
  const photos = await ownFiles(ctx, actor.personId, input.photoIds)
  const themeId = await checkTheme(ctx, input.themeId)
  const id = newId()
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('drills')
      .values({
        id,
        notice_id: input.noticeId,
        district_id: schools[0].districtId,
        date: input.date,
        participants: input.participants,
        duration_min: input.durationMin,
        scenario: input.scenario.trim(),
        went_well: input.wentWell.trim(),
        to_fix: input.toFix.trim(),
        theme_id: themeId,
        recorded_by: actor.personId,
        client_key: input.clientKey,
        created_at: ctx.clock.now().toISOString(),
      })
      .execute()
    await trx.insertInto('drill_schools').values(schools.map((s) => ({ drill_id: id, school_id: s.id }))).execute()
    if (photos.length) await trx.insertInto('drill_photos').values(photos.map((file_id, position) => ({ drill_id: id, file_id, position }))).execute()
  })
  return (await drillsBy(ctx, actor, [id]))[0]
}

async function drillsBy(ctx: AppContext, _actor: Actor, ids: string[]): Promise<Drill[]> {
  if (ids.length === 0) return []
  const [drills, schools, photos, alarms] = await Promise.all([
    ctx.db.selectFrom('drills as d').innerJoin('people as p', 'p.id', 'd.recorded_by').selectAll('d').select('p.name as recorder').where('d.id', 'in', ids).orderBy('d.date', 'desc').execute(),
    ctx.db.selectFrom('drill_schools as ds').innerJoin('schools as s', 's.id', 'ds.school_id').select(['ds.drill_id', 's.id', 's.name']).where('ds.drill_id', 'in', ids).execute(),
    ctx.db.selectFrom('drill_photos').selectAll().where('drill_id', 'in', ids).orderBy('position').execute(),
    // the drill alarms of the drills' notices, with their response times
    summaryQuery(ctx.db)
      .where('a.drill', '=', 1)
      .where('a.drill_notice_id', 'in', (eb) => eb.selectFrom('drills').select('notice_id').where('id', 'in', ids).where('notice_id', 'is not', null))
      .orderBy('a.raised_at')
      .execute(),
  ])
  const now = ctx.clock.now()
  return drills.map((d) => ({
    id: d.id,
    noticeId: d.notice_id,
    date: d.date,
    schools: schools.filter((s) => s.drill_id === d.id).map((s) => ({ id: s.id, name: s.name })),
    participants: d.participants,
    durationMin: d.duration_min,
    scenario: d.scenario,
    themeId: d.theme_id,
    wentWell: d.went_well,
    toFix: d.to_fix,
    photos: photos.filter((p) => p.drill_id === d.id).map((p) => ({ fileId: p.file_id, ...fileUrls(ctx, p.file_id) })),
    recordedBy: d.recorder,
    createdAt: d.created_at,
    responses: alarms
      .filter((a) => a.drill_notice_id === d.notice_id && schools.some((s) => s.drill_id === d.id && s.id === a.school_id))
      .map((a) => toSummary(a, now)),
  }))
}

/** A school's drill history: for its members' managers (principal), police and admins. */
export async function schoolDrills(ctx: AppContext, actor: Actor, schoolId: string): Promise<Drill[]> {
  const [school] = await schoolRefs(ctx.db, [schoolId])
  if (!school) throw notFound('学校不存在')
  authorize(actor, 'drill.view', school, '只有校长、民警和管理员可以查看演练记录')
  const rows = await ctx.db.selectFrom('drill_schools').select('drill_id').where('school_id', '=', schoolId).execute()
  // the school's ledger: its own drill alarms
  return (await drillsBy(ctx, actor, rows.map((r) => r.drill_id))).map((d) => ({ ...d, responses: d.responses.filter((a) => a.schoolId === schoolId) }))
}
