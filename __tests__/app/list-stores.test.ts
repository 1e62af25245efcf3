// The lists a screen loads (schools, hazard categories): one request at a time, a spinner only
// while nothing is shown, and a failed refresh keeps what the person was looking at.
import type { School } from '@/types/org'
import { ApiError } from '@/services/http'
import { SchoolsStore } from '@/stores/schools-store'

const school = (id: string, name: string): School => ({
  id,
  name,
  kind: 'primary',
  address: '',
  districtId: 'd1',
  districtName: '青云谱区',
  stationId: 'st1',
  stationName: '京山派出所',
  phone: null,
  posts: [],
  lat: 28.6,
  lng: 115.9,
})

function deferred<T>() {
  let resolve!: (v: T) => void
  let reject!: (e: unknown) => void
  const promise = new Promise<T>((res, rej) => {
    resolve = res
    reject = rej
  })
  return { promise, resolve, reject }
}

function setup() {
  const list = jest.fn<Promise<School[]>, []>()
  const store = new SchoolsStore({ schools: { list } } as never)
  return { list, store }
}

describe('a list store (SchoolsStore)', () => {
  it('shows loading on the first load, and two loads at once make one request', async () => {
    const { list, store } = setup()
    const answer = deferred<School[]>()
    list.mockReturnValue(answer.promise)

    const first = store.load()
    const second = store.load()
    expect(store.state).toBe('loading')
    answer.resolve([school('s1', '京山小学')])
    await Promise.all([first, second])

    expect(list).toHaveBeenCalledTimes(1)
    expect(store.state).toBe('ready')
    expect(store.byId('s1')?.name).toBe('京山小学')
  })

  it('a refresh keeps the list on screen, and a failed one keeps it with the reason', async () => {
    const { list, store } = setup()
    list.mockResolvedValueOnce([school('s1', '京山小学')])
    await store.load()

    const answer = deferred<School[]>()
    list.mockReturnValueOnce(answer.promise)
    const refresh = store.load()
    expect(store.state).toBe('ready')
    answer.reject(new ApiError(503, 'NETWORK', '网络不可用，请稍后重试'))
    await refresh

    expect(store.state).toBe('error')
    expect(store.error).toBe('网络不可用，请稍后重试')
    expect(store.items.map((s) => s.name)).toEqual(['京山小学'])

    // a later load may try again (the failed request is not kept)
    list.mockResolvedValueOnce([school('s1', '京山小学'), school('s2', '实验学校')])
    await store.load()
    expect(list).toHaveBeenCalledTimes(3)
    expect(store.state).toBe('ready')
    expect(store.error).toBeNull()
    expect(store.items).toHaveLength(2)
  })

  it('signing out empties it', async () => {
    const { list, store } = setup()
    list.mockResolvedValue([school('s1', '京山小学')])
    await store.load()
    store.reset()
    expect(store.items).toEqual([])
    expect(store.state).toBe('idle')
  })
})
