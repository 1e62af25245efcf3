import { ApiError, Http, type Transport, type TransportRequest } from '@/services/http'
import { memoryTokenStorage } from '@/services/token-storage'

function transportAnswering(statusCode: number, data: unknown) {
  const calls: TransportRequest[] = []
  const transport: Transport = async (req) => {
    calls.push(req)
    return { statusCode, data }
  }
  return { transport, calls }
}

describe('Http', () => {
  it('sends JSON with the bearer token to the base URL and returns the body', async () => {
    const { transport, calls } = transportAnswering(200, { items: [] })
    const http = new Http({ baseUrl: 'https://api.example.com/', tokens: memoryTokenStorage('t-1'), transport, timeoutMs: 5000 })

    await expect(http.get('/api/members', { schoolId: 's 1', status: undefined })).resolves.toEqual({ items: [] })
    expect(calls[0]).toMatchObject({
      url: 'https://api.example.com/api/members?schoolId=s%201',
      method: 'GET',
      timeout: 5000,
      header: { Authorization: 'Bearer t-1', Accept: 'application/json' },
    })
  })

  it('sends an empty JSON object when a POST has no body', async () => {
    const { transport, calls } = transportAnswering(204, null)
    const http = new Http({ baseUrl: '', tokens: memoryTokenStorage(), transport })
    await http.post('/api/auth/logout')
    expect(calls[0].data).toEqual({})
    expect(calls[0].header['Content-Type']).toBe('application/json')
    expect(calls[0].header.Authorization).toBeUndefined()
  })

  it('turns an error body into an ApiError with the server message and field', async () => {
    const { transport } = transportAnswering(400, { code: 'BAD_REQUEST', message: '字段 phone 的格式不正确', field: 'phone' })
    const http = new Http({ baseUrl: '', tokens: memoryTokenStorage('t'), transport })
    const error = await http.post('/api/memberships/join', {}).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ApiError)
    expect(error).toMatchObject({ status: 400, code: 'BAD_REQUEST', message: '字段 phone 的格式不正确', field: 'phone' })
  })

  it('clears the token and tells listeners on 401', async () => {
    const tokens = memoryTokenStorage('expired')
    const { transport } = transportAnswering(401, { code: 'UNAUTHENTICATED', message: '请先登录' })
    const http = new Http({ baseUrl: '', tokens, transport })
    const signedOut = jest.fn()
    http.onUnauthorized(signedOut)

    await expect(http.get('/api/me')).rejects.toMatchObject({ status: 401, message: '请先登录' })
    expect(tokens.get()).toBeNull()
    expect(signedOut).toHaveBeenCalledTimes(1)
  })

  it('maps a failed or timed-out transport to NETWORK / TIMEOUT errors in Chinese', async () => {
    const down = new Http({ baseUrl: '', tokens: memoryTokenStorage(), transport: () => Promise.reject({ errMsg: 'request:fail' }) })
    await expect(down.get('/api/me')).rejects.toMatchObject({ status: 0, code: 'NETWORK', message: '网络连接失败，请检查网络后重试' })
    const slow = new Http({ baseUrl: '', tokens: memoryTokenStorage(), transport: () => Promise.reject({ errMsg: 'request:fail timeout' }) })
    await expect(slow.get('/api/me')).rejects.toMatchObject({ code: 'TIMEOUT' })
  })

  it('describes a non-JSON failure by its status', async () => {
    const { transport } = transportAnswering(502, '<html>Bad Gateway</html>')
    const http = new Http({ baseUrl: '', tokens: memoryTokenStorage(), transport })
    await expect(http.get('/api/me')).rejects.toMatchObject({ status: 502, code: 'BAD_RESPONSE', message: '服务器开小差了，请稍后再试' })
  })

  it("has no PATCH: WeChat's wx.request cannot send it", () => {
    const methods = Object.getOwnPropertyNames(Http.prototype)
    expect(methods).toEqual(expect.arrayContaining(['get', 'post', 'put', 'delete']))
    expect(methods).not.toContain('patch')
  })

  it('keeps at most 10 calls on the wire and sends the rest, in order, as slots free up', async () => {
    const pending: Array<{ req: TransportRequest; answer: () => void }> = []
    let inFlight = 0
    let peak = 0
    const transport: Transport = (req) =>
      new Promise((resolve) => {
        inFlight++
        peak = Math.max(peak, inFlight)
        pending.push({
          req,
          answer: () => {
            inFlight--
            resolve({ statusCode: 200, data: req.url })
          },
        })
      })
    const http = new Http({ baseUrl: '', tokens: memoryTokenStorage('t'), transport })

    const all = Promise.all(Array.from({ length: 25 }, (_, i) => http.get<string>(`/api/n/${i}`)))
    await Promise.resolve()
    expect(pending).toHaveLength(10)
    // answer one at a time: each answer lets exactly one waiting call go
    for (let answered = 0; answered < 25; answered++) {
      pending[answered].answer()
      await new Promise((r) => setTimeout(r, 0))
      expect(inFlight).toBeLessThanOrEqual(10)
    }
    expect(peak).toBe(10)
    expect(pending.map((p) => p.req.url)).toEqual(Array.from({ length: 25 }, (_, i) => `/api/n/${i}`))
    await expect(all).resolves.toEqual(Array.from({ length: 25 }, (_, i) => `/api/n/${i}`))
  })

  it('frees the slot of a failed call', async () => {
    let calls = 0
    const transport: Transport = async () => {
      calls++
      throw { errMsg: 'request:fail' }
    }
    const http = new Http({ baseUrl: '', tokens: memoryTokenStorage(), transport, maxConcurrent: 2 })
    const results = await Promise.allSettled(Array.from({ length: 6 }, () => http.get('/api/x')))
    expect(results.every((r) => r.status === 'rejected')).toBe(true)
    expect(calls).toBe(6)
  })
})
