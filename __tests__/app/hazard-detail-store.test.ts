import type { HazardStatus } from '@/types/hazards'
import type { Membership } from '@/types/api'
import { memoryTokenStorage } from '@/services/token-storage'
import { RootStore } from '@/stores/root-store'
import { hazardDetailStore } from '@/stores/hazards/detail-store'
import { DISTRICT, HONGDU, JINGSHAN, STATION, atSchool, me, membership } from './support/fixtures'
import { fakeHazardApi, hazard, hazardDetail, hazardEvent, uploaded } from './support/hazard-fixtures'

const police = () => membership({ role: 'police', status: 'approved', scope: { kind: 'station', stationId: STATION.id, stationName: STATION.name, schoolIds: [JINGSHAN.id] } })
const otherPolice = () => membership({ role: 'police', status: 'approved', scope: { kind: 'station', stationId: 'st2', stationName: '洪都派出所', schoolIds: [HONGDU.id] } })
const admin = () => membership({ role: 'admin', status: 'approved', scope: { kind: 'district', districtId: DISTRICT.id, districtName: DISTRICT.name } })
const principal = () => membership({ role: 'principal', status: 'approved', scope: atSchool(JINGSHAN) })
const volunteer = () => membership({ role: 'volunteer', status: 'approved', scope: atSchool(JINGSHAN) })

async function viewing(memberships: Membership[], status: HazardStatus, extra: Partial<Parameters<typeof hazardDetail>[0]> = {}) {
  const api = fakeHazardApi()
  const root = new RootStore(api, memoryTokenStorage('t'))
  root.me.setMe(me(memberships))
  api.schools.list.mockResolvedValue([JINGSHAN, HONGDU])
  await root.schools.load()
  api.hazards.get.mockResolvedValue(hazardDetail({ id: 'h1', status, ...extra }))
  await root.store(hazardDetailStore).open('h1')
  return { api, root, detail: root.store(hazardDetailStore) }
}

// the person is p1 (fixtures.me); "assigned to p1" makes them the assignee
const toMe = { assignee: { department: 'school' as const, personId: 'p1', personName: '黄丽萍' }, deadline: '2026-11-29T00:00:00.000Z' }
const toSomeoneElse = { assignee: { department: 'school' as const, personId: 'p9', personName: '胡晓东' }, deadline: '2026-11-29T00:00:00.000Z' }

describe('HazardDetailStore: the actions shown are exactly those domain allows this person', () => {
  it.each<[string, () => Membership[], HazardStatus, object, string[]]>([
    ['police, 待受理', () => [police()], 'submitted', {}, ['accept', 'reject', 'duplicate']],
    ['police, 已受理', () => [police()], 'accepted', {}, ['duplicate', 'assign']],
    ['police, 已交办 (re-assign or record the rectification)', () => [police()], 'assigned', toSomeoneElse, ['assign', 'resolve']],
    ['police, 已整改', () => [police()], 'resolved', toSomeoneElse, ['assign', 'close']],
    ['police, 已销号', () => [police()], 'closed', {}, ['reopen']],
    ['police, 不予受理', () => [police()], 'rejected', {}, ['reopen']],
    ['admin of the district, 待受理', () => [admin()], 'submitted', {}, ['accept', 'reject', 'duplicate']],
    ['police of another station', () => [otherPolice()], 'submitted', {}, []],
    ['principal it was handed to, 已交办', () => [principal()], 'assigned', toMe, ['resolve']],
    ['principal it was handed to, 已整改 (police verify)', () => [principal()], 'resolved', toMe, []],
    ['principal not the assignee, 已交办', () => [principal()], 'assigned', toSomeoneElse, []],
    ['principal, 待受理', () => [principal()], 'submitted', {}, []],
    ['volunteer, 待受理', () => [volunteer()], 'submitted', {}, []],
    ['volunteer, 已交办', () => [volunteer()], 'assigned', toSomeoneElse, []],
  ])('%s', async (_name, memberships, status, extra, expected) => {
    const { detail } = await viewing(memberships(), status, extra)
    expect(detail.actions).toEqual(expected)
  })

  it('a member who did not report it may say "我也遇到了" once, not on a closed report or their own', async () => {
    expect((await viewing([volunteer()], 'assigned')).detail.canConfirm).toBe(true)
    // those handling it do not "also" encounter it
    expect((await viewing([principal()], 'resolved', toMe)).detail.canConfirm).toBe(false)
    expect((await viewing([police()], 'submitted')).detail.canConfirm).toBe(false)
    expect((await viewing([volunteer()], 'closed')).detail.canConfirm).toBe(false)
    expect((await viewing([volunteer()], 'submitted', { mine: true })).detail.canConfirm).toBe(false)
    expect((await viewing([volunteer()], 'submitted', { confirmedByMe: true })).detail.canConfirm).toBe(false)
  })
})

describe('HazardDetailStore: sending an action', () => {
  it('整改完成 sends the note and the photos chosen, shows the new timeline and updates the lists', async () => {
    const { api, root, detail } = await viewing([principal()], 'assigned', toMe)
    api.hazards.list.mockResolvedValue([hazard({ id: 'h1', status: 'assigned' })])
    await root.hazards.assigned.load()
    api.uploads.photo.mockResolvedValue(uploaded('f-fixed'))
    detail.photos.restart(9)
    await detail.photos.add(['blob:after'])
    const after = hazardDetail({
      id: 'h1',
      status: 'resolved',
      events: [
        hazardEvent({ id: 'e1', action: 'report', toStatus: 'submitted' }),
        hazardEvent({ id: 'e2', action: 'resolve', fromStatus: 'assigned', toStatus: 'resolved', actor: '我', note: '已设置隔离栏' }),
      ],
    })
    api.hazards.transition.mockResolvedValue(after)

    await detail.transition({ action: 'resolve', note: ' 已设置隔离栏 ' })

    expect(api.hazards.transition).toHaveBeenCalledWith('h1', { action: 'resolve', note: '已设置隔离栏', photoIds: ['f-fixed'] })
    expect(detail.hazard?.status).toBe('resolved')
    expect(detail.hazard?.events).toHaveLength(2)
    expect(detail.photos.items).toEqual([])
    expect(detail.actions).toEqual([])
    expect(root.hazards.assigned.items[0].status).toBe('resolved')
    expect(detail.busy).toBeNull()
  })

  it('a refused action keeps the report as it was and rethrows the server message', async () => {
    const { api, detail } = await viewing([police()], 'submitted')
    const { ApiError } = await import('@/services/http')
    api.hazards.transition.mockRejectedValue(new ApiError(409, 'CONFLICT', '隐患状态刚刚被他人更新，请刷新后重试'))
    await expect(detail.transition({ action: 'accept' })).rejects.toThrow('隐患状态刚刚被他人更新')
    expect(detail.hazard?.status).toBe('submitted')
    expect(detail.busy).toBeNull()
  })

  it('offers open reports of the same school as duplicates, same category first, never itself', async () => {
    const { api, detail } = await viewing([police()], 'submitted')
    api.hazards.list.mockResolvedValue([
      hazard({ id: 'h1' }),
      hazard({ id: 'other-cat', category: { id: 'fire', name: '消防隐患', defaultSeverity: 'high' } }),
      hazard({ id: 'closed', status: 'closed', statusType: 'closed' }),
      hazard({ id: 'same-cat', status: 'accepted' }),
    ])
    await detail.loadCandidates()
    expect(api.hazards.list).toHaveBeenCalledWith({ scope: 'queue', schoolId: JINGSHAN.id })
    expect(detail.candidates.map((h) => h.id)).toEqual(['same-cat', 'other-cat'])
  })
})
