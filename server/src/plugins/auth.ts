// Authentication and the first half of authorization: every /api route declares its action
// (`config.action`, shown as `x-action` in the OpenAPI document); this hook refuses anyone whose
// grants hold that action nowhere, before the body is even read. The scope (which school,
// station, district) is checked by the services with authorize() on the objects they load.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { holdsAnywhere, type RouteAction } from '@/domain/authorization'
import type { AppContext } from '../context'
import { forbidden, unauthenticated } from '../lib/errors'
import { loadActor, type Actor } from '../modules/auth/actor'

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * The policy action of this route (domain/authorization.ts); `person` is anyone signed in,
     * even one whose memberships are all pending; `public` needs no session. Required on every /api route.
     */
    action?: RouteAction
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
    const action = route.config?.action
    if (!action) throw new Error(`route ${route.method} ${route.url} must declare config.action`)
    route.schema = { ...(route.schema ?? {}), 'x-action': action } as typeof route.schema
  })

  // a callback hook: a public route (health, login) passes without a promise
  app.addHook('onRequest', (request, reply, done) => {
    const action = request.routeOptions.config?.action
    if (!action || action === 'public') return done()
    authenticate(request, reply, action).then(() => done(), done)
  })

  async function authenticate(request: FastifyRequest, reply: FastifyReply, action: Exclude<RouteAction, 'public'>): Promise<void> {
    // an answer that needs a session is about a person: no browser, proxy or WebView keeps it
    reply.header('cache-control', 'no-store')
    const token = bearerToken(request)
    if (!token) throw unauthenticated()
    const actor = await loadActor(ctx, token)
    if (!actor) throw unauthenticated('登录已过期，请重新登录')
    request.actor = actor
    if (action === 'person') return
    if (!holdsAnywhere(actor.grants, action)) throw forbidden()
  }
}
