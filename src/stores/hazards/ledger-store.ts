// The station ledger (台账) export: which station, which dates, and the file it gives.
import { roleHolds } from '@/domain/authorization'
import { makeAutoObservable, runInAction } from 'mobx'
import { local } from '@/domain/time'
import type { Api } from '@/services/api'
import type { RootStore } from '../root-store'
import { lazyStore } from '../lazy-store'
import { serverNow } from '@/services/server-clock'

export interface StationChoice {
  id: string
  name: string
}

export class HazardLedgerStore {
  stationId: string | null = null
  from: string
  to: string
  exporting = false

  constructor(
    private readonly root: RootStore,
    private readonly api: Pick<Api, 'hazards'>,
    now: () => Date = () => serverNow(),
  ) {
    const today = local(now())
    this.from = today.startOf('month').format('YYYY-MM-DD')
    this.to = today.format('YYYY-MM-DD')
    makeAutoObservable<HazardLedgerStore, 'root' | 'api'>(this, { root: false, api: false })
  }

  /** Stations whose ledger the person may export (hazard.ledger): a police officer's own, an admin's district's. */
  get stations(): StationChoice[] {
    const found = new Map<string, string>()
    // a station-level grant names its station even before the schools are loaded
    for (const m of this.root.me.memberships) {
      if (m.status === 'approved' && m.scope.kind === 'station' && roleHolds(m.role, 'hazard.ledger')) found.set(m.scope.stationId, m.scope.stationName)
    }
    for (const s of this.root.schools.items) {
      if (this.root.me.can('hazard.ledger', { level: 'station', stationId: s.stationId, districtId: s.districtId })) found.set(s.stationId, s.stationName)
    }
    return [...found].map(([id, name]) => ({ id, name }))
  }

  /** The chosen station, or the first one. */
  get station(): StationChoice | null {
    const stations = this.stations
    return stations.find((s) => s.id === this.stationId) ?? stations[0] ?? null
  }

  get rangeError(): string | null {
    return this.to < this.from ? '结束日期应不早于开始日期' : null
  }

  setStation(stationId: string): void {
    this.stationId = stationId
  }

  setFrom(date: string): void {
    this.from = date
  }

  setTo(date: string): void {
    this.to = date
  }

  /** Downloads the Excel file; resolves with its local path. Throws ApiError on refusal. */
  async export(): Promise<{ path: string; filename: string }> {
    const station = this.station
    if (!station) throw new Error('没有可导出的派出所')
    if (this.rangeError) throw new Error(this.rangeError)
    this.exporting = true
    try {
      const path = await this.api.hazards.ledger(station.id, this.from, this.to)
      return { path, filename: `${station.name}隐患台账_${this.from}_${this.to}.xlsx` }
    } finally {
      runInAction(() => {
        this.exporting = false
      })
    }
  }
}

/** root.store(hazardLedgerStore): the ledger export's store (packages/hazards); nothing in it belongs to a person. */
export const hazardLedgerStore = lazyStore(
  (root, api, device) => new HazardLedgerStore(root, api, device.now),
  () => {},
)
