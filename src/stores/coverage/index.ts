// The coverage stores (覆盖率), under root.coverage: the school and area pages, and the 首页 card
// (its own stores, always "today", so switching ranges on a page leaves the card alone).
import { CITY_SCOPE, roleHolds } from '@/domain/authorization'
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
    for (const m of this.approved) if (roleHolds(m.role, 'coverage.ask') && m.scope.kind === 'school') return { id: m.scope.schoolId, name: m.scope.schoolName }
    return null
  }

  /** Police, district admins and the city see an area of schools. */
  get seesArea(): boolean {
    return this.root.me.holds('coverage.area')
  }

  /** Memberships that see an area wider than one station: a district's or the city's. */
  private get wideAreas(): Membership[] {
    return this.approved.filter((m) => roleHolds(m.role, 'coverage.area') && m.scope.kind !== 'school' && m.scope.kind !== 'station')
  }

  get isAdmin(): boolean {
    return this.wideAreas.length > 0
  }

  /** The area's name: a police officer's station, an admin's district. */
  get areaName(): string {
    const areas = this.approved.filter((m) => roleHolds(m.role, 'coverage.area'))
    if (this.root.me.can('coverage.area', CITY_SCOPE)) return '全市'
    const district = areas.find((m) => m.scope.kind === 'district')
    if (district?.scope.kind === 'district') return district.scope.districtName
    const station = areas.find((m) => m.scope.kind === 'station')
    if (station?.scope.kind === 'station') return station.scope.stationName
    return '片区'
  }

  /** Stations an admin can drill down to: those of the district's schools. */
  get stations(): StationChoice[] {
    if (!this.isAdmin) return []
    const found = new Map<string, string>()
    for (const s of this.root.schools.items) {
      if (this.root.me.can('coverage.area', { level: 'district', districtId: s.districtId })) found.set(s.stationId, s.stationName)
    }
    return [...found].map(([id, name]) => ({ id, name }))
  }

  reset(): void {
    this.school.reset()
    this.area.reset()
    this.homeSchool.reset()
    this.homeArea.reset()
  }
}
