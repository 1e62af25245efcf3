// The rules a person meets when signing up for, releasing or swapping a shift (DESIGN.md §4
// "Voluntariness"): the monthly cap, the release cut-off, overlaps. Apart from domain/shifts.ts
// (generation, templates, candidates: the server and the schedule subpackage) so the app's main
// package imports only these. Pure: the caller passes `now` and the school's settings.
import type { ShiftRole, SignupStatus } from '../types/shifts'
import type { SchoolSettings } from './settings'

/** YYYY-MM of a shift date: the cap counts per calendar month. */
export function monthOf(date: string): string {
  return date.slice(0, 7)
}

export interface SignupContext {
  now: Date
  settings: SchoolSettings
  shift: { startsAt: string; endsAt: string; status: 'scheduled' | 'cancelled'; date: string }
  role: ShiftRole
  /** Roles the person holds at the shift's school (approved). */
  rolesAtSchool: readonly string[]
  /** Active or waitlisted signups of the person in the shift's month (volunteers' cap). */
  signupsThisMonth: number
  /** The person already holds an active or waitlisted place on this shift. */
  alreadySigned: boolean
  /** The person is on another shift that overlaps in time. */
  overlapping: boolean
}

/** Only volunteers' shifts count toward the school's monthly cap (teachers and guards are staff). */
export function countsTowardCap(role: string): boolean {
  return role === 'volunteer'
}

/** A volunteer who already holds the month's cap of shifts at this school's rule. */
export function monthlyCapReached(c: Pick<SignupContext, 'role' | 'signupsThisMonth' | 'settings'>): boolean {
  return countsTowardCap(c.role) && c.signupsThisMonth >= c.settings.monthlyCapPerVolunteer
}

/**
 * Why a person cannot sign up, in Chinese, or null when they can. The server refuses with this
 * message; the app shows it under a disabled button.
 */
export function signupBlockReason(c: SignupContext): string | null {
  if (c.shift.status === 'cancelled') return '该班次已取消'
  if (new Date(c.shift.endsAt).getTime() <= c.now.getTime()) return '该班次已结束'
  if (new Date(c.shift.startsAt).getTime() <= c.now.getTime()) return '该班次已开始，不能报名'
  if (!c.rolesAtSchool.includes(c.role)) return '你在该校没有这个身份，不能报名该岗位'
  if (c.alreadySigned) return '你已报名该班次'
  if (c.overlapping) return '你在同一时间已有其他班次'
  if (monthlyCapReached(c)) {
    return `本月已报名 ${c.signupsThisMonth} 个班次，学校规定每位志愿者每月最多 ${c.settings.monthlyCapPerVolunteer} 个`
  }
  return null
}

/** Signups that hold or wait for a place. */
export const LIVE_SIGNUP_STATUSES: readonly SignupStatus[] = ['active', 'waitlisted']

export const isLiveSignup = (status: SignupStatus): boolean => LIVE_SIGNUP_STATUSES.includes(status)

/** A place can be offered to someone else until its shift starts. */
export function swapBlockReason(now: Date, startsAt: string): string | null {
  return new Date(startsAt).getTime() <= now.getTime() ? '班次已开始，不能换班' : null
}

/** Free release until the cut-off; after it only a swap (or the police) can take the shift off a person. */
export function releaseBlockReason(now: Date, startsAt: string, settings: SchoolSettings): string | null {
  const cutoff = new Date(startsAt).getTime() - settings.releaseCutoffHours * 3_600_000
  if (now.getTime() >= new Date(startsAt).getTime()) return '班次已开始，不能释放'
  if (now.getTime() >= cutoff) return `距开始不足 ${settings.releaseCutoffHours} 小时，不能直接释放，请发起换班`
  return null
}

/** Two time spans overlap (ISO instants). */
export function overlaps(a: { startsAt: string; endsAt: string }, b: { startsAt: string; endsAt: string }): boolean {
  return a.startsAt < b.endsAt && b.startsAt < a.endsAt
}
