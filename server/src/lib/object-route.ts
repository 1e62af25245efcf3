// One declaration for the routes that act on one object by id (`/:id`, no body) and answer with
// the object: an alarm's detail, 收到 and 误触取消, a broadcast's detail and 确认 are all this shape.
import type { Static, TSchema } from '@sinclair/typebox'
import type { FastifyInstance } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { RouteAction } from '@/domain/authorization'
import type { Actor } from '../modules/auth/actor'
import { actorOf } from '../plugins/auth'
import { IdParams, errorResponses } from './schemas'

export interface ObjectRoutes<T extends TSchema> {
  /** tags of the OpenAPI document */
  tags: string[]
  /** the object every route answers with */
  reply: T
  /** error answers beyond errorResponses (e.g. 422) */
  errors?: Record<number, TSchema>
}

/** Returns `route(method, url, action, summary, run)`: `run` gets the signed-in actor and the id. */
export function objectRoutes<T extends TSchema>(app: FastifyInstance, spec: ObjectRoutes<T>) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>()
  // run's answer is checked against the reply's Static type; the route itself sees schemas only
  const response: Record<number, TSchema> = { 200: spec.reply, ...errorResponses, ...spec.errors }
  return (method: 'GET' | 'POST', url: string, action: RouteAction, summary: string, run: (actor: Actor, id: string) => Promise<Static<T>>) =>
    r.route({
      method,
      url,
      config: { action },
      schema: { tags: spec.tags, summary, params: IdParams, response },
      handler: async (req) => run(actorOf(req), req.params.id),
    })
}
