// A training from draft to attendance through the API: audience, receipts, RSVP, reminders,
// late joiners, withdrawal, drills.
import type { Me } from '../../types/api'
import type { Notice, NoticeStats } from '../../types/notices'
import type { Invite } from '../../types/org'
import type { Clock } from '../../server/src/lib/clock'
import { publishDue } from '../../server/src/modules/notices/service'
import { createTestApp, type TestApp } from './support/test-app'

let now = new Date('2026-12-01T02:00:00Z')
const clock: Clock = { now: () => now }
const tick = (min = 1) => (now = new Date(now.getTime() + min * 60_000))
let t: TestApp
let jingshan: string
let shiyan: string
let training: Notice
const place = { lat: 28.6405, lng: 115.918 }

const json = async <T>(p: Promise<{ json(): unknown }>) => (await p).json() as T
const schoolOf = async (name: string) => ((await json<Me>(t.call({ method: 'GET', url: '/api/me', as: name }))).memberships[0].scope as { schoolId: string }).schoolId
const outbox = (kind: string) => t.ctx.db.selectFrom('outbox').innerJoin('people', 'people.id', 'outbox.person_id').select(['people.name']).where('kind', '=', kind).execute()

const draft = (over: Record<string, unknown> = {}) => ({
  type: 'training',
  title: '护学岗志愿者交通疏导培训',
  body: '请报名参加，现场签到。',
  eventAt: '2026-12-05T01:00:00.000Z',
  eventEndAt: '2026-12-05T03:00:00.000Z',
  place: '京山小学报告厅',
  location: { ...place, radiusM: 100 },
  audience: { schoolIds: [jingshan], roles: ['volunteer'] },
  ackRequired: true,
  rsvpCapacity: 2,
  rsvpDeadline: '2026-12-04T12:00:00.000Z',
  attachmentIds: [],
  ...over,
})

beforeAll(async () => {
  t = await createTestApp({}, clock)
  jingshan = await schoolOf('黄丽萍')
  shiyan = await schoolOf('胡晓东')
})
afterAll(() => t.close())

describe('publishing', () => {
  it("the police write a training for one school's volunteers; a draft reaches nobody", async () => {
    const res = await t.call({ method: 'POST', url: '/api/notices', as: '陈志强', payload: draft() })
    expect(res.statusCode).toBe(200)
    training = res.json()
    expect(training).toMatchObject({ status: 'draft', canManage: true, stationName: '京山派出所' })
    expect((await json<{ items: Notice[] }>(t.call({ method: 'GET', url: '/api/notices', as: '王芳' }))).items).toEqual([])
  })

  it('the server refuses what the compose page refuses, with the same words (one rule in domain/notices.ts)', async () => {
    const notices = () => t.ctx.db.selectFrom('notices').select('id').execute()
    const before = (await notices()).length
    for (const [over, field, message] of [
      [{ rsvpDeadline: '2026-12-05T04:00:00.000Z' }, 'rsvpDeadline', '报名截止时间应早于培训结束'],
      [{ type: 'drill', eventAt: null, eventEndAt: null }, 'eventAt', '演练和培训请选择开始时间'],
    ] as const) {
      const res = await t.call({ method: 'POST', url: '/api/notices', as: '陈志强', payload: draft(over) })
      expect(res.statusCode).toBe(400)
      expect(res.json()).toMatchObject({ field, message })
    }
    expect(await notices()).toHaveLength(before)
  })

  it('only police of the station or the district admin may publish to a school', async () => {
    const other = await t.call({ method: 'POST', url: '/api/notices', as: '王海涛', payload: draft() })
    expect(other.statusCode).toBe(403)
    expect(other.json().message).toBe('不能向青云谱区京山小学发布通知')
    expect((await t.call({ method: 'POST', url: '/api/notices', as: '黄丽萍', payload: draft() })).statusCode).toBe(403)
  })

  it('publishing creates one receipt per recipient and tells them; publishing again changes nothing', async () => {
    tick()
    await t.call({ method: 'POST', url: `/api/notices/${training.id}/publish`, as: '陈志强', payload: {} })
    await t.call({ method: 'POST', url: `/api/notices/${training.id}/publish`, as: '陈志强', payload: {} })
    const receipts = await t.ctx.db.selectFrom('notice_receipts').select('person_id').where('notice_id', '=', training.id).execute()
    expect(receipts).toHaveLength(3) // 王芳, 张伟, 刘洋 (陈静 is pending)
    expect((await outbox('notice.training')).map((m) => m.name).sort()).toEqual(['刘洋', '张伟', '王芳'].sort())
  })

  it('only the audience sees it: not the teacher, not another school', async () => {
    expect((await json<{ items: Notice[] }>(t.call({ method: 'GET', url: '/api/notices', as: '李红梅' }))).items).toEqual([])
    expect((await t.call({ method: 'GET', url: `/api/notices/${training.id}`, as: '徐丽' })).statusCode).toBe(404)
  })
})

describe('recipients', () => {
  it('the badge counts it, opening marks it read, 确认收到 acknowledges', async () => {
    expect((await json<{ count: number }>(t.call({ method: 'GET', url: '/api/notices/unread-count', as: '王芳' }))).count).toBe(1)
    const list = (await json<{ items: Notice[] }>(t.call({ method: 'GET', url: '/api/notices', as: '王芳' }))).items
    expect(list.map((n) => [n.title, n.type])).toEqual([['护学岗志愿者交通疏导培训', 'training']])
    await t.call({ method: 'POST', url: `/api/notices/${training.id}/read`, as: '王芳' })
    expect((await json<{ count: number }>(t.call({ method: 'GET', url: '/api/notices/unread-count', as: '王芳' }))).count).toBe(0)
    const acked = await json<Notice>(t.call({ method: 'POST', url: `/api/notices/${training.id}/ack`, as: '王芳' }))
    expect(acked.receipt).toMatchObject({ readAt: expect.any(String), ackedAt: expect.any(String) })
  })

  it('joining is limited by capacity; the last place goes to exactly one of two', async () => {
    expect((await json<Notice>(t.call({ method: 'POST', url: `/api/notices/${training.id}/rsvp`, as: '王芳', payload: { answer: 'joined' } }))).rsvpJoined).toBe(1)
    const [a, b] = await Promise.all(['张伟', '刘洋'].map((as) => t.call({ method: 'POST', url: `/api/notices/${training.id}/rsvp`, as, payload: { answer: 'joined' } })))
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409])
    expect([a, b].find((r) => r.statusCode === 409)!.json().message).toBe('名额已满')
  })

  it('the publisher sees the counts and who has not acknowledged, and reminds them at most every 5 minutes, 3 times', async () => {
    const stats = await json<NoticeStats>(t.call({ method: 'GET', url: `/api/notices/${training.id}/stats`, as: '陈志强' }))
    expect(stats.rows).toEqual([expect.objectContaining({ schoolName: '青云谱区京山小学', role: 'volunteer', recipients: 3, read: 2, acked: 1, joined: 2, attended: 0 })])
    expect(stats.notAcknowledged.map((p) => p.name).sort()).toEqual(['刘洋', '张伟'].sort())
    const first = await t.call({ method: 'POST', url: `/api/notices/${training.id}/remind`, as: '陈志强' })
    expect(first.json()).toMatchObject({ remindCount: 1 })
    expect((await outbox('notice.remind')).map((m) => m.name).sort()).toEqual(['刘洋', '张伟'].sort())
    const soon = await t.call({ method: 'POST', url: `/api/notices/${training.id}/remind`, as: '陈志强' })
    expect(soon.statusCode).toBe(409)
    expect(soon.json().message).toBe('5 分钟内只能提醒一次')
    tick(5)
    await t.call({ method: 'POST', url: `/api/notices/${training.id}/remind`, as: '陈志强' })
    tick(5)
    await t.call({ method: 'POST', url: `/api/notices/${training.id}/remind`, as: '陈志强' })
    tick(5)
    const fourth = await t.call({ method: 'POST', url: `/api/notices/${training.id}/remind`, as: '陈志强' })
    expect(fourth.json().message).toBe('最多提醒 3 次，已用完')
    expect(await outbox('notice.remind')).toHaveLength(6)
  })

  it('the principal sees how her people answered', async () => {
    const stats = await json<NoticeStats>(t.call({ method: 'GET', url: `/api/notices/${training.id}/stats`, as: '黄丽萍' }))
    expect(stats.rows[0]).toMatchObject({ recipients: 3 })
    const managed = (await json<{ items: Notice[] }>(t.call({ method: 'GET', url: '/api/notices/managed', as: '黄丽萍' }))).items
    expect(managed.map((n) => n.id)).toContain(training.id)
    expect((await t.call({ method: 'GET', url: `/api/notices/${training.id}/stats`, as: '胡晓东' })).statusCode).toBe(404)
  })

  it('a volunteer who joins the school later sees the current training', async () => {
    const invite = await json<Invite>(t.call({ method: 'POST', url: '/api/invites', as: '黄丽萍', payload: { schoolId: jingshan, role: 'volunteer', validDays: 7, maxUses: 5 } }))
    const joined = await json<{ id: string }>(t.call({ method: 'POST', url: '/api/memberships/join', as: '林小雨', payload: { code: invite.code, name: '林小雨' } }))
    await t.call({ method: 'POST', url: `/api/memberships/${joined.id}/decision`, as: '黄丽萍', payload: { decision: 'approve' } })
    const list = (await json<{ items: Notice[] }>(t.call({ method: 'GET', url: '/api/notices', as: '林小雨' }))).items
    expect(list.map((n) => n.id)).toEqual([training.id])
    const again = (await json<{ items: Notice[] }>(t.call({ method: 'GET', url: '/api/notices', as: '林小雨' }))).items
    expect(again).toHaveLength(1)
    const receipts = await t.ctx.db.selectFrom('notice_receipts').select('person_id').where('notice_id', '=', training.id).execute()
    expect(receipts).toHaveLength(4)
  })
})

describe('attendance at the training', () => {
  const attend = (as: string, m: number, accuracy = 15) =>
    t.call({ method: 'POST', url: `/api/notices/${training.id}/attend`, as, payload: { lat: place.lat + m / 111_195, lng: place.lng, accuracy } })

  it('before its time, refused', async () => {
    const res = await attend('王芳', 0)
    expect(res.statusCode).toBe(409)
  })

  it('at the place and time, the volunteer who joined counts as attended', async () => {
    now = new Date('2026-12-05T00:40:00Z') // 08:40, twenty minutes before it starts
    expect((await attend('王芳', 3000)).json().message).toBe('你距活动地点约 3.0 公里，不在签到范围（115 米）内')
    const ok = await attend('王芳', 20)
    expect(ok.statusCode).toBe(200)
    expect(ok.json().receipt.attendedAt).toBe(now.toISOString())
    const stats = await json<NoticeStats>(t.call({ method: 'GET', url: `/api/notices/${training.id}/stats`, as: '陈志强' }))
    expect(stats.rows[0]).toMatchObject({ attended: 1 })
  })

  it('someone who did not join must sign up first', async () => {
    const res = await attend('林小雨', 0)
    expect(res.statusCode).toBe(409)
    expect(res.json().message).toBe('请先报名参加这次培训')
  })
})

describe('scheduling, withdrawing and drills', () => {
  it("a scheduled drill is published by the job when its time comes, to two schools' teachers and guards", async () => {
    const drill = await json<Notice>(
      t.call({
        method: 'POST',
        url: '/api/notices',
        as: '陈志强',
        payload: draft({ type: 'drill', title: '防暴演练', rsvpCapacity: null, rsvpDeadline: null, audience: { schoolIds: [jingshan, shiyan], roles: ['teacher', 'guard'] } }),
      }),
    )
    const scheduled = await json<Notice>(
      t.call({ method: 'POST', url: `/api/notices/${drill.id}/publish`, as: '陈志强', payload: { publishAt: new Date(now.getTime() + 3_600_000).toISOString() } }),
    )
    expect(scheduled.status).toBe('scheduled')
    expect(await publishDue(t.ctx)).toBe(0)
    tick(61)
    expect(await publishDue(t.ctx)).toBe(1)
    const teacher = (await json<{ items: Notice[] }>(t.call({ method: 'GET', url: '/api/notices', as: '李红梅' }))).items
    expect(teacher.map((n) => n.title)).toEqual(['防暴演练'])
    const withdrawn = await json<Notice>(t.call({ method: 'POST', url: `/api/notices/${drill.id}/withdraw`, as: '陈志强' }))
    expect(withdrawn.status).toBe('withdrawn')
    const seen = (await json<{ items: Notice[] }>(t.call({ method: 'GET', url: '/api/notices', as: '李红梅' }))).items
    expect(seen[0].status).toBe('withdrawn')
    expect((await t.call({ method: 'POST', url: `/api/notices/${drill.id}/ack`, as: '李红梅' })).statusCode).toBe(409)
  })

  it('the police record a drill; each school keeps its history and the principal sees hers', async () => {
    const body = {
      noticeId: null,
      date: '2026-12-05',
      schoolIds: [jingshan, shiyan],
      participants: 46,
      durationMin: 40,
      scenario: '可疑人员持械闯入校门',
      wentWell: '保安 1 分钟内到位',
      toFix: '广播通知滞后',
      photoIds: [],
      clientKey: 'drill-key-0001',
    }
    const first = await json<{ id: string }>(t.call({ method: 'POST', url: '/api/drills', as: '陈志强', payload: body }))
    const again = await json<{ id: string }>(t.call({ method: 'POST', url: '/api/drills', as: '陈志强', payload: body }))
    expect(again.id).toBe(first.id)
    const history = (await json<{ items: { scenario: string; schools: { name: string }[] }[] }>(t.call({ method: 'GET', url: `/api/schools/${jingshan}/drills`, as: '黄丽萍' })))
      .items
    expect(history).toEqual([expect.objectContaining({ scenario: '可疑人员持械闯入校门' })])
    expect(history[0].schools.map((s) => s.name).sort()).toEqual(['青云谱区京山小学', '青云谱区实验学校'].sort())
    expect((await t.call({ method: 'GET', url: `/api/schools/${jingshan}/drills`, as: '胡晓东' })).statusCode).toBe(403)
  })

  it('a drill record’s theme is one of the city’s, kept on the record (the linked notice’s when none is given), and the bulletin counts drills by it', async () => {
    const record = (key: string, over: Record<string, unknown>) =>
      t.call({
        method: 'POST',
        url: '/api/drills',
        as: '陈志强',
        payload: {
          noticeId: null,
          date: '2026-12-07',
          schoolIds: [jingshan],
          participants: 30,
          durationMin: 30,
          scenario: '校门口防冲撞',
          wentWell: '',
          toFix: '',
          photoIds: [],
          clientKey: key,
          ...over,
        },
      })
    const unknown = await record('drill-theme-0000', { themeId: 'no-such-theme' })
    expect(unknown.statusCode).toBe(400)
    expect(unknown.json()).toMatchObject({ message: '没有这个安全教育主题' })

    const notice = await json<Notice>(
      t.call({
        method: 'POST',
        url: '/api/notices',
        as: '陈志强',
        payload: draft({
          type: 'drill',
          title: '防暴恐演练',
          themeId: 'terror',
          rsvpCapacity: null,
          rsvpDeadline: null,
          audience: { schoolIds: [jingshan], roles: ['teacher', 'guard'] },
        }),
      }),
    )
    expect(notice.themeId).toBe('terror')
    // chosen on the form: another theme than the notice's
    const chosen = await json<{ themeId: string | null }>(record('drill-theme-0001', { noticeId: notice.id, themeId: 'fire' }))
    expect(chosen.themeId).toBe('fire')
    // none given (an older app): the record has none, the bulletin takes the notice's
    const none = await json<{ themeId: string | null }>(record('drill-theme-0002', { noticeId: notice.id }))
    expect(none.themeId).toBeNull()
    const bulletin = await json<{ drills: { held: { current: number }; byTheme: { themeName: string; held: { current: number } }[] } }>(
      t.call({ method: 'GET', url: '/api/bulletin?from=2026-12-07&to=2026-12-07&level=city', as: '孙明' }),
    )
    expect(bulletin.drills.held.current).toBe(2)
    expect(bulletin.drills.byTheme.map((d) => [d.themeName, d.held.current])).toEqual([
      ['消防', 1],
      ['防暴恐', 1],
    ])
  })
})
