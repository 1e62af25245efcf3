// What the shift services share: the transaction type, role texts, how a shift is described in a
// message and how a person is shown to the viewer.
import type { Transaction } from 'kysely'
import type { Person } from '@/types/org'
import { ROLE_LABELS } from '@/types/org'
import type { Shift, ShiftRole } from '@/types/shifts'
import { visiblePhone } from '@/domain/phone'
import type { Database } from '../../db/schema'
import type { Actor } from '../auth/actor'
import { PAGES } from '@/types/pages'

export type Trx = Transaction<Database>

export const ROLE_TEXT = (role: ShiftRole) => ROLE_LABELS[role]

export const MY_SHIFTS_PAGE = PAGES.myShifts

export function describeShift(s: Pick<Shift, 'date' | 'startTime' | 'endTime' | 'postName' | 'schoolName'>): string {
  return `${s.schoolName} ${s.postName} ${s.date} ${s.startTime}–${s.endTime}`
}

export function toPerson(actor: Actor, id: string, name: string, phone: string | null): Person {
  return { id, name, phone: visiblePhone(phone, { isSelf: id === actor.personId, reviewsPendingRequest: false }) }
}
