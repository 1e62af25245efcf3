// Reading hazards and mapping rows to types/: what a viewer may see of the reporter and of
// the actors on the timeline is decided here, in one place.
import type { Kysely } from 'kysely'
import type { Hazard, HazardEvent, HazardPhoto } from '@/types/hazards'
import { ROLE_LABELS, type Role } from '@/types/org'
import { isOverdue, statusType } from '@/domain/hazards'
import type { AppContext } from '../../context'
import type { Database } from '../../db/schema'
import { fileUrls } from '../files/service'

type Db = Kysely<Database>

export function hazardQuery(db: Db) {
  return db
    .selectFrom('hazards as h')
    .innerJoin('schools as sc', 'sc.id', 'h.school_id')
    .innerJoin('hazard_categories as c', 'c.id', 'h.category_id')
    .innerJoin('people as r', 'r.id', 'h.reporter_id')
    .leftJoin('people as a', 'a.id', 'h.assignee_id')
    .selectAll('h')
    .select(['sc.name as school_name', 'sc.district_id', 'c.name as category_name', 'c.default_severity', 'r.name as reporter_name', 'a.name as assignee_name'])
}

export type HazardRow = Awaited<ReturnType<ReturnType<typeof hazardQuery>['execute']>>[number]

/** Who is looking: police and admins see reporters' names; everyone else sees roles only. */
export interface Viewer {
  personId: string
  seesIdentities: boolean
}

export async function toHazards(ctx: AppContext, rows: HazardRow[], viewer: Viewer): Promise<Hazard[]> {
  if (rows.length === 0) return []
  const ids = rows.map((r) => r.id)
  const [photos, confirmations] = await Promise.all([
    ctx.db
      .selectFrom('hazard_photos as hp')
      .innerJoin('hazard_events as e', 'e.id', 'hp.event_id')
      .select(['hp.hazard_id', 'hp.file_id'])
      .where('hp.hazard_id', 'in', ids)
      .where('e.action', '=', 'report')
      .orderBy('hp.position')
      .execute(),
    ctx.db
      .selectFrom('hazard_confirmations')
      .select([
        'hazard_id',
        (eb) => eb.fn.countAll<number>().as('n'),
        (eb) => eb.fn.sum<number>(eb.case().when('person_id', '=', viewer.personId).then(1).else(0).end()).as('mine'),
      ])
      .where('hazard_id', 'in', ids)
      .groupBy('hazard_id')
      .execute(),
  ])
  const now = ctx.clock.now()
  return rows.map((r) => {
    const status = r.status
    const mine = r.reporter_id === viewer.personId
    return {
      id: r.id,
      schoolId: r.school_id,
      schoolName: r.school_name,
      lat: Number(r.lat),
      lng: Number(r.lng),
      category: { id: r.category_id, name: r.category_name, defaultSeverity: r.default_severity },
      description: r.description,
      severity: r.severity,
      locationKind: r.location_kind,
      status,
      statusType: statusType(status),
      reporter: viewer.seesIdentities || mine ? { id: r.reporter_id, name: r.reporter_name } : null,
      mine,
      assignee: r.department ? { department: r.department, personId: r.assignee_id, personName: r.assignee_name ?? null } : null,
      deadline: r.deadline,
      overdue: isOverdue(status, r.deadline, now),
      duplicateOf: r.duplicate_of,
      confirmations: Number(confirmations.find((c) => c.hazard_id === r.id)?.n ?? 0),
      confirmedByMe: Number(confirmations.find((c) => c.hazard_id === r.id)?.mine ?? 0) > 0,
      photos: photos.filter((p) => p.hazard_id === r.id).map((p) => photoOf(ctx, p.file_id)),
      createdAt: r.created_at,
      updatedAt: r.updated_at,
    }
  })
}

export function photoOf(ctx: AppContext, fileId: string): HazardPhoto {
  return { fileId, ...fileUrls(ctx, fileId) }
}

export async function timeline(ctx: AppContext, hazard: HazardRow, viewer: Viewer): Promise<HazardEvent[]> {
  const [events, photos] = await Promise.all([
    ctx.db
      .selectFrom('hazard_events as e')
      .innerJoin('people as p', 'p.id', 'e.actor_id')
      .select(['e.id', 'e.action', 'e.from_status', 'e.to_status', 'e.note', 'e.created_at', 'e.actor_id', 'e.actor_role', 'p.name'])
      .where('e.hazard_id', '=', hazard.id)
      .orderBy('e.created_at')
      .orderBy('e.id')
      .execute(),
    ctx.db.selectFrom('hazard_photos').select(['event_id', 'file_id']).where('hazard_id', '=', hazard.id).orderBy('position').execute(),
  ])
  return events.map((e) => {
    // Reporters (and those who said 我也遇到了) stay anonymous to all but police and admins.
    let actor: string
    if (e.actor_id === viewer.personId) actor = '我'
    else if (viewer.seesIdentities) actor = `${roleText(e.actor_role)} ${e.name}`
    else if (e.action === 'report') actor = '上报人'
    else if (e.action === 'confirm') actor = '其他成员'
    else actor = roleText(e.actor_role)
    return {
      id: e.id,
      action: e.action,
      fromStatus: e.from_status ?? null,
      toStatus: e.to_status,
      actor,
      note: e.note,
      photos: photos.filter((p) => p.event_id === e.id).map((p) => photoOf(ctx, p.file_id)),
      createdAt: e.created_at,
    }
  })
}

function roleText(role: string): string {
  return ROLE_LABELS[role as Role] ?? '成员'
}
