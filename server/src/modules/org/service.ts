// Schools as a person sees them: those their approved memberships reach, with their posts.
import type { School } from '@/types/org'
import type { AppContext } from '../../context'
import type { Actor } from '../auth/actor'
import { listSchools, schoolIdsReachedBy } from './repository'

export async function mySchools(ctx: AppContext, actor: Actor): Promise<School[]> {
  return listSchools(ctx.db, await schoolIdsReachedBy(ctx.db, actor.grants))
}
