// One WebSocket per app (`Taro.connectSocket` on WeChat, WebSocket in the browser): the phone
// says who it is with its session token in the first message, then receives a push for every
// change of an alarm it is involved in (its raiser, or anyone notified of it). Pushes carry a
// summary for a banner; pages fetch the alarm itself. Polling stays as the fallback.
import type { FastifyInstance } from 'fastify'
import type { WebSocket } from 'ws'
import type { AlarmPushMessage } from '@/types/alarms'
import type { BroadcastPushMessage } from '@/types/broadcasts'
import type { AppContext } from '../context'
import { loadActor } from '../modules/auth/actor'
import type { LiveEvent } from './bus'

const HELLO_TIMEOUT_MS = 5_000
const PING_EVERY_MS = 25_000

/** Close codes the app understands: 4401 sign in again; the others mean reconnect later. */
export const CLOSE_UNAUTHENTICATED = 4401

/** Closes with a code the app reads; a peer that never answers the close handshake is cut off
 * after a second instead of holding a timer for ws's 30 s. */
function closeSocket(socket: WebSocket, code: number, reason: string): void {
  socket.close(code, reason)
  setTimeout(() => socket.terminate(), 1000).unref()
}

export class SocketHub {
  private byPerson = new Map<string, Set<WebSocket>>()

  add(personId: string, socket: WebSocket): void {
    let set = this.byPerson.get(personId)
    if (!set) this.byPerson.set(personId, (set = new Set()))
    set.add(socket)
  }

  remove(personId: string, socket: WebSocket): void {
    const set = this.byPerson.get(personId)
    if (!set) return
    set.delete(socket)
    if (set.size === 0) this.byPerson.delete(personId)
  }

  get size(): number {
    return this.byPerson.size
  }

  /** One message to these people's sockets: serialised once, however many sockets. */
  sendEach(personIds: Iterable<string>, message: unknown): void {
    let text: string | null = null
    for (const personId of personIds) {
      for (const socket of this.byPerson.get(personId) ?? []) {
        if (socket.readyState !== socket.OPEN) continue
        text ??= JSON.stringify(message)
        socket.send(text)
      }
    }
  }

  closeAll(): void {
    // 1001 tells the app to reconnect (to another instance, or to this one when it is back).
    for (const set of this.byPerson.values()) for (const s of set) closeSocket(s, 1001, 'server closing')
    this.byPerson.clear()
  }
}

/** Who is involved in an alarm, and the summary a banner shows. One query for each. */
async function fanOut(ctx: AppContext, hub: SocketHub, event: LiveEvent): Promise<void> {
  if (hub.size === 0 || event.type === 'actors') return
  if (event.type === 'echo') {
    hub.sendEach(event.people, { type: 'echo', tag: event.tag })
    return
  }
  if (event.type === 'broadcast') {
    const message: BroadcastPushMessage = { type: 'broadcast', broadcastId: event.broadcastId, action: event.action }
    hub.sendEach(event.people, message)
    return
  }
  if (event.people && event.push) {
    const { raiserId, ...message } = event.push
    pushAlarm(hub, event.people, raiserId, message)
    return
  }
  const [alarm, recipients] = await Promise.all([
    ctx.db
      .selectFrom('alarms as a')
      .innerJoin('schools as sc', 'sc.id', 'a.school_id')
      .select(['a.id', 'a.raiser_id', 'a.status', 'a.drill', 'a.type', 'a.raised_at', 'a.updated_at', 'sc.name as school_name'])
      .where('a.id', '=', event.alarmId)
      .executeTakeFirst(),
    ctx.db.selectFrom('alarm_recipients').select('person_id').where('alarm_id', '=', event.alarmId).execute(),
  ])
  if (!alarm) return
  const people = new Set([alarm.raiser_id, ...recipients.map((r) => r.person_id)])
  const message: AlarmPushMessage = {
    type: 'alarm',
    alarmId: alarm.id,
    action: event.action as AlarmPushMessage['action'],
    status: alarm.status,
    schoolName: alarm.school_name,
    drill: alarm.drill === 1,
    alarmType: alarm.type ?? null,
    raisedAt: alarm.raised_at,
    updatedAt: alarm.updated_at,
  }
  pushAlarm(hub, people, alarm.raiser_id, message)
}

/** The raiser's copy says `mine`; everyone else gets one text serialised once. */
function pushAlarm(hub: SocketHub, people: Iterable<string>, raiserId: string, message: Omit<AlarmPushMessage, 'mine'>): void {
  const others: string[] = []
  for (const personId of people) if (personId !== raiserId) others.push(personId)
  hub.sendEach([raiserId], { ...message, mine: true })
  hub.sendEach(others, { ...message, mine: false })
}

export function registerLiveSocket(app: FastifyInstance, ctx: AppContext): SocketHub {
  const hub = new SocketHub()
  const unsubscribe = ctx.live?.subscribe((event) => {
    fanOut(ctx, hub, event).catch((err) => app.log.error({ err }, 'live: fan-out failed'))
  })
  app.addHook('preClose', async () => {
    unsubscribe?.()
    hub.closeAll()
  })

  app.route({
    method: 'GET',
    url: '/api/live',
    config: { action: 'public' },
    schema: {
      tags: ['一键报警'],
      summary: '实时通道（WebSocket）：连接后第一条消息发送 {"type":"hello","token":"会话令牌"}；之后收到与我有关的报警变化',
    },
    wsHandler: (socket, req) => {
      let personId: string | null = null
      const timer = setTimeout(() => closeSocket(socket, CLOSE_UNAUTHENTICATED, 'hello expected'), HELLO_TIMEOUT_MS)
      const ping = setInterval(() => socket.readyState === socket.OPEN && socket.ping(), PING_EVERY_MS)
      timer.unref()
      ping.unref()
      socket.on('message', (raw) => {
        let msg: { type?: string; token?: string }
        try {
          msg = JSON.parse(String(raw))
        } catch {
          return
        }
        if (msg.type === 'ping') {
          socket.send(JSON.stringify({ type: 'pong' }))
          return
        }
        if (msg.type !== 'hello' || personId || typeof msg.token !== 'string') return
        loadActor(ctx, msg.token)
          .then((actor) => {
            clearTimeout(timer)
            if (!actor) {
              closeSocket(socket, CLOSE_UNAUTHENTICATED, 'session expired')
              return
            }
            if (socket.readyState !== socket.OPEN) return
            personId = actor.personId
            hub.add(personId, socket)
            socket.send(JSON.stringify({ type: 'ready', personId }))
          })
          .catch((err) => {
            req.log.error({ err }, 'live: hello failed')
            closeSocket(socket, 1011, 'error')
          })
      })
      socket.on('close', () => {
        clearTimeout(timer)
        clearInterval(ping)
        if (personId) hub.remove(personId, socket)
      })
      socket.on('error', () => {})
    },
    handler: async (_req, reply) => {
      reply.code(426).send({ code: 'BAD_REQUEST', message: '这是实时通道，请用 WebSocket 连接' })
    },
  })
  return hub
}
