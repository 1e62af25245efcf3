import type { Expression, ExpressionBuilder, Kysely, SqlBool } from 'kysely'
import { reachIsEmpty, reachOf, type Action, type Grant, type SchoolRef } from '@/domain/authorization'
import { reachFilter } from '../../lib/reach'
import type { Membership, MembershipScope, School } from '@/types/org'
import type { Database } from '../../db/schema'

type Db = Kysely<Database>

export async function getSchoolRef(db: Db, schoolId: string): Promise<(SchoolRef & { name: string }) | undefined> {
  const row = await db.selectFrom('schools').select(['id', 'station_id', 'district_id', 'name']).where('id', '=', schoolId).executeTakeFirst()
  return row && { id: row.id, stationId: row.station_id, districtId: row.district_id, name: row.name }
}

/** Every school where the grants hold the action (own school, station's schools, district's schools, the city). */
export async function schoolIdsWhere(db: Db, grants: readonly Grant[], action: Action): Promise<string[]> {
  return (await schoolRefsWhere(db, grants, action)).map((r) => r.id)
}

/** The same schools with their station and district, for further checks with the policy. */
export async function schoolRefsWhere(db: Db, grants: readonly Grant[], action: Action): Promise<SchoolRef[]> {
  const reach = reachOf(grants, action)
  if (reachIsEmpty(reach)) return []
  let q = db.selectFrom('schools').select(['id', 'station_id', 'district_id'])
  if (!reach.city) q = q.where((eb) => reachFilter(eb, reach, { school: 'id', station: 'station_id', district: 'district_id' }))
  const rows = await q.orderBy('name').execute()
  return rows.map((r) => ({ id: r.id, stationId: r.station_id, districtId: r.district_id }))
}

/** Every school any of the person's grants reaches: what /api/schools lists. */
export async function schoolIdsReachedBy(db: Db, grants: readonly Grant[]): Promise<string[]> {
  return schoolIdsWhere(db, grants, 'school.view')
}

export async function listSchools(db: Db, ids: readonly string[]): Promise<School[]> {
  if (ids.length === 0) return []
  return schoolsWithPosts(
    db,
    (eb) => eb('schools.id', 'in', ids),
    (eb) => eb('school_id', 'in', ids),
  )
}

/**
 * Every school where the grants hold the action, with its posts: what `listSchools(schoolIdsWhere(…))`
 * gives, in one round trip instead of two (the reach is a condition of the same queries).
 */
export async function listSchoolsWhere(db: Db, grants: readonly Grant[], action: Action): Promise<School[]> {
  const reach = reachOf(grants, action)
  if (reachIsEmpty(reach)) return []
  const cols = { school: 'schools.id', station: 'schools.station_id', district: 'schools.district_id' }
  return schoolsWithPosts(
    db,
    (eb) => reachFilter(eb, reach, cols),
    (eb) =>
      eb(
        'school_id',
        'in',
        eb
          .selectFrom('schools')
          .select('schools.id')
          .where((e) => reachFilter(e, reach, cols)),
      ),
  )
}

async function schoolsWithPosts(
  db: Db,
  schoolWhere: (eb: ExpressionBuilder<Database, 'schools' | 'stations' | 'districts'>) => Expression<SqlBool>,
  postWhere: (eb: ExpressionBuilder<Database, 'posts'>) => Expression<SqlBool>,
): Promise<School[]> {
  const [schools, posts] = await Promise.all([
    db
      .selectFrom('schools')
      .innerJoin('stations', 'stations.id', 'schools.station_id')
      .innerJoin('districts', 'districts.id', 'schools.district_id')
      .select([
        'schools.id',
        'schools.name',
        'schools.kind',
        'schools.address',
        'schools.lat',
        'schools.lng',
        'schools.phone',
        'schools.district_id',
        'districts.name as district_name',
        'schools.station_id',
        'stations.name as station_name',
      ])
      .where(schoolWhere)
      .orderBy('schools.name')
      .execute(),
    db.selectFrom('posts').selectAll().where(postWhere).orderBy('name').execute(),
  ])
  return schools.map((s) => ({
    id: s.id,
    name: s.name,
    kind: s.kind,
    address: s.address,
    lat: Number(s.lat),
    lng: Number(s.lng),
    phone: s.phone,
    districtId: s.district_id,
    districtName: s.district_name,
    stationId: s.station_id,
    stationName: s.station_name,
    posts: posts.filter((p) => p.school_id === s.id).map((p) => ({ id: p.id, schoolId: p.school_id, name: p.name, lat: Number(p.lat), lng: Number(p.lng), radiusM: p.radius_m })),
  }))
}

/**
 * Memberships (as `m`) with the names of their scopes: school, station, district (a city
 * membership has none). The one query for a membership shown with where it holds.
 */
export function membershipsWithScopeNames(db: Db) {
  return db
    .selectFrom('memberships as m')
    .leftJoin('schools', 'schools.id', 'm.school_id')
    .leftJoin('stations', 'stations.id', 'm.station_id')
    .leftJoin('districts', 'districts.id', 'm.district_id')
    .select(['schools.name as school_name', 'stations.name as station_name', 'districts.name as district_name'])
}

/** A person's memberships of every status, newest first, with the names of their scopes. */
export async function membershipsOfPerson(db: Db, personId: string): Promise<Membership[]> {
  const rows = await membershipsWithScopeNames(db)
    .select(['m.id', 'm.person_id', 'm.role', 'm.status', 'm.school_id', 'm.station_id', 'm.district_id', 'm.reason', 'm.created_at', 'm.decided_at'])
    .where('m.person_id', '=', personId)
    .orderBy('m.created_at', 'desc')
    .execute()
  const policeIds = rows.filter((r) => r.station_id !== null).map((r) => r.id)
  const responsible = policeIds.length ? await db.selectFrom('police_schools').selectAll().where('membership_id', 'in', policeIds).execute() : []
  return rows.map((r) => {
    let scope: MembershipScope
    if (r.school_id) scope = { kind: 'school', schoolId: r.school_id, schoolName: r.school_name ?? '' }
    else if (r.station_id) {
      scope = {
        kind: 'station',
        stationId: r.station_id,
        stationName: r.station_name ?? '',
        schoolIds: responsible.filter((x) => x.membership_id === r.id).map((x) => x.school_id),
      }
    } else if (r.district_id) scope = { kind: 'district', districtId: r.district_id, districtName: r.district_name ?? '' }
    else scope = { kind: 'city' }
    return {
      id: r.id,
      personId: r.person_id,
      role: r.role,
      status: r.status,
      scope,
      reason: r.reason,
      createdAt: r.created_at,
      decidedAt: r.decided_at,
    }
  })
}
