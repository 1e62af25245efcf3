// The coverage stores (覆盖率), under root.coverage: the school and area pages, and the 首页 card
// (its own stores, always "today", so switching ranges on a page leaves the card alone).
import type { Api } from '@/services/api'
import type { Membership } from '@/types/api'
import type { RootStore } from '../root-store'
import { AreaCoverageStore } from './area-store'
import { SchoolCoverageStore } from './school-store'

export interface StationChoice {
  id: string
  name: string
}

export class CoverageStores {
  readonly school: SchoolCoverageStore
  readonly area: AreaCoverageStore
  readonly homeSchool: SchoolCoverageStore
  readonly homeArea: AreaCoverageStore

  constructor(
    private readonly root: RootStore,
    api: Pick<Api, 'coverage'>,
  ) {
    this.school = new SchoolCoverageStore(api)
    this.area = new AreaCoverageStore(api)
    this.homeSchool = new SchoolCoverageStore(api)
    this.homeArea = new AreaCoverageStore(api)
  }

  private get approved(): Membership[] {
    return this.root.me.memberships.filter((m) => m.status === 'approved')
  }

  /** The school a principal runs (the first, if several). */
  get principalSchool(): { id: string; name: string } | null {
    for (const m of this.approved) if (m.role === 'principal' && m.scope.kind === 'school') return { id: m.scope.schoolId, name: m.scope.schoolName }
    return null
  }

  /** Police and district admins see an area of schools. */
  get seesArea(): boolean {
    return this.approved.some((m) => m.role === 'police' || m.role === 'admin')
  }

  get isAdmin(): boolean {
    return this.approved.some((m) => m.role === 'admin')
  }

  /** The area's name: a police officer's station, an admin's district. */
  get areaName(): string {
    const admin = this.approved.find((m) => m.role === 'admin' && m.scope.kind === 'district')
    if (admin?.scope.kind === 'district') return admin.scope.districtName
    const police = this.approved.find((m) => m.role === 'police' && m.scope.kind === 'station')
    if (police?.scope.kind === 'station') return police.scope.stationName
    return '片区'
  }

  /** Stations an admin can drill down to: those of the district's schools. */
  get stations(): StationChoice[] {
    if (!this.isAdmin) return []
    const districts = new Set(this.approved.flatMap((m) => (m.role === 'admin' && m.scope.kind === 'district' ? [m.scope.districtId] : [])))
    const found = new Map<string, string>()
    for (const s of this.root.schools.items) if (districts.has(s.districtId)) found.set(s.stationId, s.stationName)
    return [...found].map(([id, name]) => ({ id, name }))
  }

  reset(): void {
    this.school.reset()
    this.area.reset()
    this.homeSchool.reset()
    this.homeArea.reset()
  }
}
