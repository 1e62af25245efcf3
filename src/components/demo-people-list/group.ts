import type { DemoPerson } from '@/types/api'
import type { MembershipStatus, Role } from '@/types/org'
import { ROLES, ROLE_LABELS } from '@/types/org'

export interface DemoRow {
  personId: string
  name: string
  /** Where the person holds this role: school, station or district names. */
  places: string[]
  /** The status to show, when it is not simply approved. */
  status: MembershipStatus | null
}

export interface DemoGroup {
  key: Role | 'newcomer'
  title: string
  rows: DemoRow[]
}

const ORDER: readonly Role[] = ROLES

/** Demo accounts by role, one row per person and role; people who belong nowhere last. */
export function groupDemoPeople(people: DemoPerson[]): DemoGroup[] {
  const groups: DemoGroup[] = [
    ...ORDER.map((role) => ({ key: role, title: ROLE_LABELS[role], rows: [] as DemoRow[] })),
    { key: 'newcomer' as const, title: '新用户（未加入学校）', rows: [] },
  ]
  for (const p of people) {
    const group = groups.find((g) => g.key === (p.role ?? 'newcomer'))
    if (!group) continue
    const place = p.scopeName || p.schoolName || ''
    const row = group.rows.find((r) => r.personId === p.personId)
    if (row) {
      if (place && !row.places.includes(place)) row.places.push(place)
      if (p.status && p.status !== 'approved') row.status = p.status
    } else {
      group.rows.push({
        personId: p.personId,
        name: p.name,
        places: place ? [place] : [],
        status: p.status && p.status !== 'approved' ? p.status : null,
      })
    }
  }
  return groups.filter((g) => g.rows.length > 0)
}
