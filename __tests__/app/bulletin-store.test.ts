// The bulletin page's store: the periods it offers, the areas the policy lets the person ask for,
// and the query it sends.
import type { Bulletin } from '@/types/bulletin'
import { ApiError, type Http } from '@/services/http'
import { memoryTokenStorage } from '@/services/token-storage'
import { RootStore } from '@/stores/root-store'
import { BulletinStore, periodDates } from '@/stores/coverage/bulletin-store'
import { HONGDU, JINGSHAN, atSchool, fakeApi, me, membership, school } from './support/fixtures'

const NOW = new Date('2026-12-02T04:00:00Z') // Wednesday noon in Nanchang
const XIHU_SCHOOL = school('s9', '西湖区站前路小学', 'st9', 'd2')

async function setup(memberships: Parameters<typeof me>[0]) {
  const api = fakeApi()
  const root = new RootStore(api, memoryTokenStorage('t'))
  root.me.setMe(me(memberships))
  api.schools.list.mockResolvedValue([JINGSHAN, HONGDU, XIHU_SCHOOL])
  await root.schools.load()
  const get = jest.fn()
  const http = { get, download: jest.fn() } as unknown as Http
  return { store: new BulletinStore(root, http, () => NOW), get }
}

it.each([
  ['term', '2026-09-01', '2026-12-02'],
  ['month', '2026-12-01', '2026-12-02'],
  ['lastMonth', '2026-11-01', '2026-11-30'],
  ['week', '2026-11-30', '2026-12-02'],
] as const)('the period %s runs from %s to %s (up to today)', (period, from, to) => {
  expect(periodDates(period, NOW)).toEqual({ from, to })
})

it('the city may ask for the city, every district and station; the widest comes first', async () => {
  const { store, get } = await setup([membership({ role: 'city', status: 'approved', scope: { kind: 'city' } })])
  expect(store.areas.map((a) => [a.level, a.id])).toEqual([
    ['city', undefined],
    ['district', 'd1'],
    ['district', 'd2'],
    ['station', 'st1'],
    ['station', 'st2'],
    ['station', 'st9'],
  ])
  get.mockResolvedValue({ scope: { level: 'city', id: null, name: '全市' }, from: '2026-09-01', to: '2026-12-02' } as Bulletin)
  await store.load()
  expect(get).toHaveBeenCalledWith('/api/bulletin', { from: '2026-09-01', to: '2026-12-02', level: 'city', id: undefined })
  expect(store.current?.scope.name).toBe('全市')
  // another area: the old answer is not shown for it
  get.mockReturnValue(new Promise(() => undefined))
  void store.setArea(store.areas[2])
  expect(store.current).toBeNull()
})

it('a police officer asks for their station only; a principal for nothing', async () => {
  const police = await setup([
    membership({ role: 'police', status: 'approved', scope: { kind: 'station', stationId: 'st1', stationName: '京山派出所', schoolIds: [JINGSHAN.id] } }),
  ])
  expect(police.store.areas.map((a) => [a.level, a.id])).toEqual([['station', 'st1']])
  const principal = await setup([membership({ role: 'principal', status: 'approved', scope: atSchool(JINGSHAN) })])
  expect(principal.store.areas).toEqual([])
  expect(principal.store.query).toBeNull()
})

it('a late answer for the period left never replaces the period chosen; a failed retry shows the message', async () => {
  const { store, get } = await setup([membership({ role: 'city', status: 'approved', scope: { kind: 'city' } })])
  const answer = (from: string, to: string) => ({ scope: { level: 'city', id: null, name: '全市' }, from, to }) as Bulletin
  let answerTerm: (b: Bulletin) => void = () => {}
  get.mockImplementationOnce(() => new Promise((resolve) => (answerTerm = resolve)))
  get.mockResolvedValueOnce(answer('2026-11-30', '2026-12-02'))
  const term = store.load()
  await store.setPeriod('week')
  answerTerm(answer('2026-09-01', '2026-12-02'))
  await term
  expect(store.current?.from).toBe('2026-11-30')

  get.mockRejectedValueOnce(new ApiError(0, 'NETWORK', '网络连接失败，请检查网络后重试'))
  await store.setPeriod('month')
  expect(store.current).toBeNull()
  expect(store.state).toBe('error')
  expect(store.error).toBe('网络连接失败，请检查网络后重试')
  get.mockResolvedValueOnce(answer('2026-12-01', '2026-12-02'))
  await store.load()
  expect(store.state).toBe('ready')
  expect(store.current?.from).toBe('2026-12-01')
})
