// The app shows times by the server's clock, learned from the Date header of its answers.
import { Http, type Transport } from '@/services/http'
import { observeServerDate, resetServerClock, serverNow } from '@/services/server-clock'
import { memoryTokenStorage } from '@/services/token-storage'

const MIN = 60_000
afterEach(() => resetServerClock())

it('follows a server clock ten minutes ahead, from any answer through Http', async () => {
  const transport: Transport = async () => ({ statusCode: 200, data: {}, header: { Date: new Date(Date.now() + 10 * MIN).toUTCString() } })
  const http = new Http({ baseUrl: '', tokens: memoryTokenStorage(), transport })
  await http.get('/api/me')
  const ahead = serverNow().getTime() - Date.now()
  expect(ahead).toBeGreaterThan(10 * MIN - 2_000)
  expect(ahead).toBeLessThan(10 * MIN + 2_000)
})

it('treats the Date header’s whole seconds and the trip as agreement, not as an offset', () => {
  const now = Date.now()
  observeServerDate({ date: new Date(now - 900).toUTCString() }, now - 300, now)
  expect(Math.abs(serverNow().getTime() - Date.now())).toBeLessThan(50)
})

it('ignores answers without a readable Date', () => {
  observeServerDate(undefined, 0, 0)
  observeServerDate({ date: 'not a date' }, 0, 0)
  expect(Math.abs(serverNow().getTime() - Date.now())).toBeLessThan(50)
})
