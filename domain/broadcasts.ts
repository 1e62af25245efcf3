// 远程广播 / 人员预警 (DESIGN.md §4): who receives an urgent broadcast, and when someone who has not
// confirmed is alerted again or listed for a phone call. Pure: the caller passes `now`.
import type { BroadcastRecipientState } from '../types/broadcasts'

export interface BroadcastSettings {
  /** Someone who has not confirmed is alerted again this many seconds after the last alert. */
  realertSec: number
  /** At most this many times; one interval after the last, they are listed for a phone call. */
  maxRealerts: number
}

export const DEFAULT_BROADCAST_SETTINGS: BroadcastSettings = { realertSec: 60, maxRealerts: 3 }

export const BROADCAST_TEXT_MAX = 200

/** A check-in as the rule needs it: who, where, and the shift it belongs to. */
export interface DutyFact {
  personId: string
  schoolId: string
  checkedInAt: string
  checkedOutAt: string | null
  shiftEndsAt: string
}

/**
 * On duty now: checked in (early check-in counts: they are at the gate) and not out, on a shift
 * that has not ended.
 */
export function isOnDuty(fact: DutyFact, now: Date): boolean {
  return fact.checkedOutAt === null && Date.parse(fact.checkedInAt) <= now.getTime() && Date.parse(fact.shiftEndsAt) > now.getTime()
}

/**
 * The schools a broadcast goes to: the whole station (every school of it), or the schools the
 * officer chose, each of which must be one they are responsible for.
 */
export function broadcastSchools(
  request: { wholeStation?: boolean; schoolIds?: readonly string[] },
  officer: { responsibleSchoolIds: readonly string[]; stationSchoolIds: readonly string[] },
): { ok: true; schoolIds: string[] } | { ok: false; message: string; field: string } {
  if (request.wholeStation) {
    if (request.schoolIds?.length) return { ok: false, message: '选择了全所就不要再选学校', field: 'schoolIds' }
    if (officer.stationSchoolIds.length === 0) return { ok: false, message: '你所在的派出所没有学校', field: 'wholeStation' }
    return { ok: true, schoolIds: [...new Set(officer.stationSchoolIds)] }
  }
  const chosen = [...new Set(request.schoolIds ?? [])]
  if (chosen.length === 0) return { ok: false, message: '请选择学校，或发给全所', field: 'schoolIds' }
  if (chosen.some((id) => !officer.responsibleSchoolIds.includes(id))) return { ok: false, message: '只能发给你负责的学校', field: 'schoolIds' }
  return { ok: true, schoolIds: chosen }
}

/**
 * Everyone on duty now at those schools, once each (at the first school they are on duty at),
 * never the sender.
 */
export function broadcastRecipients(facts: readonly DutyFact[], schoolIds: readonly string[], senderId: string, now: Date): { personId: string; schoolId: string }[] {
  const out = new Map<string, string>()
  const sorted = [...facts].sort((a, b) => Date.parse(a.checkedInAt) - Date.parse(b.checkedInAt))
  for (const f of sorted) {
    if (f.personId === senderId || out.has(f.personId) || !schoolIds.includes(f.schoolId) || !isOnDuty(f, now)) continue
    out.set(f.personId, f.schoolId)
  }
  return [...out].map(([personId, schoolId]) => ({ personId, schoolId }))
}

/** A recipient's facts: when they were last alerted, how often again, whether they confirmed or were listed for a call. */
export interface RecipientFacts {
  confirmedAt: string | null
  realerts: number
  lastAlertedAt: string
  callAt: string | null
}

export function recipientState(r: RecipientFacts): BroadcastRecipientState {
  if (r.confirmedAt) return 'confirmed'
  return r.callAt ? 'call' : 'waiting'
}

/**
 * What is due for a recipient now: alert again (the n-th time) once an interval has passed since
 * the last alert, up to the maximum; one interval after the last, list them for a phone call.
 * Nothing once they confirmed or were listed.
 */
export function followUpDue(r: RecipientFacts, now: Date, settings: BroadcastSettings): { kind: 'realert'; n: number } | { kind: 'call' } | null {
  if (r.confirmedAt || r.callAt) return null
  if (now.getTime() - Date.parse(r.lastAlertedAt) < settings.realertSec * 1000) return null
  if (r.realerts < settings.maxRealerts) return { kind: 'realert', n: r.realerts + 1 }
  return { kind: 'call' }
}

export function broadcastCounts(states: readonly BroadcastRecipientState[]): { total: number; confirmed: number; waiting: number; call: number } {
  return {
    total: states.length,
    confirmed: states.filter((s) => s === 'confirmed').length,
    waiting: states.filter((s) => s === 'waiting').length,
    call: states.filter((s) => s === 'call').length,
  }
}
