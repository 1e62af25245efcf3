// 最近报警: the first page on open and on refresh (what is shown stays until the new page comes),
// more pages at the end without duplicates, errors kept apart from what is shown.
import type { AlarmPage, AlarmSummary } from '@/types/alarms'
import { ApiError } from '@/services/http'
import { AlarmListStore } from '@/stores/alarms/list-store'

const summary = (id: string): AlarmSummary => ({
  id,
  schoolId: 's1',
  schoolName: '京山小学',
  stationName: '京山派出所',
  status: 'closed',
  kind: 'real',
  type: null,
  outcome: 'handled',
  raiserName: '王芳',
  raisedAt: '2026-12-01T00:00:00.000Z',
  closedAt: '2026-12-01T00:05:00.000Z',
  drillNoticeId: null,
  firstAckSec: 20,
  schoolOnSiteSec: 45,
  policeOnSiteSec: 150,
  secondPoliceOnSiteSec: null,
  marks: [],
})

function setup(pages: (AlarmPage | Error)[]) {
  const history = jest.fn(async () => {
    const next = pages.shift()!
    if (next instanceof Error) throw next
    return next
  })
  return { store: new AlarmListStore({ alarms: { history } } as never), history }
}

it('loads the first page, then the next with the cursor, skipping one already shown', async () => {
  const { store, history } = setup([
    { items: [summary('a3'), summary('a2')], nextCursor: 'c1' },
    { items: [summary('a2'), summary('a1')], nextCursor: null },
  ])
  await store.load()
  expect(store.items.map((a) => a.id)).toEqual(['a3', 'a2'])
  expect(store.hasMore).toBe(true)
  await store.loadMore()
  expect(history).toHaveBeenLastCalledWith('c1', 20)
  expect(store.items.map((a) => a.id)).toEqual(['a3', 'a2', 'a1'])
  expect(store.hasMore).toBe(false)
  await store.loadMore()
  expect(history).toHaveBeenCalledTimes(2)
})

it('a failed first load is an error state; a failed refresh keeps the list; a failed next page can be retried', async () => {
  const { store } = setup([
    new ApiError(500, 'INTERNAL', '服务器开小差了'),
    { items: [summary('a2')], nextCursor: 'c1' },
    new ApiError(500, 'INTERNAL', '服务器开小差了'),
    new ApiError(500, 'INTERNAL', '服务器开小差了'),
    { items: [summary('a1')], nextCursor: null },
  ])
  await store.load()
  expect(store.state).toBe('error')
  await store.load()
  expect(store.state).toBe('ready')
  await store.load()
  expect(store.state).toBe('error')
  expect(store.items.map((a) => a.id)).toEqual(['a2'])
  await store.loadMore()
  expect(store.moreError).toBeTruthy()
  await store.loadMore()
  expect(store.items.map((a) => a.id)).toEqual(['a2', 'a1'])
  store.reset()
  expect(store.items).toEqual([])
})
