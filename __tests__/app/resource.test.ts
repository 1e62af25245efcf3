// Resource<T>: what every store that loads something for a screen relies on — only the latest
// answer is kept, a failure can be retried, a quiet refresh keeps what is shown, lists keep what
// they show and share a load in flight. Answers are settled by hand (deferred promises), so the
// order in which they come is the test's.
import { autorun } from 'mobx'
import { ApiError } from '@/services/http'
import { ListResource, Resource, type LoadState } from '@/stores/load-state'

interface Deferred<T> {
  promise: Promise<T>
  resolve(value: T): void
  reject(e: unknown): void
}

function deferred<T>(): Deferred<T> {
  let resolve!: (value: T) => void
  let reject!: (e: unknown) => void
  const promise = new Promise<T>((res, rej) => {
    resolve = res
    reject = rej
  })
  return { promise, resolve, reject }
}

/** A fake server: each call waits until the test answers it. */
function server<T>() {
  const calls: Deferred<T>[] = []
  const fetch = jest.fn(() => {
    const d = deferred<T>()
    calls.push(d)
    return d.promise
  })
  return { fetch, calls }
}

it('a late answer for an older key never overwrites the newer one', async () => {
  const r = new Resource<string>('加载失败')
  const { fetch, calls } = server<string>()
  const a = r.load(fetch, { key: 'A' })
  const b = r.load(fetch, { key: 'B' })
  calls[1].resolve('answer B')
  await b
  calls[0].resolve('answer A') // comes last
  await a
  expect(r.valueFor('B')).toBe('answer B')
  expect(r.valueFor('A')).toBeNull()
  expect(r.state).toBe<LoadState>('ready')
})

it('a late failure for an older key does not put the newer key in error', async () => {
  const r = new Resource<string>('加载失败')
  const { fetch, calls } = server<string>()
  const a = r.load(fetch, { key: 'A' })
  const b = r.load(fetch, { key: 'B' })
  calls[1].resolve('answer B')
  await b
  calls[0].reject(new Error('offline'))
  await a
  expect(r.state).toBe<LoadState>('ready')
  expect(r.error).toBeNull()
})

it('an answer for another key is not shown for the key now chosen', async () => {
  const r = new Resource<string>('加载失败')
  const { fetch, calls } = server<string>()
  const a = r.load(fetch, { key: 'A' })
  calls[0].resolve('answer A')
  await a
  void r.load(fetch, { key: 'B' })
  expect(r.valueFor('B')).toBeNull()
  expect(r.state).toBe<LoadState>('loading')
})

it('an error shows the server message (or the fallback), and a retry recovers', async () => {
  const r = new Resource<number>('覆盖率加载失败')
  const { fetch, calls } = server<number>()
  const first = r.load(fetch, { key: 'k' })
  calls[0].reject(new ApiError(500, 'INTERNAL', '服务器开小差了'))
  await first
  expect(r.state).toBe<LoadState>('error')
  expect(r.error).toBe('服务器开小差了')

  const second = r.load(fetch, { key: 'k' })
  expect(r.state).toBe<LoadState>('loading')
  expect(r.error).toBeNull()
  calls[1].reject('no message')
  await second
  expect(r.error).toBe('覆盖率加载失败')

  const retry = r.load(fetch, { key: 'k' })
  calls[2].resolve(42)
  await retry
  expect(r.state).toBe<LoadState>('ready')
  expect(r.error).toBeNull()
  expect(r.valueFor('k')).toBe(42)
})

it('a quiet refresh keeps the value on screen and ready while asking, and if it fails', async () => {
  const r = new Resource<string>('加载失败')
  const { fetch, calls } = server<string>()
  const first = r.load(fetch, { key: 'k' })
  calls[0].resolve('v1')
  await first

  const seen: LoadState[] = []
  const stop = autorun(() => seen.push(r.state))
  const quiet = r.load(fetch, { key: 'k', quiet: true })
  expect(r.valueFor('k')).toBe('v1')
  calls[1].reject(new Error('offline'))
  await quiet
  stop()
  expect(seen).toEqual(['ready']) // never loading, never error
  expect(r.valueFor('k')).toBe('v1')

  const again = r.load(fetch, { key: 'k', quiet: true })
  calls[2].resolve('v2')
  await again
  expect(r.valueFor('k')).toBe('v2')
})

it('a quiet load with nothing shown yet for its key shows loading and its failure', async () => {
  const r = new Resource<string>('加载失败')
  const { fetch, calls } = server<string>()
  const load = r.load(fetch, { key: 'k', quiet: true })
  expect(r.state).toBe<LoadState>('loading')
  calls[0].reject(new Error('offline'))
  await load
  expect(r.state).toBe<LoadState>('error')
})

it('a load that is not quiet shows loading again, the value still held for its key', async () => {
  const r = new Resource<string>('加载失败')
  const { fetch, calls } = server<string>()
  const first = r.load(fetch, { key: 'k' })
  calls[0].resolve('v1')
  await first
  void r.load(fetch, { key: 'k' })
  expect(r.state).toBe<LoadState>('loading')
  expect(r.valueFor('k')).toBe('v1')
})

it('reset drops an answer still on its way', async () => {
  const r = new Resource<string>('加载失败')
  const { fetch, calls } = server<string>()
  const load = r.load(fetch, { key: 'k' })
  r.reset()
  calls[0].resolve('for the person who left')
  await load
  expect(r.value).toBeNull()
  expect(r.state).toBe<LoadState>('idle')
})

describe('lists (ListResource)', () => {
  it('keep what they show, ready, while asking again; a failure is an error beside it', async () => {
    const list = new ListResource<string>('学校加载失败')
    const { fetch, calls } = server<string[]>()
    expect(list.items).toEqual([])
    const first = list.load(fetch)
    expect(list.state).toBe<LoadState>('loading')
    calls[0].resolve(['a', 'b'])
    await first

    const again = list.load(fetch)
    expect(list.state).toBe<LoadState>('ready')
    expect(list.items).toEqual(['a', 'b'])
    calls[1].reject(new ApiError(0, 'NETWORK', '网络不好'))
    await again
    expect(list.state).toBe<LoadState>('error')
    expect(list.error).toBe('网络不好')
    expect(list.items).toEqual(['a', 'b'])
  })

  it('an empty list shows nothing: asking again is loading', async () => {
    const list = new ListResource<string>('加载失败')
    const { fetch, calls } = server<string[]>()
    const first = list.load(fetch)
    calls[0].resolve([])
    await first
    void list.load(fetch)
    expect(list.state).toBe<LoadState>('loading')
  })

  it('share a load in flight for the same key; another key asks anew', async () => {
    const list = new ListResource<string>('加载失败')
    const { fetch, calls } = server<string[]>()
    const one = list.load(fetch, { key: 's1' })
    const two = list.load(fetch, { key: 's1' })
    expect(fetch).toHaveBeenCalledTimes(1)
    expect(two).toBe(one)
    const other = list.load(fetch, { key: 's2' })
    expect(fetch).toHaveBeenCalledTimes(2)
    calls[1].resolve(['s2'])
    await other
    calls[0].resolve(['s1 late'])
    await one
    expect(list.valueFor('s2')).toEqual(['s2'])
    expect(list.items).toEqual(['s2'])
    // once done, the next load asks again
    void list.load(fetch, { key: 's2' })
    expect(fetch).toHaveBeenCalledTimes(3)
  })

  it('set puts in a change made on the screen', () => {
    const list = new ListResource<string>('加载失败')
    list.set(['new'])
    expect(list.items).toEqual(['new'])
  })
})
