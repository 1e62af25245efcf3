import { ApiError } from '@/services/http'
import { memoryTokenStorage } from '@/services/token-storage'
import { RootStore } from '@/stores/root-store'
import { hazardLedgerStore } from '@/stores/hazards/ledger-store'
import { DISTRICT, HONGDU, JINGSHAN, SHIYAN, STATION, me, membership } from './support/fixtures'
import { fakeHazardApi, hazard } from './support/hazard-fixtures'

function setup() {
  const api = fakeHazardApi()
  const root = new RootStore(api, memoryTokenStorage('t'))
  return { api, root, hazards: root.hazards }
}

describe('HazardListStore', () => {
  it('the queue sends its filters to the server and keeps the server’s (urgency) order', async () => {
    const { api, hazards } = setup()
    api.hazards.list.mockResolvedValue([hazard({ id: 'late', overdue: true, status: 'assigned' }), hazard({ id: 'new' })])
    await hazards.queue.setFilters({ status: 'assigned', overdue: true, schoolId: 's1' })
    expect(api.hazards.list).toHaveBeenLastCalledWith({ scope: 'queue', status: 'assigned', overdue: true, schoolId: 's1' })
    expect(hazards.queue.items.map((h) => h.id)).toEqual(['late', 'new'])
    expect(hazards.queue.overdueCount).toBe(1)

    await hazards.queue.clearFilters()
    expect(api.hazards.list).toHaveBeenLastCalledWith({ scope: 'queue' })
    expect(hazards.queue.hasFilters).toBe(false)
  })

  it('a school list waits for a school', async () => {
    const { api, hazards } = setup()
    await hazards.school.load()
    expect(api.hazards.list).not.toHaveBeenCalled()
    api.hazards.list.mockResolvedValue([])
    await hazards.school.setFilters({ schoolId: 's1' })
    expect(api.hazards.list).toHaveBeenCalledWith({ scope: 'school', schoolId: 's1' })
  })

  it('a quiet reload (polling) keeps the list on screen when it fails; a normal one shows the error', async () => {
    const { api, hazards } = setup()
    api.hazards.list.mockResolvedValue([hazard({ id: 'a' })])
    await hazards.mine.load()
    api.hazards.list.mockRejectedValue(new ApiError(0, 'NETWORK', '网络连接失败，请检查网络后重试'))
    await hazards.mine.load({ quiet: true })
    expect(hazards.mine.state).toBe('ready')
    expect(hazards.mine.items.map((h) => h.id)).toEqual(['a'])
    await hazards.mine.load()
    expect(hazards.mine.state).toBe('error')
    expect(hazards.mine.error).toBe('网络连接失败，请检查网络后重试')
  })

  it('an answer to older filters does not overwrite a newer one', async () => {
    const { api, hazards } = setup()
    let answerOld: (v: unknown) => void = () => {}
    api.hazards.list.mockImplementationOnce(() => new Promise((r) => (answerOld = r)))
    api.hazards.list.mockResolvedValueOnce([hazard({ id: 'new-filter' })])
    const old = hazards.queue.setFilters({ status: 'submitted' })
    await hazards.queue.setFilters({ status: 'closed' })
    answerOld([hazard({ id: 'old-filter' })])
    await old
    expect(hazards.queue.items.map((h) => h.id)).toEqual(['new-filter'])
  })
})

describe('HazardInboxStore (首页 shortcuts)', () => {
  it('shows the server’s counts: reports to accept and overdue ones for the police, what waits for the assignee', async () => {
    const { api, hazards } = setup()
    api.hazards.counts.mockResolvedValue({ queue: { submitted: 2, overdue: 1 }, assigned: { open: 1, overdue: 0 } })
    await hazards.inbox.load()
    expect(hazards.inbox.submittedCount).toBe(2)
    expect(hazards.inbox.overdueCount).toBe(1)
    expect(hazards.inbox.assignedOpenCount).toBe(1)
    expect(hazards.inbox.assignedOverdueCount).toBe(0)
  })

  it('no queue numbers for someone who handles no reports, and no numbers at all when asking fails', async () => {
    const { api, hazards } = setup()
    api.hazards.counts.mockResolvedValueOnce({ queue: null, assigned: { open: 3, overdue: 1 } })
    await hazards.inbox.load()
    expect(hazards.inbox.submittedCount).toBeNull()
    expect(hazards.inbox.assignedOpenCount).toBe(3)

    api.hazards.counts.mockRejectedValueOnce(new ApiError(0, 'NETWORK', '网络连接失败，请检查网络后重试'))
    await hazards.inbox.load()
    expect(hazards.inbox.assignedOpenCount).toBeNull()
  })
})

describe('HazardLedgerStore (台账)', () => {
  it('a police officer exports their station; the range defaults to this month', async () => {
    const { api, root } = setup()
    root.me.setMe(me([membership({ role: 'police', status: 'approved', scope: { kind: 'station', stationId: STATION.id, stationName: STATION.name, schoolIds: [] } })]))
    expect(root.store(hazardLedgerStore).stations).toEqual([{ id: STATION.id, name: STATION.name }])
    expect(root.store(hazardLedgerStore).from).toMatch(/^\d{4}-\d{2}-01$/)
    api.hazards.ledger.mockResolvedValue('blob:ledger')
    root.store(hazardLedgerStore).setFrom('2026-11-01')
    root.store(hazardLedgerStore).setTo('2026-11-30')
    await expect(root.store(hazardLedgerStore).export()).resolves.toEqual({ path: 'blob:ledger', filename: '京山派出所隐患台账_2026-11-01_2026-11-30.xlsx' })
    expect(api.hazards.ledger).toHaveBeenCalledWith(STATION.id, '2026-11-01', '2026-11-30')
  })

  it('an admin chooses among the stations of their district; a reversed range is refused before asking', async () => {
    const { api, root } = setup()
    root.me.setMe(me([membership({ role: 'admin', status: 'approved', scope: { kind: 'district', districtId: DISTRICT.id, districtName: DISTRICT.name } })]))
    api.schools.list.mockResolvedValue([JINGSHAN, SHIYAN, { ...HONGDU, stationName: '洪都派出所' }])
    await root.schools.load()
    expect(root.store(hazardLedgerStore).stations.map((s) => s.id)).toEqual([STATION.id, 'st2'])
    root.store(hazardLedgerStore).setStation('st2')
    root.store(hazardLedgerStore).setFrom('2026-11-30')
    root.store(hazardLedgerStore).setTo('2026-11-01')
    await expect(root.store(hazardLedgerStore).export()).rejects.toThrow('结束日期应不早于开始日期')
    expect(api.hazards.ledger).not.toHaveBeenCalled()
  })

  it('a volunteer has no ledger to export', () => {
    const { root } = setup()
    root.me.setMe(me([membership({ role: 'volunteer', status: 'approved', scope: { kind: 'school', schoolId: JINGSHAN.id, schoolName: JINGSHAN.name } })]))
    expect(root.store(hazardLedgerStore).stations).toEqual([])
  })
})
