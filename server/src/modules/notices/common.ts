// What the notice services share: the notice row with its author and sender, who manages a notice,
// the notice as the API gives it, the audience and receipts, publishers and themes checked.
import type { Kysely } from 'kysely'
import type { Notice, Receipt } from '@/types/notices'
import { can, type Scope } from '@/domain/authorization'
import { authorize } from '../../lib/authorize'
import { resolveAudience, type AudienceMember } from '@/domain/notices'
import { DEFAULT_SETTINGS } from '@/domain/settings'
import type { AppContext } from '../../context'
import type { Database } from '../../db/schema'
import { badRequest, notFound } from '../../lib/errors'
import type { Actor } from '../auth/actor'
import { fileUrls } from '../files/service'
import { PAGES } from '@/types/pages'

type Db = Kysely<Database>

export const NOTICE_PAGE = PAGES.notice

export async function schoolRefs(db: Db, ids: readonly string[]) {
  if (ids.length === 0) return []
  const rows = await db
    .selectFrom('schools')
    .select(['id', 'name', 'station_id', 'district_id'])
    .where('id', 'in', [...ids])
    .execute()
  return rows.map((r) => ({ id: r.id, name: r.name, stationId: r.station_id, districtId: r.district_id }))
}

/** Only those with notice.publish (police of the station, admins of the district) publish, and only to their schools. */
export async function checkPublisher(ctx: AppContext, actor: Actor, schoolIds: readonly string[]) {
  const schools = await schoolRefs(ctx.db, schoolIds)
  if (schools.length !== new Set(schoolIds).size) throw badRequest('包含不存在的学校', 'audience.schoolIds')
  for (const s of schools) {
    authorize(actor, 'notice.publish', s, `不能向${s.name}发布通知`)
  }
  return schools
}

export type NoticeRow = Awaited<ReturnType<ReturnType<typeof noticeQuery>['execute']>>[number]

export function noticeQuery(db: Db) {
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

export function managesNotice(actor: Actor, row: { station_id: string | null; district_id: string }): boolean {
  return can(actor.grants, 'notice.publish', noticeScope(row))
}

export async function toNotices(ctx: AppContext, actor: Actor, rows: NoticeRow[]): Promise<Notice[]> {
  if (rows.length === 0) return []
  const ids = rows.map((r) => r.id)
  const [audience, attachments, joined, receipts] = await Promise.all([
    ctx.db.selectFrom('notice_audience').selectAll().where('notice_id', 'in', ids).execute(),
    ctx.db
      .selectFrom('notice_attachments as na')
      .innerJoin('files as f', 'f.id', 'na.file_id')
      .select(['na.notice_id', 'na.file_id', 'f.mime'])
      .where('na.notice_id', 'in', ids)
      .orderBy('na.position')
      .execute(),
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

/** A theme named by a request must be one of the city's; none is none. */
export async function checkTheme(ctx: AppContext, themeId: string | null | undefined): Promise<string | null> {
  if (!themeId) return null
  const theme = await ctx.db.selectFrom('safety_themes').select('id').where('id', '=', themeId).where('active', '=', 1).executeTakeFirst()
  if (!theme) throw badRequest('没有这个安全教育主题', 'themeId')
  return theme.id
}

export async function loadManaged(ctx: AppContext, actor: Actor, id: string): Promise<NoticeRow> {
  const row = await noticeQuery(ctx.db).where('n.id', '=', id).executeTakeFirst()
  if (!row || !managesNotice(actor, row)) throw notFound('通知不存在或你无权管理')
  return row
}

/** Approved memberships in the notice's audience right now. */
export async function currentAudience(db: Db, noticeId: string): Promise<AudienceMember[]> {
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

export async function createReceipts(db: Db, noticeId: string, members: readonly AudienceMember[], now: string) {
  if (members.length === 0) return
  await db
    .insertInto('notice_receipts')
    .values(
      members.map((m) => ({
        notice_id: noticeId,
        person_id: m.personId,
        school_id: m.schoolId,
        role: m.role,
        read_at: null,
        acked_at: null,
        rsvp: null,
        rsvp_at: null,
        attended_at: null,
        attended_distance_m: null,
        created_at: now,
      })),
    )
    .onConflict((oc) => oc.columns(['notice_id', 'person_id', 'school_id']).doNothing())
    .execute()
}
