// Invite codes: the rows with their school's name; written once, revoked once.
import type { Insertable, Kysely } from 'kysely'
import type { Database } from '../../db/schema'

type Db = Kysely<Database>

function inviteQuery(db: Db) {
  return db.selectFrom('invites').innerJoin('schools', 'schools.id', 'invites.school_id').selectAll('invites').select('schools.name as school_name')
}

export type InviteRow = Awaited<ReturnType<ReturnType<typeof inviteQuery>['execute']>>[number]

/** The invites of these schools, newest first (at most 200). */
export function invitesOfSchools(db: Db, schoolIds: readonly string[]): Promise<InviteRow[]> {
  return inviteQuery(db).where('invites.school_id', 'in', schoolIds).orderBy('invites.created_at', 'desc').limit(200).execute()
}

export function inviteById(db: Db, inviteId: string): Promise<InviteRow | undefined> {
  return inviteQuery(db).where('invites.id', '=', inviteId).executeTakeFirst()
}

export async function insertInvite(db: Db, values: Insertable<Database['invites']>): Promise<void> {
  await db.insertInto('invites').values(values).execute()
}

/** Revoking twice is harmless: the first time stands. */
export async function revokeInviteRow(db: Db, inviteId: string, at: string): Promise<void> {
  await db.updateTable('invites').set({ revoked_at: at }).where('id', '=', inviteId).where('revoked_at', 'is', null).execute()
}
