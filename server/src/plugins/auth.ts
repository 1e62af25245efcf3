// Authentication and the first half of authorization: every /api route declares the roles it
// allows (`config.roles`, shown as `x-roles` in the OpenAPI document); this hook refuses anyone
// else before the body is even read. Scope (which school) is checked by the services with
// domain/authorization.
import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { Role } from '../../../types/org'
import type { AppContext } from '../context'
import { forbidden, unauthenticated } from '../lib/errors'
import { loadActor, type Actor } from '../modules/auth/actor'

/** `person`: any signed-in person, even one whose memberships are all pending. */
export type AllowedRole = Role | 'person'

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Who may call this route; `[]` means public. Required on every /api route. */
    roles?: readonly AllowedRole[]
  }
  interface FastifyRequest {
    actor: Actor | null
  }
}

export function bearerToken(request: FastifyRequest): string | null {
  const header = request.headers.authorization
  if (!header) return null
  const match = /^Bearer\s+(\S+)$/i.exec(header)
  return match ? match[1] : null
}

/** The signed-in actor of a route that is not public. */
export function actorOf(request: FastifyRequest): Actor {
  if (!request.actor) throw unauthenticated()
  return request.actor
}

export function registerAuth(app: FastifyInstance, ctx: AppContext): void {
  app.decorateRequest('actor', null)

  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api/') || route.url.startsWith('/api/docs')) return
    const roles = route.config?.roles
    if (!roles) throw new Error(`route ${route.method} ${route.url} must declare config.roles`)
    route.schema = { ...(route.schema ?? {}), 'x-roles': [...roles] } as typeof route.schema
  })

  app.addHook('onRequest', async (request, reply) => {
    const roles = request.routeOptions.config?.roles
    if (!roles || roles.length === 0) return
    // an answer that needs a session is about a person: no browser, proxy or WebView keeps it
    reply.header('cache-control', 'no-store')
    const token = bearerToken(request)
    if (!token) throw unauthenticated()
    const actor = await loadActor(ctx, token)
    if (!actor) throw unauthenticated('登录已过期，请重新登录')
    request.actor = actor
    if (roles.includes('person')) return
    if (!actor.grants.some((g) => roles.includes(g.role))) throw forbidden()
  })
}
