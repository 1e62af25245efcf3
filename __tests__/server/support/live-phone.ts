// A phone's end of the live socket for server tests: the messages it got, and a wait for the next one.
import type { FastifyInstance } from 'fastify'
import type WebSocket from 'ws'
import type { LiveMessage } from '../../../types/alarms'

export interface Phone {
  ws: WebSocket
  messages: LiveMessage[]
  /** Resolves with the first message matching, or rejects after `ms`. */
  next(match: (m: LiveMessage) => boolean, ms?: number): Promise<LiveMessage>
  closed: Promise<number>
}

/** A phone on the live channel (app.injectWS), signed in with `token` unless null; `sockets` collects it for the teardown. */
export async function connectPhone(app: FastifyInstance, token: string | null, sockets: WebSocket[]): Promise<Phone> {
  const ws = await app.injectWS('/api/live')
  sockets.push(ws)
  const messages: LiveMessage[] = []
  const waiters: { match: (m: LiveMessage) => boolean; resolve: (m: LiveMessage) => void }[] = []
  ws.on('message', (raw) => {
    const m = JSON.parse(String(raw)) as LiveMessage
    messages.push(m)
    for (const w of [...waiters]) {
      if (!w.match(m)) continue
      waiters.splice(waiters.indexOf(w), 1)
      w.resolve(m)
    }
  })
  const closed = new Promise<number>((resolve) => ws.on('close', (code) => resolve(code)))
  const phone: Phone = {
    ws,
    messages,
    closed,
    next: (match, ms = 2000) =>
      new Promise((resolve, reject) => {
        const seen = messages.find(match)
        if (seen) return resolve(seen)
        const timer = setTimeout(() => reject(new Error(`no matching message within ${ms} ms; got ${JSON.stringify(messages)}`)), ms)
        waiters.push({ match, resolve: (m) => (clearTimeout(timer), resolve(m)) })
      }),
  }
  if (token !== null) {
    ws.send(JSON.stringify({ type: 'hello', token }))
    await phone.next((m) => m.type === 'ready')
  }
  return phone
}
