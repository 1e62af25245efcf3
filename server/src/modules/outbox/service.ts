// The outbox as its reviewers see it: messages about the schools of their district (the city: all).
import type { OutboxMessage } from '@/types/api'
import { reachOf } from '@/domain/authorization'
import type { AppContext } from '../../context'
import type { Actor } from '../auth/actor'
import { listOutbox } from './repository'

export async function outboxFor(ctx: AppContext, actor: Actor, status?: OutboxMessage['status']): Promise<OutboxMessage[]> {
  return listOutbox(ctx.db, reachOf(actor.grants, 'outbox.view'), status)
}
