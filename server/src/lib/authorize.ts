// The server's side of the policy: services call authorize() on the scope they loaded.
import { can, type Action, type Grant, type Scope } from '@/domain/authorization'
import { forbidden } from './errors'

export function authorize(actor: { grants: readonly Grant[] }, action: Action, scope: Scope, message?: string): void {
  if (!can(actor.grants, action, scope)) throw forbidden(message)
}
