// Hazard reports: 建立台账 → 分流交办 → 跟踪落实 → 实施销号. Every status change goes through
// `applyTransition`, which asks domain/hazards whether this actor may, writes the change and its
// event in one transaction, and tells the reporter through the outbox.
import type { Department, Hazard, HazardCategory, HazardCounts, HazardDetail, HazardStatus, ReportHazardRequest, Severity, TransitionRequest } from '@/types/hazards'
import { DEPARTMENT_LABELS, HAZARD_ACTION_LABELS, HAZARD_STATUS_LABELS } from '@/types/hazards'
import { HAZARD_LOCATION_LABELS, type HazardLocationKind } from '@/types/bulletin'
import { actingRole, can, reachIsEmpty, reachOf, rolesAt, rolesWith, type SchoolRef } from '@/domain/authorization'
import { compareUrgency, deadlineFor, hazardActorKinds, nearbyOpen, nearestSchool, statusType, STILL_OPEN_STATUSES, transitionHazard } from '@/domain/hazards'
import type { AppContext } from '../../context'
import { AppError, badRequest, conflict, forbidden, notFound } from '../../lib/errors'
import { reachFilter } from '../../lib/reach'
import { newId } from '../../lib/ids'
import type { Actor } from '../auth/actor'
import { listSchools, schoolIdsWhere } from '../org/repository'
import { grantsOfPerson } from '../auth/actor'
import { ownFiles } from '../files/service'
import { enqueue } from '../outbox/outbox'
import { hazardQuery, timeline, toHazards, type HazardRow, type Viewer } from './repository'
import { PAGES } from '@/types/pages'

const MAX_PHOTOS = 9
const HAZARD_PAGE = PAGES.hazard

export async function categories(ctx: AppContext): Promise<HazardCategory[]> {
  const rows = await ctx.db.selectFrom('hazard_categories').selectAll().where('active', '=', 1).orderBy('sort').execute()
  return rows.map((r) => ({ id: r.id, name: r.name, defaultSeverity: r.default_severity }))
}

/** A new city-wide category (the route allows only category.manage, held by the city). An existing name is a 409, never an update. */
export async function addCategory(ctx: AppContext, name: string, severity: Severity): Promise<HazardCategory[]> {
  const trimmed = name.trim()
  if (!trimmed) throw badRequest('类别名称不能为空', 'name')
  const taken = () => conflict(`类别「${trimmed}」已存在`)
  if (await ctx.db.selectFrom('hazard_categories').select('id').where('name', '=', trimmed).executeTakeFirst()) throw taken()
  const max = await ctx.db
    .selectFrom('hazard_categories')
    .select((eb) => eb.fn.max('sort').as('m'))
    .executeTakeFirst()
  const inserted = await ctx.db
    .insertInto('hazard_categories')
    .values({ id: newId(), name: trimmed, default_severity: severity, sort: Number(max?.m ?? 0) + 1, active: 1 })
    .onConflict((oc) => oc.column('name').doNothing())
    .executeTakeFirst()
  // two requests at once: the second finds the name taken
  if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 0) throw taken()
  return categories(ctx)
}

function refOf(row: HazardRow): SchoolRef {
  return { id: row.school_id, stationId: row.station_id, districtId: row.district_id }
}

function viewerFor(actor: Actor, row: HazardRow | null): Viewer {
  const identities = row ? can(actor.grants, 'hazard.handle', refOf(row)) : false
  return { personId: actor.personId, seesIdentities: identities }
}

async function isConfirmer(ctx: AppContext, actor: Actor, hazardId: string): Promise<boolean> {
  const row = await ctx.db.selectFrom('hazard_confirmations').select('person_id').where('hazard_id', '=', hazardId).where('person_id', '=', actor.personId).executeTakeFirst()
  return !!row
}

/** Reporter, confirmer, assignee, those who oversee the place, or a member while it is not closed. */
async function canSee(ctx: AppContext, actor: Actor, row: HazardRow): Promise<boolean> {
  if (row.reporter_id === actor.personId || row.assignee_id === actor.personId) return true
  if (can(actor.grants, 'hazard.oversee', refOf(row))) return true
  if (can(actor.grants, 'hazard.view', refOf(row)) && statusType(row.status) !== 'closed') return true
  return isConfirmer(ctx, actor, row.id)
}

async function loadVisible(ctx: AppContext, actor: Actor, hazardId: string): Promise<HazardRow> {
  const row = await hazardQuery(ctx.db).where('h.id', '=', hazardId).executeTakeFirst()
  if (!row || !(await canSee(ctx, actor, row))) throw notFound('隐患不存在或你无权查看')
  return row
}

export async function hazardDetail(ctx: AppContext, actor: Actor, hazardId: string): Promise<HazardDetail> {
  const row = await loadVisible(ctx, actor, hazardId)
  const viewer = viewerFor(actor, row)
  const [hazard] = await toHazards(ctx, [row], viewer)
  return { ...hazard, events: await timeline(ctx, row, viewer) }
}

/**
 * A new report. The school is the nearest of the reporter's schools unless given. A retry with
 * the same client key returns the first report.
 */
export async function report(ctx: AppContext, actor: Actor, req: ReportHazardRequest): Promise<HazardDetail> {
  const again = await ctx.db.selectFrom('hazards').select('id').where('reporter_id', '=', actor.personId).where('client_key', '=', req.clientKey).executeTakeFirst()
  if (again) return hazardDetail(ctx, actor, again.id)
  const schools = await listSchools(ctx.db, await schoolIdsWhere(ctx.db, actor.grants, 'hazard.report'))
  if (schools.length === 0) throw forbidden('通过学校审核后才能上报隐患')
  const school = req.schoolId ? schools.find((s) => s.id === req.schoolId) : nearestSchool(schools, req)
  if (!school) throw new AppError(403, 'FORBIDDEN', '只能为你所在的学校上报隐患', 'schoolId')
  const category = (await categories(ctx)).find((c) => c.id === req.categoryId)
  if (!category) throw badRequest('隐患类别不存在', 'categoryId')
  if (req.photoIds.length > MAX_PHOTOS) throw badRequest(`最多上传 ${MAX_PHOTOS} 张照片`, 'photoIds')
  const photos = await ownFiles(ctx, actor.personId, req.photoIds)
  const now = ctx.clock.now().toISOString()
  const id = newId()
  const eventId = newId()
  const actorRole = actingRole(actor.grants, 'hazard.report', { id: school.id, stationId: school.stationId, districtId: school.districtId }) ?? 'volunteer'
  try {
    await ctx.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('hazards')
        .values({
          id,
          school_id: school.id,
          station_id: school.stationId,
          category_id: category.id,
          description: req.description.trim(),
          lat: req.lat,
          lng: req.lng,
          severity: req.severity ?? category.defaultSeverity,
          location_kind: req.locationKind ?? 'around',
          status: 'submitted',
          reporter_id: actor.personId,
          client_key: req.clientKey,
          duplicate_of: null,
          department: null,
          assignee_id: null,
          deadline: null,
          created_at: now,
          updated_at: now,
          closed_at: null,
        })
        .execute()
      await trx
        .insertInto('hazard_events')
        .values({
          id: eventId,
          hazard_id: id,
          actor_id: actor.personId,
          actor_role: actorRole,
          action: 'report',
          from_status: null,
          to_status: 'submitted',
          note: null,
          created_at: now,
        })
        .execute()
      if (photos.length > 0) {
        await trx
          .insertInto('hazard_photos')
          .values(photos.map((fileId, position) => ({ hazard_id: id, event_id: eventId, file_id: fileId, position })))
          .execute()
      }
      const police = await trx
        .selectFrom('memberships')
        .select('person_id')
        .where('role', 'in', rolesWith('hazard.handle'))
        .where('status', '=', 'approved')
        .where('station_id', '=', school.stationId)
        .execute()
      await enqueue(
        trx,
        now,
        police.map((p) => ({
          personId: p.person_id,
          schoolId: school.id,
          kind: 'hazard.submitted',
          title: '新的隐患上报',
          body: `${school.name}附近：${category.name}，${req.description.trim().slice(0, 30)}`,
          payload: { page: HAZARD_PAGE, hazardId: id },
          dedupeKey: `hazard.submitted:${id}:${p.person_id}`,
        })),
      )
    })
  } catch (error) {
    const winner = await ctx.db.selectFrom('hazards').select('id').where('reporter_id', '=', actor.personId).where('client_key', '=', req.clientKey).executeTakeFirst()
    if (!winner) throw error
    return hazardDetail(ctx, actor, winner.id)
  }
  return hazardDetail(ctx, actor, id)
}

/** Open reports of this category within 50 m, for "我也遇到了". */
export async function nearby(ctx: AppContext, actor: Actor, point: { lat: number; lng: number }, categoryId: string): Promise<(Hazard & { distanceM: number })[]> {
  const box = 0.001 // ≈ 100 m: a cheap bounding box before the exact distance
  const rows = await hazardQuery(ctx.db)
    .where('h.category_id', '=', categoryId)
    .where('h.status', 'in', STILL_OPEN_STATUSES)
    .where('h.lat', '>=', point.lat - box)
    .where('h.lat', '<=', point.lat + box)
    .where('h.lng', '>=', point.lng - box)
    .where('h.lng', '<=', point.lng + box)
    .execute()
  const close = nearbyOpen(
    rows.map((r) => ({ ...r, lat: Number(r.lat), lng: Number(r.lng), categoryId: r.category_id, status: r.status })),
    point,
    categoryId,
  )
  const visible: HazardRow[] = []
  for (const r of close) if (await canSee(ctx, actor, r)) visible.push(r)
  const hazards = await toHazards(ctx, visible, { personId: actor.personId, seesIdentities: false })
  return hazards.map((h) => ({ ...h, reporter: h.mine ? h.reporter : null, distanceM: close.find((c) => c.id === h.id)!.distanceM }))
}

/** "我也遇到了": once per person, with an optional photo; the reporter's case gains weight. */
export async function confirm(ctx: AppContext, actor: Actor, hazardId: string, photoId: string | undefined): Promise<HazardDetail> {
  const row = await loadVisible(ctx, actor, hazardId)
  if (statusType(row.status) === 'closed') throw new AppError(409, 'CONFLICT', '该隐患已办结')
  if (row.reporter_id === actor.personId) throw badRequest('这是你自己上报的隐患')
  const photos = await ownFiles(ctx, actor.personId, photoId ? [photoId] : [])
  const now = ctx.clock.now().toISOString()
  const eventId = newId()
  const role = rolesAt(actor.grants, refOf(row))[0] ?? 'volunteer'
  try {
    await ctx.db.transaction().execute(async (trx) => {
      await trx.insertInto('hazard_confirmations').values({ hazard_id: hazardId, person_id: actor.personId, created_at: now }).execute()
      await trx
        .insertInto('hazard_events')
        .values({
          id: eventId,
          hazard_id: hazardId,
          actor_id: actor.personId,
          actor_role: role,
          action: 'confirm',
          from_status: row.status,
          to_status: row.status,
          note: null,
          created_at: now,
        })
        .execute()
      if (photos.length) await trx.insertInto('hazard_photos').values({ hazard_id: hazardId, event_id: eventId, file_id: photos[0], position: 0 }).execute()
    })
  } catch (error) {
    if (!(await isConfirmer(ctx, actor, hazardId))) throw error
  }
  return hazardDetail(ctx, actor, hazardId)
}

/** The police put a hazard inside the school or around it; setting it again changes nothing. */
export async function setLocationKind(ctx: AppContext, actor: Actor, hazardId: string, kind: HazardLocationKind): Promise<HazardDetail> {
  const row = await loadVisible(ctx, actor, hazardId)
  if (!can(actor.grants, 'hazard.handle', refOf(row))) throw forbidden('只有民警和管理员可以更正隐患位置')
  if (row.location_kind !== kind) {
    const now = ctx.clock.now().toISOString()
    // the change goes on the timeline (who, when, from what to what) with the hazard's status unchanged
    await ctx.db.transaction().execute(async (trx) => {
      await trx.updateTable('hazards').set({ location_kind: kind, updated_at: now }).where('id', '=', hazardId).execute()
      await trx
        .insertInto('hazard_events')
        .values({
          id: newId(),
          hazard_id: hazardId,
          actor_id: actor.personId,
          actor_role: actingRole(actor.grants, 'hazard.handle', refOf(row)) ?? 'police',
          action: 'locate',
          from_status: row.status,
          to_status: row.status,
          note: `${HAZARD_LOCATION_LABELS[row.location_kind] ?? row.location_kind} → ${HAZARD_LOCATION_LABELS[kind]}`,
          created_at: now,
        })
        .execute()
    })
  }
  return hazardDetail(ctx, actor, hazardId)
}

export interface HazardFilter {
  scope: 'mine' | 'school' | 'queue' | 'assigned'
  schoolId?: string
  status?: HazardStatus
  categoryId?: string
  overdue?: boolean
}

export async function listHazards(ctx: AppContext, actor: Actor, f: HazardFilter): Promise<Hazard[]> {
  let q = hazardQuery(ctx.db)
  let identities = false
  if (f.scope === 'mine') {
    q = q.where((eb) =>
      eb.or([
        eb('h.reporter_id', '=', actor.personId),
        eb.exists(eb.selectFrom('hazard_confirmations as hc').select('hc.person_id').whereRef('hc.hazard_id', '=', 'h.id').where('hc.person_id', '=', actor.personId)),
      ]),
    )
  } else if (f.scope === 'assigned') {
    q = q.where('h.assignee_id', '=', actor.personId)
  } else if (f.scope === 'school') {
    if (!f.schoolId) throw badRequest('请选择学校', 'schoolId')
    const [school] = await listSchools(ctx.db, [f.schoolId])
    if (!school) throw notFound('学校不存在')
    const ref = { id: school.id, stationId: school.stationId, districtId: school.districtId }
    if (!can(actor.grants, 'hazard.view', ref)) throw forbidden('你不是该校成员')
    identities = can(actor.grants, 'hazard.handle', ref)
    q = q.where('h.school_id', '=', f.schoolId)
    // members see what is still open around their school, without who reported it
    if (!can(actor.grants, 'hazard.oversee', ref)) q = q.where('h.status', 'in', STILL_OPEN_STATUSES)
  } else {
    // handlers see their reach's queue with reporters; the city oversees every district without them
    const handles = reachOf(actor.grants, 'hazard.handle')
    const reach = reachIsEmpty(handles) ? reachOf(actor.grants, 'hazard.oversee') : handles
    if (reachIsEmpty(reach)) throw forbidden('只有民警和管理员可以处理隐患')
    q = q.where((eb) => reachFilter(eb, reach, { school: 'h.school_id', station: 'h.station_id', district: 'sc.district_id' }))
    if (f.schoolId) q = q.where('h.school_id', '=', f.schoolId)
    identities = !reachIsEmpty(handles)
  }
  if (f.status) q = q.where('h.status', '=', f.status)
  if (f.categoryId) q = q.where('h.category_id', '=', f.categoryId)
  if (f.overdue) q = q.where('h.status', '=', 'assigned').where('h.deadline', '<', ctx.clock.now().toISOString())
  const rows = await q.orderBy('h.created_at', 'desc').limit(300).execute()
  const now = ctx.clock.now()
  const hazards = await toHazards(ctx, rows, { personId: actor.personId, seesIdentities: identities })
  return f.scope === 'queue' ? hazards.sort((a, b) => compareUrgency(a, b, now)) : hazards
}

/** 首页's hazard numbers: two aggregate queries, however many reports. */
export async function hazardCounts(ctx: AppContext, actor: Actor): Promise<HazardCounts> {
  const nowIso = ctx.clock.now().toISOString()
  const counted = () =>
    ctx.db.selectFrom('hazards as h').select((eb) => [
      eb.fn.sum<number>(eb.case().when('h.status', '=', 'submitted').then(1).else(0).end()).as('submitted'),
      eb.fn.sum<number>(eb.case().when('h.status', '=', 'assigned').then(1).else(0).end()).as('open'),
      eb.fn
        .sum<number>(
          eb
            .case()
            .when(eb.and([eb('h.status', '=', 'assigned'), eb('h.deadline', '<', nowIso)]))
            .then(1)
            .else(0)
            .end(),
        )
        .as('overdue'),
    ])
  const reach = reachOf(actor.grants, 'hazard.handle')
  const [queue, assigned] = await Promise.all([
    !reachIsEmpty(reach)
      ? schoolIdsWhere(ctx.db, actor.grants, 'hazard.handle').then((ids) =>
          ids.length ? counted().where('h.school_id', 'in', ids).where('h.status', 'in', ['submitted', 'assigned']).executeTakeFirst() : undefined,
        )
      : Promise.resolve(null),
    counted().where('h.assignee_id', '=', actor.personId).where('h.status', '=', 'assigned').executeTakeFirst(),
  ])
  const n = (v: number | string | null | undefined) => Number(v ?? 0)
  return {
    queue: queue === null ? null : { submitted: n(queue?.submitted), overdue: n(queue?.overdue) },
    assigned: { open: n(assigned?.open), overdue: n(assigned?.overdue) },
  }
}

async function schoolPrincipal(ctx: AppContext, schoolId: string): Promise<string | null> {
  const row = await ctx.db
    .selectFrom('memberships')
    .select('person_id')
    .where('school_id', '=', schoolId)
    .where('role', 'in', rolesWith('hazard.fix'))
    .where('status', '=', 'approved')
    .orderBy('created_at')
    .executeTakeFirst()
  return row?.person_id ?? null
}

/** The one place a hazard's status changes. */
export async function applyTransition(ctx: AppContext, actor: Actor, hazardId: string, req: TransitionRequest): Promise<HazardDetail> {
  const row = await loadVisible(ctx, actor, hazardId)
  const ref = refOf(row)
  const kinds = hazardActorKinds(can(actor.grants, 'hazard.handle', ref), row.assignee_id === actor.personId)
  let assigneeId: string | null = row.assignee_id
  let department: Department | null = row.department ?? null
  if (req.action === 'assign') {
    department = req.department ?? null
    if (!can(actor.grants, 'hazard.assign', ref)) throw forbidden('只有负责该校的民警或管理员可以交办')
    assigneeId = req.assigneePersonId ?? (department === 'school' ? await schoolPrincipal(ctx, row.school_id) : null)
    if (department === 'school' && !assigneeId) throw badRequest('该校还没有校长账号，无法交办给学校', 'department')
    // the person named must be someone who may fix hazards at this very school
    if (req.assigneePersonId && !can(await grantsOfPerson(ctx, req.assigneePersonId), 'hazard.fix', ref)) {
      throw new AppError(403, 'FORBIDDEN', '只能交办给该校通过审核的校长', 'assigneePersonId')
    }
  }
  if (req.action === 'assign' && req.deadline && new Date(req.deadline).getTime() <= ctx.clock.now().getTime()) {
    throw badRequest('整改期限应晚于现在', 'deadline')
  }
  if (req.action === 'duplicate') {
    if (req.duplicateOf === hazardId) throw badRequest('不能标记为与自己重复', 'duplicateOf')
    if (req.duplicateOf) {
      // the original must be a report this actor handles too: another district's is as good as none
      const original = await hazardQuery(ctx.db).where('h.id', '=', req.duplicateOf).executeTakeFirst()
      if (!original || !can(actor.grants, 'hazard.handle', refOf(original))) throw badRequest('重复的隐患不存在', 'duplicateOf')
    }
  }
  const result = transitionHazard(row.status, req.action, kinds, { note: req.note, duplicateOf: req.duplicateOf, hasAssignee: !!department })
  if (!result.ok) throw new AppError(result.status, result.status === 403 ? 'FORBIDDEN' : result.status === 409 ? 'CONFLICT' : 'BAD_REQUEST', result.message, result.field)
  if (!result.changed) return hazardDetail(ctx, actor, hazardId)
  const photos = await ownFiles(ctx, actor.personId, req.photoIds ?? [])
  if (photos.length > MAX_PHOTOS) throw badRequest(`最多上传 ${MAX_PHOTOS} 张照片`, 'photoIds')
  const now = ctx.clock.now()
  const nowIso = now.toISOString()
  const deadline = req.action === 'assign' ? (req.deadline ?? deadlineFor(row.severity, now)) : row.deadline
  const eventId = newId()
  const actorRole = actingRole(actor.grants, 'hazard.handle', ref) ?? rolesAt(actor.grants, ref)[0] ?? 'principal'
  await ctx.db.transaction().execute(async (trx) => {
    const updated = await trx
      .updateTable('hazards')
      .set({
        status: result.to,
        updated_at: nowIso,
        duplicate_of: req.action === 'duplicate' ? (req.duplicateOf ?? null) : row.duplicate_of,
        department,
        assignee_id: assigneeId,
        deadline,
        closed_at: result.to === 'closed' ? nowIso : req.action === 'reopen' ? null : row.closed_at,
      })
      .where('id', '=', hazardId)
      .where('status', '=', row.status)
      .executeTakeFirst()
    // someone else changed it in the meantime: their change stands, nothing is written twice
    if (Number(updated.numUpdatedRows) !== 1) throw new AppError(409, 'CONFLICT', '隐患状态刚刚被他人更新，请刷新后重试')
    const assigneeText = req.action === 'assign' && department ? `交办${DEPARTMENT_LABELS[department]}，期限 ${deadline?.slice(0, 10)}` : null
    const note = [assigneeText, req.note?.trim() || null].filter(Boolean).join('；') || null
    await trx
      .insertInto('hazard_events')
      .values({
        id: eventId,
        hazard_id: hazardId,
        actor_id: actor.personId,
        actor_role: actorRole,
        action: req.action,
        from_status: row.status,
        to_status: result.to,
        note,
        created_at: nowIso,
      })
      .execute()
    if (photos.length)
      await trx
        .insertInto('hazard_photos')
        .values(photos.map((fileId, position) => ({ hazard_id: hazardId, event_id: eventId, file_id: fileId, position })))
        .execute()
    const told = [{ personId: row.reporter_id, why: 'reporter' }]
    if (req.action === 'assign' && assigneeId && assigneeId !== actor.personId) told.push({ personId: assigneeId, why: 'assignee' })
    await enqueue(
      trx,
      nowIso,
      told.map((t) => ({
        personId: t.personId,
        schoolId: row.school_id,
        kind: `hazard.${req.action}`,
        title: t.why === 'assignee' ? '有隐患交办给你' : '你上报的隐患有进展',
        body: `${row.category_name}（${row.school_name}）：${HAZARD_ACTION_LABELS[req.action]}，当前「${HAZARD_STATUS_LABELS[result.to]}」${note ? `。${note}` : ''}`,
        payload: { page: HAZARD_PAGE, hazardId },
        dedupeKey: `hazard.${req.action}:${eventId}:${t.personId}`,
      })),
    )
  })
  return hazardDetail(ctx, actor, hazardId)
}
