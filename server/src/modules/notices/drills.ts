// Drill records: a drill at one or more schools, linked to its notice, with photos and the
// response times of its drill alarms; a school's drill history.
import type { Drill, DrillInput } from '@/types/notices'
import { authorize } from '../../lib/authorize'
import type { AppContext } from '../../context'
import { badRequest, notFound } from '../../lib/errors'
import { newId } from '../../lib/ids'
import type { Actor } from '../auth/actor'
import { fileUrls, ownFiles } from '../files/service'
import { summaryQuery, toSummary } from '../alarms/repository'
import { schoolRefs, checkPublisher, managesNotice, checkTheme } from './common'

export async function recordDrill(ctx: AppContext, actor: Actor, input: DrillInput): Promise<Drill> {
  const schools = await checkPublisher(ctx, actor, input.schoolIds)
  if (input.noticeId) {
    // the linked notice must be one the actor manages or one sent to a school of this drill:
    // another district's notice is as good as none
    const notice = await ctx.db.selectFrom('notices').select(['id', 'station_id', 'district_id']).where('id', '=', input.noticeId).executeTakeFirst()
    const sentHere = notice
      ? await ctx.db
          .selectFrom('notice_audience')
          .select('school_id')
          .where('notice_id', '=', notice.id)
          .where(
            'school_id',
            'in',
            schools.map((s) => s.id),
          )
          .executeTakeFirst()
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
    await trx
      .insertInto('drill_schools')
      .values(schools.map((s) => ({ drill_id: id, school_id: s.id })))
      .execute()
    if (photos.length)
      await trx
        .insertInto('drill_photos')
        .values(photos.map((file_id, position) => ({ drill_id: id, file_id, position })))
        .execute()
  })
  return (await drillsBy(ctx, actor, [id]))[0]
}

async function drillsBy(ctx: AppContext, _actor: Actor, ids: string[]): Promise<Drill[]> {
  if (ids.length === 0) return []
  const [drills, schools, photos, alarms] = await Promise.all([
    ctx.db
      .selectFrom('drills as d')
      .innerJoin('people as p', 'p.id', 'd.recorded_by')
      .selectAll('d')
      .select('p.name as recorder')
      .where('d.id', 'in', ids)
      .orderBy('d.date', 'desc')
      .execute(),
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
    responses: alarms.filter((a) => a.drill_notice_id === d.notice_id && schools.some((s) => s.drill_id === d.id && s.id === a.school_id)).map((a) => toSummary(a, now)),
  }))
}

/** A school's drill history: for its members' managers (principal), police and admins. */
export async function schoolDrills(ctx: AppContext, actor: Actor, schoolId: string): Promise<Drill[]> {
  const [school] = await schoolRefs(ctx.db, [schoolId])
  if (!school) throw notFound('学校不存在')
  authorize(actor, 'drill.view', school, '只有校长、民警和管理员可以查看演练记录')
  const rows = await ctx.db.selectFrom('drill_schools').select('drill_id').where('school_id', '=', schoolId).execute()
  // the school's ledger: its own drill alarms
  return (
    await drillsBy(
      ctx,
      actor,
      rows.map((r) => r.drill_id),
    )
  ).map((d) => ({ ...d, responses: d.responses.filter((a) => a.schoolId === schoolId) }))
}
