// The live channel's pub/sub (DESIGN.md §6): a change to an alarm is published once and reaches
// the sockets of every server instance. In-process for SQLite (one instance serves all); on
// PostgreSQL through LISTEN/NOTIFY, so an event raised on one instance reaches clients on another.
import { Client } from 'pg'
import { sql, type Compilable, type Kysely } from 'kysely'
import type { Database } from '../db/schema'
import type { AlarmPushMessage } from '@/types/alarms'
import type { BroadcastPushMessage } from '@/types/broadcasts'

/** What changed; each instance finds who is involved and pushes to their sockets. */
export type LiveEvent = AlarmLiveEvent | BroadcastLiveEvent | ActorsLiveEvent | EchoLiveEvent

export interface AlarmLiveEvent {
  type: 'alarm'
  alarmId: string
  action: string
  /**
   * When the publisher already knows them (a raise): who is involved and what the banner says,
   * so that no instance needs the database before pushing. Absent: each instance looks them up.
   */
  people?: string[]
  push?: Omit<AlarmPushMessage, 'mine'> & { raiserId: string }
}

/** 远程广播: the people to tell (recipients of a send or re-alert, the sender of a confirmation). */
export interface BroadcastLiveEvent {
  type: 'broadcast'
  broadcastId: string
  action: BroadcastPushMessage['action']
  people: string[]
}

/** Sessions (token hashes) and people whose cached actor is out of date (lib/actor-cache.ts). */
export interface ActorsLiveEvent {
  type: 'actors'
  sessions?: string[]
  people?: string[]
}

/**
 * Test mode only (POST /api/test/live): the same path as an alarm's push with no database work, so
 * the alarm benchmark has an anchor measured beside it on the same machine.
 */
export interface EchoLiveEvent {
  type: 'echo'
  tag: string
  people: string[]
}

export interface LiveBus {
  publish(event: LiveEvent): Promise<void>
  /**
   * A statement that publishes the event when the writes it is sent with commit, to go in the same
   * round trip as those writes (PostgreSQL's NOTIFY is transactional: nothing is heard of writes
   * that fail). Absent where publishing costs no round trip (in-process): publish after writing.
   */
  publishOnCommit?(db: Kysely<Database>, event: LiveEvent): Compilable<unknown>
  subscribe(handler: (event: LiveEvent) => void): () => void
  /**
   * Told false when events may be missed from now on (the listener is down) and true when they
   * are received again; a cache kept exact by events stops trusting itself in between. Absent: never.
   */
  watchDelivery?(handler: (delivering: boolean) => void): () => void
  close(): Promise<void>
}

export class LocalBus implements LiveBus {
  private handlers = new Set<(event: LiveEvent) => void>()
  async publish(event: LiveEvent): Promise<void> {
    for (const h of this.handlers) queueMicrotask(() => h(event))
  }
  subscribe(handler: (event: LiveEvent) => void): () => void {
    this.handlers.add(handler)
    return () => this.handlers.delete(handler)
  }
  async close(): Promise<void> {
    this.handlers.clear()
  }
}

const CHANNEL = 'huxuegang_live'

function payloadOf(event: LiveEvent): string {
  const payload = JSON.stringify(event)
  // NOTIFY carries at most 8000 bytes: a long list of people is looked up by each instance instead.
  // (Broadcasts publish their people in chunks that fit.)
  if (payload.length > 7500 && event.type === 'alarm') return JSON.stringify({ type: event.type, alarmId: event.alarmId, action: event.action })
  return payload
}

/**
 * One dedicated connection LISTENs; NOTIFY goes through it too (a notification is delivered to
 * every listener, this instance included, so local sockets get it the same way as remote ones).
 * A dropped connection is re-opened; events in the gap are covered by the clients' polling.
 */
export class PgBus implements LiveBus {
  private handlers = new Set<(event: LiveEvent) => void>()
  private deliveryWatchers = new Set<(delivering: boolean) => void>()
  private client: Client | null = null
  private connecting: Promise<Client> | null = null
  private closed = false

  constructor(
    private readonly url: string,
    private readonly log: (message: string, err?: unknown) => void = () => {},
  ) {}

  private connect(): Promise<Client> {
    if (this.client) return Promise.resolve(this.client)
    if (this.connecting) return this.connecting
    this.connecting = (async () => {
      const client = new Client({ connectionString: this.url })
      client.on('error', (err) => {
        this.log('live: PostgreSQL listener lost, reconnecting', err)
        if (this.client === client) this.client = null
        for (const w of this.deliveryWatchers) w(false)
        client.end().catch(() => {})
        if (!this.closed) setTimeout(() => this.connect().catch((e) => this.log('live: reconnect failed', e)), 1000).unref()
      })
      client.on('end', () => {
        if (!this.closed) for (const w of this.deliveryWatchers) w(false)
      })
      client.on('notification', (n) => {
        if (n.channel !== CHANNEL || !n.payload) return
        let event: LiveEvent
        try {
          event = JSON.parse(n.payload) as LiveEvent
        } catch {
          return
        }
        for (const h of this.handlers) h(event)
      })
      await client.connect()
      await client.query(`listen ${CHANNEL}`)
      this.client = client
      for (const w of this.deliveryWatchers) w(true)
      return client
    })().finally(() => {
      this.connecting = null
    })
    return this.connecting
  }

  /** Resolves once this instance listens, so nothing published after start-up is missed. */
  async start(): Promise<void> {
    await this.connect()
  }

  async publish(event: LiveEvent): Promise<void> {
    const client = await this.connect()
    await client.query('select pg_notify($1, $2)', [CHANNEL, payloadOf(event)])
  }

  publishOnCommit(db: Kysely<Database>, event: LiveEvent): Compilable<unknown> {
    return db.selectNoFrom(sql<unknown>`pg_notify(${CHANNEL}, ${payloadOf(event)})`.as('notified'))
  }

  subscribe(handler: (event: LiveEvent) => void): () => void {
    this.handlers.add(handler)
    return () => this.handlers.delete(handler)
  }

  watchDelivery(handler: (delivering: boolean) => void): () => void {
    this.deliveryWatchers.add(handler)
    return () => this.deliveryWatchers.delete(handler)
  }

  async close(): Promise<void> {
    this.closed = true
    this.handlers.clear()
    this.deliveryWatchers.clear()
    const client = this.client
    this.client = null
    if (client) await client.end().catch(() => {})
  }
}
