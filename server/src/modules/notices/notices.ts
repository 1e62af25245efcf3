// Notices from the station: drafts, scheduled and published notices to schools × roles, withdrawal,
// and the list of those the actor manages. Publishing makes the receipts (keyed notice, person,
// school: never duplicated by retries or re-publication) and tells the audience through the outbox.
import type { Notice, NoticeInput } from '@/types/notices'
import { NOTICE_TYPE_LABELS } from '@/types/notices'
import type { SafetyTheme } from '@/types/bulletin'
import { grantCovers, grantsFor, reachOf, ROLE_LEVEL } from '@/domain/authorization'
import { noticeProblem } from '@/domain/notices'
import type { AppContext } from '../../context'
import { badRequest, conflict } from '../../lib/errors'
import { newId } from '../../lib/ids'
import type { Actor } from '../auth/actor'
import { ownFiles } from '../files/service'
import { enqueue } from '../outbox/outbox'
import { NOTICE_PAGE, checkPublisher, noticeQuery, toNotices, checkTheme, loadManaged, currentAudience, createReceipts } from './common'

/** The city's safety-education themes, in their order. */
export async function safetyThemes(ctx: AppContext): Promise<SafetyTheme[]> {
  return ctx.db.selectFrom('safety_themes').select(['id', 'name']).where('active', '=', 1).orderBy('sort').execute()
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
        .values({
          id: noticeId,
          ...values,
          author_id: actor.personId,
          status: 'draft',
          publish_at: null,
          published_at: null,
          withdrawn_at: null,
          remind_count: 0,
          last_reminded_at: null,
          created_at: now,
        })
        .execute()
    }
    await trx
      .insertInto('notice_audience')
      .values(schools.flatMap((s) => [...new Set(input.audience.roles)].map((role) => ({ notice_id: noticeId, school_id: s.id, role }))))
      .execute()
    if (attachments.length)
      await trx
        .insertInto('notice_attachments')
        .values(attachments.map((file_id, position) => ({ notice_id: noticeId, file_id, position })))
        .execute()
  })
  return noticeId
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
