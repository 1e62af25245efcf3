// The crash tests' loop, written once: a few hundred phones each send one retried write (the
// same idempotency key every time) until the server acknowledges it, while the server is
// SIGKILLed and restarted again and again. The caller says what a phone sends and reads what
// the database kept afterwards.
import { freshDatabase, type FreshDatabase } from '../../__tests__/server/support/test-db'
import { createCheckinFixture, type Fixture } from './checkin-fixture'
import { freePort, startServerProcess, type ServerProcess } from './server-process'

export type Phone = Fixture['people'][number]

export interface CrashRun<T> {
  database: FreshDatabase
  /** what the server acknowledged, by phone */
  acked: Map<Phone, T>
  attempts: number
  refused: number
}

export async function crashLoop<T>(options: {
  people: number
  kills: number
  /** the phone's one write: path and body (sent again, unchanged, after every failure) */
  write: (phone: Phone, fixture: Fixture) => { path: string; body: object }
  /** what the phone keeps from the acknowledgement, to compare with the database afterwards */
  ack: (body: unknown) => T
}): Promise<CrashRun<T>> {
  const database = await freshDatabase()
  const fixture = await createCheckinFixture(database.url, options.people)
  const port = await freePort()
  let server: ServerProcess = await startServerProcess({ DATABASE_URL: database.url }, port)
  const acked = new Map<Phone, T>()
  let attempts = 0
  let refused = 0
  let running = true
  const pause = (ms: number) => new Promise((r) => setTimeout(r, ms))

  const killer = (async () => {
    for (let k = 0; k < options.kills && running; k++) {
      await pause(400 + Math.random() * 600)
      server.child.kill('SIGKILL')
      await new Promise((r) => server.child.once('exit', r))
      await pause(150)
      server = await startServerProcess({ DATABASE_URL: database.url }, port)
    }
  })()

  const queue = [...fixture.people]
  const worker = async () => {
    for (let phone = queue.shift(); phone; phone = queue.shift()) {
      // phones arrive over several seconds, so that the kills fall among them
      await pause(200 + Math.random() * 400)
      const { path, body } = options.write(phone, fixture)
      for (;;) {
        attempts++
        try {
          const res = await fetch(`http://127.0.0.1:${port}${path}`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', authorization: `Bearer ${phone.token}` },
            body: JSON.stringify(body),
            signal: AbortSignal.timeout(5000),
          })
          if (res.status === 200) {
            acked.set(phone, options.ack(await res.json()))
            break
          }
          if (res.status < 500) {
            refused++
            console.error(`拒绝 ${res.status}: ${await res.text()}`)
            break
          }
        } catch {
          // the server is down: the phone keeps the write and tries again
        }
        await pause(50 + Math.random() * 200)
      }
    }
  }
  await Promise.all(Array.from({ length: 24 }, worker))
  running = false
  await killer
  server.child.kill('SIGTERM')
  await new Promise((r) => server.child.once('exit', r))
  return { database, acked, attempts, refused }
}

/**
 * Prints the outcome and exits: failed when anything was lost, duplicated, changed or refused,
 * when not every phone was acknowledged, or when no request met a dead server (proves nothing).
 */
export function report(
  name: string,
  what: string,
  run: { people: number; kills: number; attempts: number; refused: number; acked: number },
  faults: Record<string, number>,
): never {
  const vacuous = run.attempts <= run.people
  const failed = Object.values(faults).reduce((a, b) => a + b, 0) + run.refused + (run.acked === run.people ? 0 : 1) + (vacuous ? 1 : 0)
  console.log(`${what} ${run.people} 人，请求 ${run.attempts} 次，服务器被强制结束 ${run.kills} 次`)
  const counts = Object.entries(faults)
    .map(([label, n]) => `${label} ${n}`)
    .join('，')
  console.log(`已确认 ${run.acked}，${counts}，被拒 ${run.refused}${vacuous ? '；没有请求遇到宕机，测试无效' : ''}`)
  console.log(`${name}: ${failed === 0 ? 1 : 0} passed, ${failed === 0 ? 0 : 1} failed`)
  process.exit(failed === 0 ? 0 : 1)
}
