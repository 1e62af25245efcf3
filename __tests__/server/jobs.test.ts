import { runJobOnce, claimJob } from '../../server/src/jobs/runner'
import { enqueue } from '../../server/src/modules/outbox/outbox'
import { sendDueMessages, MAX_ATTEMPTS, type Transport } from '../../server/src/modules/outbox/sender'
import type { Clock } from '../../server/src/lib/clock'
import { createTestApp, type TestApp } from './support/test-app'

let now = new Date('2026-11-30T00:00:00Z')
const clock: Clock = { now: () => now }
let t: TestApp
let personId: string
let schoolId: string

beforeAll(async () => {
  t = await createTestApp({}, clock)
  personId = (await t.ctx.db.selectFrom('people').select('id').where('name', '=', '王芳').executeTakeFirstOrThrow()).id
  schoolId = (await t.ctx.db.selectFrom('schools').select('id').where('name', '=', '青云谱区京山小学').executeTakeFirstOrThrow()).id
})
afterAll(() => t.close())

describe('job leases', () => {
  it('two instances never hold the same job at once; a lease frees when it runs out', async () => {
    expect(await claimJob(t.ctx, 'demo.job', 60_000, 'A')).toBe(true)
    expect(await claimJob(t.ctx, 'demo.job', 60_000, 'B')).toBe(false)
    now = new Date(now.getTime() + 61_000)
    expect(await claimJob(t.ctx, 'demo.job', 60_000, 'B')).toBe(true)
  })

  it('of two concurrent runs, exactly one does the work', async () => {
    let runs = 0
    const job = {
      name: 'count',
      everyMs: 1000,
      run: async () => {
        runs++
        await new Promise((resolve) => setTimeout(resolve, 100))
      },
    }
    const results = await Promise.all([runJobOnce(t.ctx, job, 'A'), runJobOnce(t.ctx, job, 'B')])
    expect(results.filter(Boolean)).toHaveLength(1)
    expect(runs).toBe(1)
  })
})

describe('outbox', () => {
  const message = (key: string) => ({ personId, schoolId, kind: 'test', title: '标题', body: '内容', dedupeKey: key })

  it('the same message enqueued twice is stored once', async () => {
    await enqueue(t.ctx.db, now.toISOString(), [message('k1')])
    await enqueue(t.ctx.db, now.toISOString(), [message('k1')])
    expect(await t.ctx.db.selectFrom('outbox').select('id').where('dedupe_key', '=', 'k1').execute()).toHaveLength(1)
  })

  it('a failed send is retried later and recorded; success is recorded with its time', async () => {
    await enqueue(t.ctx.db, now.toISOString(), [message('k2')])
    let fail = true
    const sent: string[] = []
    const transport: Transport = {
      name: 'flaky',
      async send(m) {
        if (fail) throw new Error('网络错误')
        sent.push(m.title)
      },
    }
    await sendDueMessages(t.ctx, transport)
    let row = await t.ctx.db.selectFrom('outbox').selectAll().where('dedupe_key', '=', 'k2').executeTakeFirstOrThrow()
    expect(row).toMatchObject({ status: 'pending', attempts: 1, last_error: '网络错误' })
    // not due yet: nothing is sent again
    fail = false
    await sendDueMessages(t.ctx, transport)
    expect(sent).not.toContain('标题')
    now = new Date(now.getTime() + 61_000)
    await sendDueMessages(t.ctx, transport)
    row = await t.ctx.db.selectFrom('outbox').selectAll().where('dedupe_key', '=', 'k2').executeTakeFirstOrThrow()
    expect(row).toMatchObject({ status: 'sent', attempts: 2, last_error: null, sent_at: now.toISOString() })
  })

  it(`gives up after ${MAX_ATTEMPTS} attempts and says so`, async () => {
    await enqueue(t.ctx.db, now.toISOString(), [message('k3')])
    const broken: Transport = { name: 'broken', send: async () => Promise.reject(new Error('模板无效')) }
    for (let i = 0; i < MAX_ATTEMPTS; i++) {
      await sendDueMessages(t.ctx, broken)
      now = new Date(now.getTime() + 3_600_000)
    }
    const row = await t.ctx.db.selectFrom('outbox').selectAll().where('dedupe_key', '=', 'k3').executeTakeFirstOrThrow()
    expect(row).toMatchObject({ status: 'failed', attempts: MAX_ATTEMPTS, last_error: '模板无效' })
  })

  it('the district admin sees the messages on the outbox page', async () => {
    const res = await t.call({ method: 'GET', url: '/api/admin/outbox?status=failed', as: '周建国' })
    expect(res.statusCode).toBe(200)
    expect(res.json().items.map((m: { personName: string }) => m.personName)).toContain('王芳')
    const other = await t.call({ method: 'GET', url: '/api/admin/outbox?status=failed', as: '吴秀兰' })
    expect(other.json().items).toEqual([])
  })
})
