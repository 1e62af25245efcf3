// 远程广播 / 人员预警: a police officer's urgent message to everyone on duty now at the schools they
// chose (of those they are responsible for) or the whole station. Each recipient confirms; the
// job alerts those who have not again every minute, at most three times, then lists them for the
// sender to phone. Who receives it and when follow-ups are due: domain/broadcasts.ts.
import type { Broadcast, BroadcastPushMessage, BroadcastTarget, SendBroadcastRequest } from '@/types/broadcasts'
import { can, reachIsEmpty, reachOf, type SchoolRef } from '@/domain/authorization'
import {
  DEFAULT_BROADCAST_SETTINGS,
  broadcastCounts,
  broadcastRecipients,
  broadcastSchools,
  followUpDue,
  recipientState,
  type BroadcastSettings,
  type DutyFact,
} from '@/domain/broadcasts'
import { visiblePhone } from '@/domain/phone'
import type { AppContext } from '../../context'
import { authorize } from '../../lib/authorize'
import { AppError, badRequest, notFound } from '../../lib/errors'
import { newId } from '../../lib/ids'
import { reachFilter } from '../../lib/reach'
import type { Actor } from '../auth/actor'
import { fileUrls, ownFiles } from '../files/service'
import { schoolRefsWhere } from '../org/repository'
import { enqueue, type OutgoingMessage } from '../outbox/outbox'
import { PAGES } from '@/types/pages'

export const BROADCAST_PAGE = PAGES.broadcast
const DAY_MS = 24 * 3_600_000
/** Ids per live notification: a NOTIFY payload holds at most 8000 bytes. */
const PEOPLE_PER_PUSH = 150

export function broadcastSettings(ctx: AppContext): BroadcastSettings {
  return { ...DEFAULT_BROADCAST_SETTINGS, realertSec: ctx.config.broadcastRealertSec }
}

/** Check-ins at these schools not checked out, on shifts not ended: the facts the rule decides on. */
async function dutyFacts(ctx: AppContext, schoolIds: readonly string[], now: string): Promise<DutyFact[]> {
  if (schoolIds.length === 0) return []
  const rows = await ctx.db
    .selectFrom('attendance as a')
    .innerJoin('shifts as s', 's.id', 'a.shift_id')
    .select(['a.person_id', 'a.school_id', 'a.check_in_at', 'a.check_out_at', 's.ends_at'])
    .where('a.school_id', 'in', [...schoolIds])
    .where('a.check_out_at', 'is', null)
    .where('s.ends_at', '>', now)
    .execute()
  return rows.map((r) => ({ personId: r.person_id, schoolId: r.school_id, checkedInAt: r.check_in_at, checkedOutAt: r.check_out_at, shiftEndsAt: r.ends_at }))
}

/** Tells the people's sockets on every instance; a failure never undoes the write (clients poll). */
async function publish(ctx: AppContext, broadcastId: string, action: BroadcastPushMessage['action'], people: readonly string[]): Promise<void> {
  const unique = [...new Set(people)]
  try {
    for (let i = 0; i < unique.length; i += PEOPLE_PER_PUSH) {
      await ctx.live?.publish({ type: 'broadcast', broadcastId, action, people: unique.slice(i, i + PEOPLE_PER_PUSH) })
    }
  } catch {
    // written; the banner and the officer's page catch up by polling
  }
}

/** The schools the officer may send to, with how many are on duty at each now. */
export async function broadcastTargets(ctx: AppContext, actor: Actor): Promise<BroadcastTarget[]> {
  const refs = await schoolRefsWhere(ctx.db, actor.grants, 'broadcast.send')
  if (refs.length === 0) return []
  const now = ctx.clock.now()
  const [names, facts] = await Promise.all([
    ctx.db
      .selectFrom('schools')
      .select(['id', 'name'])
      .where(
        'id',
        'in',
        refs.map((r) => r.id),
      )
      .execute(),
    dutyFacts(
      ctx,
      refs.map((r) => r.id),
      now.toISOString(),
    ),
  ])
  return refs.map((r) => ({
    schoolId: r.id,
    schoolName: names.find((n) => n.id === r.id)?.name ?? '',
    stationId: r.stationId,
    responsible: actor.responsibleSchoolIds.includes(r.id),
    onDuty: broadcastRecipients(facts, [r.id], actor.personId, now).length,
  }))
}

function broadcastQuery(ctx: AppContext) {
  return ctx.db
    .selectFrom('broadcasts as b')
    .innerJoin('stations as st', 'st.id', 'b.station_id')
    .innerJoin('people as p', 'p.id', 'b.sender_id')
    .selectAll('b')
    .select(['st.name as station_name', 'p.name as sender_name'])
}
type BroadcastRow = Awaited<ReturnType<ReturnType<typeof broadcastQuery>['execute']>>[number]

/** Broadcasts as one viewer may see them: the sender and those overseeing the station see every recipient. */
async function toBroadcasts(ctx: AppContext, rows: readonly BroadcastRow[], actor: Actor): Promise<Broadcast[]> {
  if (rows.length === 0) return []
  const ids = rows.map((r) => r.id)
  const [schools, recipients] = await Promise.all([
    ctx.db
      .selectFrom('broadcast_schools as bs')
      .innerJoin('schools as s', 's.id', 'bs.school_id')
      .select(['bs.broadcast_id', 's.id', 's.name'])
      .where('bs.broadcast_id', 'in', ids)
      .orderBy('s.name')
      .execute(),
    ctx.db
      .selectFrom('broadcast_recipients as br')
      .innerJoin('people as p', 'p.id', 'br.person_id')
      .innerJoin('schools as s', 's.id', 'br.school_id')
      .select(['br.broadcast_id', 'br.person_id', 'br.confirmed_at', 'br.realerts', 'br.last_alerted_at', 'br.call_at', 'p.name', 'p.phone', 's.name as school_name'])
      .where('br.broadcast_id', 'in', ids)
      .orderBy('s.name')
      .orderBy('p.name')
      .execute(),
  ])
  return rows.map((row) => {
    const mine = row.sender_id === actor.personId
    const sees = mine || can(actor.grants, 'broadcast.view', { level: 'station', stationId: row.station_id, districtId: row.district_id })
    const own = recipients.filter((r) => r.broadcast_id === row.id)
    const states = own.map((r) => recipientState({ confirmedAt: r.confirmed_at, realerts: r.realerts, lastAlertedAt: r.last_alerted_at, callAt: r.call_at }))
    const me = own.find((r) => r.person_id === actor.personId)
    return {
      id: row.id,
      text: row.text,
      photo: row.photo_id ? { fileId: row.photo_id, ...fileUrls(ctx, row.photo_id) } : null,
      sender: { id: row.sender_id, name: row.sender_name },
      stationName: row.station_name,
      wholeStation: row.whole_station === 1,
      schools: schools.filter((s) => s.broadcast_id === row.id).map((s) => ({ id: s.id, name: s.name })),
      createdAt: row.created_at,
      mine,
      myConfirmation: me ? { confirmedAt: me.confirmed_at } : null,
      counts: broadcastCounts(states),
      recipients: sees
        ? own.map((r, i) => ({
            personId: r.person_id,
            name: r.name,
            schoolName: r.school_name,
            state: states[i],
            confirmedAt: r.confirmed_at,
            realerts: r.realerts,
            phone: visiblePhone(r.phone, { isSelf: r.person_id === actor.personId, reviewsPendingRequest: false, callsAboutBroadcast: mine && states[i] === 'call' }),
          }))
        : [],
    }
  })
}

/** One broadcast, for its sender, its recipients, and those overseeing the station; others get 404. */
export async function broadcastDetail(ctx: AppContext, actor: Actor, id: string): Promise<Broadcast> {
  const row = await broadcastQuery(ctx).where('b.id', '=', id).executeTakeFirst()
  if (!row) throw notFound('广播不存在或你无权查看')
  const [broadcast] = await toBroadcasts(ctx, [row], actor)
  if (!broadcast.mine && !broadcast.myConfirmation && !can(actor.grants, 'broadcast.view', { level: 'station', stationId: row.station_id, districtId: row.district_id })) {
    throw notFound('广播不存在或你无权查看')
  }
  return broadcast
}

/**
 * Sends a broadcast. A retry with the same client key returns the first one and sends nothing
 * again. With nobody on duty at the chosen schools nothing is stored (409: call them instead).
 */
export async function sendBroadcast(ctx: AppContext, actor: Actor, req: SendBroadcastRequest): Promise<Broadcast> {
  const first = () => ctx.db.selectFrom('broadcasts').select('id').where('sender_id', '=', actor.personId).where('client_key', '=', req.clientKey).executeTakeFirst()
  const again = await first()
  if (again) return broadcastDetail(ctx, actor, again.id)
  const refs = await schoolRefsWhere(ctx.db, actor.grants, 'broadcast.send')
  const picked = broadcastSchools(req, { responsibleSchoolIds: actor.responsibleSchoolIds.filter((id) => refs.some((r) => r.id === id)), stationSchoolIds: refs.map((r) => r.id) })
  if (!picked.ok) throw badRequest(picked.message, picked.field)
  const schools = refs.filter((r) => picked.schoolIds.includes(r.id))
  const station: SchoolRef = schools[0]
  if (schools.some((s) => s.stationId !== station.stationId)) throw badRequest('一次只能发给一个派出所的学校', 'schoolIds')
  for (const s of schools) authorize(actor, 'broadcast.send', s, '只能向你所在派出所的学校发送广播')
  const photoIds = req.photoId ? await ownFiles(ctx, actor.personId, [req.photoId]) : []
  const nowDate = ctx.clock.now()
  const now = nowDate.toISOString()
  const recipients = broadcastRecipients(await dutyFacts(ctx, picked.schoolIds, now), picked.schoolIds, actor.personId, nowDate)
  if (recipients.length === 0) throw new AppError(409, 'CONFLICT', '所选学校此刻没有在岗人员，广播没有发出；请直接电话联系学校')
  const id = newId()
  const stationName = (await ctx.db.selectFrom('stations').select('name').where('id', '=', station.stationId).executeTakeFirstOrThrow()).name
  try {
    await ctx.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('broadcasts')
        .values({
          id,
          sender_id: actor.personId,
          client_key: req.clientKey,
          station_id: station.stationId,
          district_id: station.districtId,
          whole_station: req.wholeStation ? 1 : 0,
          text: req.text,
          photo_id: photoIds[0] ?? null,
          created_at: now,
        })
        .execute()
      await trx
        .insertInto('broadcast_schools')
        .values(picked.schoolIds.map((schoolId) => ({ broadcast_id: id, school_id: schoolId })))
        .execute()
      await trx
        .insertInto('broadcast_recipients')
        .values(recipients.map((r) => ({ broadcast_id: id, person_id: r.personId, school_id: r.schoolId, confirmed_at: null, realerts: 0, last_alerted_at: now, call_at: null })))
        .execute()
      await enqueue(
        trx,
        now,
        recipients.map((r) => ({
          personId: r.personId,
          schoolId: r.schoolId,
          kind: 'broadcast.sent',
          title: '人员预警',
          body: req.text,
          payload: { page: BROADCAST_PAGE, broadcastId: id, place: stationName },
          dedupeKey: `broadcast.sent:${id}:${r.personId}`,
        })),
      )
    })
  } catch (error) {
    const winner = await first()
    if (!winner) throw error
    return broadcastDetail(ctx, actor, winner.id)
  }
  await publish(
    ctx,
    id,
    'send',
    recipients.map((r) => r.personId),
  )
  return broadcastDetail(ctx, actor, id)
}

/** 确认: once per recipient; a repeated tap (or a retry) changes nothing and answers the same. */
export async function confirmBroadcast(ctx: AppContext, actor: Actor, id: string): Promise<Broadcast> {
  const row = await ctx.db
    .selectFrom('broadcast_recipients as br')
    .innerJoin('broadcasts as b', 'b.id', 'br.broadcast_id')
    .select(['br.confirmed_at', 'b.sender_id'])
    .where('br.broadcast_id', '=', id)
    .where('br.person_id', '=', actor.personId)
    .executeTakeFirst()
  if (!row) throw notFound('广播不存在或不是发给你的')
  if (!row.confirmed_at) {
    const now = ctx.clock.now().toISOString()
    const done = await ctx.db
      .updateTable('broadcast_recipients')
      .set({ confirmed_at: now })
      .where('broadcast_id', '=', id)
      .where('person_id', '=', actor.personId)
      .where('confirmed_at', 'is', null)
      .executeTakeFirst()
    if (Number(done.numUpdatedRows) === 1) await publish(ctx, id, 'confirm', [row.sender_id, actor.personId])
  }
  return broadcastDetail(ctx, actor, id)
}

/** What the banner shows: the person's broadcasts of the last day not yet confirmed. */
export async function pendingBroadcasts(ctx: AppContext, actor: Actor): Promise<Broadcast[]> {
  const since = new Date(ctx.clock.now().getTime() - DAY_MS).toISOString()
  const rows = await broadcastQuery(ctx)
    .innerJoin('broadcast_recipients as mine', (j) => j.onRef('mine.broadcast_id', '=', 'b.id').on('mine.person_id', '=', actor.personId))
    .where('mine.confirmed_at', 'is', null)
    .where('b.created_at', '>=', since)
    .orderBy('b.created_at', 'desc')
    .limit(10)
    .execute()
  return toBroadcasts(ctx, rows, actor)
}

/** The officer's page: broadcasts of the reach (and one's own) of the last week, newest first. */
export async function listBroadcasts(ctx: AppContext, actor: Actor): Promise<Broadcast[]> {
  const since = new Date(ctx.clock.now().getTime() - 7 * DAY_MS).toISOString()
  const reach = reachOf(actor.grants, 'broadcast.view')
  const rows = await broadcastQuery(ctx)
    .where((eb) =>
      eb.or([eb('b.sender_id', '=', actor.personId), ...(reachIsEmpty(reach) ? [] : [reachFilter(eb, reach, { station: 'b.station_id', district: 'b.district_id' })])]),
    )
    .where('b.created_at', '>=', since)
    .orderBy('b.created_at', 'desc')
    .limit(30)
    .execute()
  return toBroadcasts(ctx, rows, actor)
}

/**
 * The follow-up job: who has not confirmed is alerted again when due (domain/broadcasts), then
 * listed for a call. Idempotent across instances: each step is a guarded update (the count it
 * read, still unconfirmed) written with its message in one transaction, messages deduplicated.
 */
export async function followUpBroadcasts(ctx: AppContext, now: Date = ctx.clock.now()): Promise<number> {
  const settings = broadcastSettings(ctx)
  const rows = await ctx.db
    .selectFrom('broadcast_recipients as br')
    .innerJoin('broadcasts as b', 'b.id', 'br.broadcast_id')
    .innerJoin('people as p', 'p.id', 'br.person_id')
    .innerJoin('stations as st', 'st.id', 'b.station_id')
    .select([
      'br.broadcast_id',
      'br.person_id',
      'br.school_id',
      'br.confirmed_at',
      'br.realerts',
      'br.last_alerted_at',
      'br.call_at',
      'b.sender_id',
      'b.text',
      'p.name',
      'st.name as station_name',
    ])
    .where('br.confirmed_at', 'is', null)
    .where('br.call_at', 'is', null)
    .where('b.created_at', '>=', new Date(now.getTime() - DAY_MS).toISOString())
    .where('br.last_alerted_at', '<=', new Date(now.getTime() - settings.realertSec * 1000).toISOString())
    .execute()
  const at = now.toISOString()
  const pushes = new Map<string, { action: BroadcastPushMessage['action']; people: string[] }>()
  const push = (broadcastId: string, action: BroadcastPushMessage['action'], people: string[]) => {
    const key = `${broadcastId}:${action}`
    const entry = pushes.get(key) ?? { action, people: [] }
    entry.people.push(...people)
    pushes.set(key, entry)
  }
  let done = 0
  for (const r of rows) {
    const due = followUpDue({ confirmedAt: r.confirmed_at, realerts: r.realerts, lastAlertedAt: r.last_alerted_at, callAt: r.call_at }, now, settings)
    if (!due) continue
    const changed = await ctx.db.transaction().execute(async (trx) => {
      const step = trx
        .updateTable('broadcast_recipients')
        .where('broadcast_id', '=', r.broadcast_id)
        .where('person_id', '=', r.person_id)
        .where('confirmed_at', 'is', null)
        .where('call_at', 'is', null)
        .where('realerts', '=', r.realerts)
      const updated = await (due.kind === 'realert' ? step.set({ realerts: due.n, last_alerted_at: at }) : step.set({ call_at: at })).executeTakeFirst()
      if (Number(updated.numUpdatedRows) !== 1) return false
      const message: OutgoingMessage =
        due.kind === 'realert'
          ? {
              personId: r.person_id,
              schoolId: r.school_id,
              kind: 'broadcast.realert',
              title: `人员预警（第 ${due.n} 次提醒）`,
              body: r.text,
              payload: { page: BROADCAST_PAGE, broadcastId: r.broadcast_id, place: r.station_name },
              dedupeKey: `broadcast.realert:${r.broadcast_id}:${r.person_id}:${due.n}`,
            }
          : {
              personId: r.sender_id,
              schoolId: r.school_id,
              kind: 'broadcast.call',
              title: '人员预警未确认',
              body: `${r.name} 提醒 ${settings.maxRealerts} 次仍未确认，请电话联系`,
              payload: { page: BROADCAST_PAGE, broadcastId: r.broadcast_id, place: r.station_name },
              dedupeKey: `broadcast.call:${r.broadcast_id}:${r.person_id}`,
            }
      await enqueue(trx, at, [message])
      return true
    })
    if (!changed) continue
    done++
    if (due.kind === 'realert') {
      push(r.broadcast_id, 'realert', [r.person_id])
      push(r.broadcast_id, 'realert', [r.sender_id])
    } else push(r.broadcast_id, 'call', [r.sender_id])
  }
  for (const [key, p] of pushes) await publish(ctx, key.split(':')[0], p.action, p.people)
  return done
}
