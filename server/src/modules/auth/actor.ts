import type { Grant } from '@/domain/authorization'
import type { Kysely } from 'kysely'
import type { AppContext } from '../../context'
import type { Database } from '../../db/schema'
import { hotQuery } from '../../db/hot-query'
import { sqliteForSync } from '../../db/dialect'
import { sha256 } from '../../lib/ids'

/** The signed-in person and what their approved memberships let them reach. */
export interface Actor {
  personId: string
  name: string
  grants: Grant[]
  /** For police: the schools they are personally responsible for. */
  responsibleSchoolIds: string[]
}

/** The person with their approved memberships and responsible schools (people joined from here). */
function actorQuery(db: Kysely<Database>) {
  return db
    .selectFrom('people')
    .leftJoin('memberships', (join) => join.onRef('memberships.person_id', '=', 'people.id').on('memberships.status', '=', 'approved'))
    .leftJoin('police_schools', 'police_schools.membership_id', 'memberships.id')
    .select([
      'people.id',
      'people.name',
      'memberships.role',
      'memberships.school_id',
      'memberships.station_id',
      'memberships.district_id',
      'police_schools.school_id as responsible_school_id',
    ])
}

type ActorRow = Awaited<ReturnType<ReturnType<typeof actorQuery>['execute']>>[number]

/** One row per membership × responsible school, folded into the person's grants. */
function actorOfRows(rows: ActorRow[]): Actor | null {
  if (rows.length === 0) return null
  const grants: Grant[] = []
  const seen = new Set<string>()
  const responsible = new Set<string>()
  for (const r of rows) {
    if (r.responsible_school_id) responsible.add(r.responsible_school_id)
    if (!r.role) continue
    const key = `${r.role}|${r.school_id}|${r.station_id}|${r.district_id}`
    if (seen.has(key)) continue
    seen.add(key)
    grants.push({ role: r.role, schoolId: r.school_id, stationId: r.station_id, districtId: r.district_id })
  }
  return { personId: rows[0].id, name: rows[0].name, grants, responsibleSchoolIds: [...responsible] }
}

/** The actor of a session (every request that needs one runs this: compiled once). */
const sessionActor = (withDemo: boolean) =>
  hotQuery((db, p: { tokenHash: string; now: string }) => {
    const q = actorQuery(db)
      .innerJoin('sessions', 'sessions.person_id', 'people.id')
      .select('sessions.expires_at')
      .where('sessions.token_hash', '=', p.tokenHash)
      .where('sessions.expires_at', '>', p.now)
    // with the demo off (production), neither a demo login's session nor a demo person is served,
    // even on a database that once ran the demo
    return withDemo ? q : q.where('sessions.origin', '=', 'wechat').where('people.is_demo', '=', 0)
  })
const actorBySession = { demo: sessionActor(true), production: sessionActor(false) }

/**
 * The actor of a session: from the cache (lib/actor-cache.ts) or one query — the session, the
 * person, and their approved memberships with responsible schools (synchronous on SQLite when no
 * transaction is open on its connection).
 */
export async function loadActor(ctx: AppContext, token: string): Promise<Actor | null> {
  const tokenHash = sha256(token)
  const now = ctx.clock.now()
  const read = () => readActor(ctx, tokenHash, now)
  return ctx.actors ? ctx.actors.resolve(tokenHash, now, read) : ((await read())?.actor ?? null)
}

async function readActor(ctx: AppContext, tokenHash: string, now: Date): Promise<{ actor: Actor; expiresAt: string } | null> {
  const query = ctx.config.demo ? actorBySession.demo : actorBySession.production
  const params = { tokenHash, now: now.toISOString() }
  const connection = sqliteForSync(ctx.db)
  const rows = connection ? query.sync(ctx.db, connection, params) : (await query(ctx.db, params)).rows
  const actor = actorOfRows(rows)
  return actor ? { actor, expiresAt: rows[0].expires_at } : null
}

/** A person as the auth hook would resolve them, without a session (the demo history acts as its people). */
export async function actorOfPerson(ctx: AppContext, personId: string): Promise<Actor> {
  const actor = actorOfRows(await actorQuery(ctx.db).where('people.id', '=', personId).execute())
  if (!actor) throw new Error(`no person ${personId}`)
  return actor
}

/** Another person's approved grants: to check that a person a request names may be given what it asks (a hazard to fix). */
export async function grantsOfPerson(ctx: AppContext, personId: string): Promise<Grant[]> {
  const rows = await ctx.db
    .selectFrom('memberships')
    .select(['role', 'school_id', 'station_id', 'district_id'])
    .where('person_id', '=', personId)
    .where('status', '=', 'approved')
    .execute()
  return rows.map((r) => ({ role: r.role, schoolId: r.school_id, stationId: r.station_id, districtId: r.district_id }))
}
