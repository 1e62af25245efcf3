// The session → actor cache. Every request that needs a session resolved its actor with a query
// (the session, the person, their approved memberships and responsible schools): at the morning
// peak the most frequent query of the server. The actor is kept per session (by the token's hash)
// and dropped at once by the writes that change it:
//   - logout (the session), a person's name, a membership asked for, approved, rejected or revoked
//     (the person) — the services call `forgetActors` after their commit;
//   - on PostgreSQL, the same change made on another instance: `forgetActors` publishes it on the
//     live channel (LISTEN/NOTIFY, live/bus.ts), and every instance drops it on receipt. While the
//     listening connection is down, notifications could be missed: the cache is emptied and not
//     used until the channel listens again.
// A load that was running while a change was forgotten is not kept (it may have read the old rows).
// The session's expiry is checked on every use; an entry lives at most `maxAgeMs` (a bound for
// changes made outside the services, e.g. by hand in the database) and the oldest go past `max`.
import type { AppContext } from '../context'
import type { Actor } from '../modules/auth/actor'

export interface ActorCacheOptions {
  /** the most sessions kept (the oldest out first) */
  max: number
  /** how long an actor is kept without being read again from the database */
  maxAgeMs: number
}

interface Entry {
  actor: Actor
  /** the session's expiry (ms since epoch, on the server clock) */
  expiresAt: number
  /** when it was read (ms, real time) */
  readAt: number
}

/** What changed: sessions by token hash, people by id. */
export interface ActorChange {
  sessions?: readonly string[]
  people?: readonly string[]
}

export class ActorCache {
  private readonly entries = new Map<string, Entry>()
  private readonly byPerson = new Map<string, Set<string>>()
  /** moves on with every change forgotten: a load that saw another epoch at its start is not kept */
  private epoch = 0
  private usable = true
  hits = 0
  misses = 0

  constructor(private readonly options: ActorCacheOptions = { max: 50_000, maxAgeMs: 60_000 }) {}

  get size(): number {
    return this.entries.size
  }

  /**
   * The actor of the session `tokenHash` at `now` (the server clock), from the cache or from
   * `load` (which gives the session's expiry with it); null for no valid session.
   */
  async resolve(tokenHash: string, now: Date, load: () => Promise<{ actor: Actor; expiresAt: string } | null>): Promise<Actor | null> {
    if (this.usable) {
      const entry = this.entries.get(tokenHash)
      if (entry) {
        if (entry.expiresAt > now.getTime() && Date.now() - entry.readAt < this.options.maxAgeMs) {
          this.hits++
          return entry.actor
        }
        this.drop(tokenHash)
      }
    }
    this.misses++
    const epoch = this.epoch
    const found = await load()
    if (found && this.usable && epoch === this.epoch) this.keep(tokenHash, found.actor, Date.parse(found.expiresAt))
    return found?.actor ?? null
  }

  forget(change: ActorChange): void {
    this.epoch++
    for (const hash of change.sessions ?? []) this.drop(hash)
    for (const personId of change.people ?? []) {
      for (const hash of [...(this.byPerson.get(personId) ?? [])]) this.drop(hash)
    }
  }

  clear(): void {
    this.epoch++
    this.entries.clear()
    this.byPerson.clear()
  }

  /** Off while changes might be missed (the live channel's listener is down); emptied both ways. */
  setUsable(usable: boolean): void {
    this.usable = usable
    this.clear()
  }

  private keep(tokenHash: string, actor: Actor, expiresAt: number): void {
    this.drop(tokenHash)
    while (this.entries.size >= this.options.max) this.drop(this.entries.keys().next().value as string)
    this.entries.set(tokenHash, { actor, expiresAt, readAt: Date.now() })
    let hashes = this.byPerson.get(actor.personId)
    if (!hashes) this.byPerson.set(actor.personId, (hashes = new Set()))
    hashes.add(tokenHash)
  }

  private drop(tokenHash: string): void {
    const entry = this.entries.get(tokenHash)
    if (!entry) return
    this.entries.delete(tokenHash)
    const hashes = this.byPerson.get(entry.actor.personId)
    hashes?.delete(tokenHash)
    if (hashes?.size === 0) this.byPerson.delete(entry.actor.personId)
  }
}

/**
 * After the commit of a write that changes actors: forgotten here at once, and on PostgreSQL by
 * every other instance through the live channel. A failed publish is logged; the other instances
 * then hold the old actor at most `maxAgeMs`.
 */
export async function forgetActors(ctx: AppContext, change: ActorChange): Promise<void> {
  ctx.actors?.forget(change)
  if (ctx.engine !== 'postgres' || !ctx.live) return
  await ctx.live
    .publish({ type: 'actors', sessions: change.sessions ? [...change.sessions] : undefined, people: change.people ? [...change.people] : undefined })
    .catch((error: unknown) => {
      console.warn('actors: could not tell the other instances of a change', error instanceof Error ? error.message : error)
    })
}
