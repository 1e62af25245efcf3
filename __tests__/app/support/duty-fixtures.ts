// Builders for shifts and attendance, a fake Api with the shifts, attendance and messages
// services, and a fake phone (location, storage for kept check-ins, network events).
import type { Attendance, LocationFix } from '@/types/attendance'
import type { Membership } from '@/types/org'
import type { Shift, MySignup } from '@/types/shifts'
import type { Api } from '@/services/api'
import { memoryQueueStorage } from '@/services/checkin-queue'
import type { DutyDevice } from '@/services/device'
import type { LocationService } from '@/services/location'
import { memoryTokenStorage } from '@/services/token-storage'
import { RootStore } from '@/stores/root-store'
import { JINGSHAN, atSchool, fakeApi, me, membership } from './fixtures'

type Mocked<T> = { [K in keyof T]: { [M in keyof T[K]]: jest.Mock } }

export const GATE = JINGSHAN.posts[0]
const MIN = 60_000

/** A shift at JINGSHAN's gate starting `startsInMin` minutes from `now`, 40 minutes long. */
export function shift(partial: Partial<Shift> & { id: string }, startsInMin = 24 * 60, now = Date.now()): Shift {
  const starts = new Date(now + startsInMin * MIN)
  const ends = new Date(starts.getTime() + 40 * MIN)
  const local = (d: Date) => new Date(d.getTime() + 8 * 60 * MIN).toISOString()
  return {
    schoolId: JINGSHAN.id,
    schoolName: JINGSHAN.name,
    postId: GATE.id,
    postName: GATE.name,
    templateName: '早高峰',
    date: local(starts).slice(0, 10),
    startTime: local(starts).slice(11, 16),
    endTime: local(ends).slice(11, 16),
    startsAt: starts.toISOString(),
    endsAt: ends.toISOString(),
    status: 'scheduled',
    roles: [
      { role: 'volunteer', required: 2, filled: 0, waitlisted: 0 },
      { role: 'teacher', required: 1, filled: 0, waitlisted: 0 },
    ],
    mine: null,
    ...partial,
  }
}

export function mine(partial: Partial<MySignup> = {}): MySignup {
  return {
    signupId: 'g1',
    role: 'volunteer',
    status: 'active',
    waitlistPosition: null,
    reason: null,
    outcome: null,
    checkInAt: null,
    checkOutAt: null,
    late: false,
    earlyLeave: false,
    exceptions: [],
    ...partial,
  }
}

export function attendance(partial: Partial<Attendance> = {}): Attendance {
  return {
    signupId: 'g1',
    checkInAt: new Date().toISOString(),
    checkInDistanceM: 12,
    late: false,
    offline: false,
    checkOutAt: null,
    earlyLeave: false,
    hours: null,
    exceptions: [],
    ...partial,
  }
}

export const AT_GATE: LocationFix = { lat: GATE.lat, lng: GATE.lng, accuracy: 15 }

/** The shared fake Api plus shifts, attendance and messages, every call rejecting until stubbed. */
export function fakeDutyApi(): Mocked<Api> & Api {
  const notStubbed = (name: string) => jest.fn(() => Promise.reject(new Error(`${name} not stubbed`)))
  const group = (prefix: string, names: string[]) => Object.fromEntries(names.map((n) => [n, notStubbed(`${prefix}.${n}`)]))
  const api = fakeApi() as Mocked<Api> & Api
  return Object.assign(api, {
    shifts: group('shifts', [
      'createPost',
      'updatePost',
      'templates',
      'createTemplate',
      'updateTemplate',
      'calendar',
      'setCalendarDay',
      'deleteCalendarDay',
      'settings',
      'list',
      'detail',
      'mine',
      'home',
      'signUp',
      'release',
      'assign',
      'remove',
      'gaps',
      'offerSwap',
      'swaps',
      'acceptSwap',
      'cancelSwap',
    ]),
    attendance: group('attendance', ['checkIn', 'checkOut', 'heartbeat', 'board', 'exceptions', 'pendingCounts', 'review', 'hours', 'certificate']),
    messages: group('messages', ['subscribeTemplates', 'outbox']),
  }) as Mocked<Api> & Api
}

export interface FakePhone extends DutyDevice {
  location: LocationService & { current: jest.Mock; watch: jest.Mock; openSettings: jest.Mock }
  queue: ReturnType<typeof memoryQueueStorage>
  subscribe: jest.Mock
  /** The network (or the app) comes back. */
  reconnect(): void
  /** Feeds a fix to a running location watch. */
  move(fix: LocationFix): void
}

export function fakePhone(now: () => Date = () => new Date()): FakePhone {
  const listeners = new Set<() => void>()
  let watcher: ((fix: LocationFix) => void) | null = null
  const phone: FakePhone = {
    location: {
      current: jest.fn(() => Promise.resolve(AT_GATE)),
      watch: jest.fn((onFix: (fix: LocationFix) => void) => {
        watcher = onFix
        return () => {
          watcher = null
        }
      }),
      openSettings: jest.fn(() => Promise.resolve()),
    },
    queue: memoryQueueStorage(),
    connectivity: {
      onReconnect(listener) {
        listeners.add(listener)
        return () => listeners.delete(listener)
      },
    },
    subscribe: jest.fn(() => Promise.resolve()),
    now,
    reconnect: () => listeners.forEach((l) => l()),
    move: (fix) => watcher?.(fix),
  }
  return phone
}

/** A signed-in volunteer of JINGSHAN (or other memberships) on a fake API and phone. */
export function dutyRoot(memberships: Membership[] = [membership({ role: 'volunteer', status: 'approved', scope: atSchool(JINGSHAN) })], phone = fakePhone()) {
  const api = fakeDutyApi()
  const root = new RootStore(api, memoryTokenStorage('token'), phone)
  root.me.setMe(me(memberships, '王芳'))
  root.schools.items = [JINGSHAN]
  return { api, root, phone }
}
