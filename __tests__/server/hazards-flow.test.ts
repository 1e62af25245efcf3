// A hazard from report to 销号 through the API: uploads, nearby reports, the transition table
// at work, anonymity, photo access, the queue and the ledger.
import ExcelJS from 'exceljs'
import sharp from 'sharp'
import type { Hazard, HazardDetail, UploadedFile } from '../../types/hazards'
import type { Clock } from '../../server/src/lib/clock'
import { createTestApp, type TestApp } from './support/test-app'
import { multipartFile } from './support/multipart'

let now = new Date('2026-12-01T01:00:00Z')
const clock: Clock = { now: () => now }
/** Time passes between people's actions, as it does at a real gate. */
const tick = () => (now = new Date(now.getTime() + 60_000))
let t: TestApp
const gate = { lat: 28.63972, lng: 115.91741 } // 京山小学 南门
const north = (m: number) => ({ lat: gate.lat + m / 111_195, lng: gate.lng })

async function jpeg(withGps = false): Promise<Buffer> {
  const img = sharp({ create: { width: 64, height: 48, channels: 3, background: '#c33' } })
  return (withGps ? img.withExif({ IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '28/1 38/1 0/1' } }) : img).jpeg().toBuffer()
}

async function upload(as: string, data: Buffer, key: string, filename = 'photo.jpg', type = 'image/jpeg') {
  const { payload, headers } = multipartFile('file', filename, type, data)
  return t.call({ method: 'POST', url: '/api/uploads', as, payload, headers: { ...headers, 'idempotency-key': key } })
}

let hazard: HazardDetail

beforeAll(async () => {
  t = await createTestApp({}, clock)
})
afterAll(() => t.close())

describe('uploads', () => {
  it('stores an image, strips its EXIF, and makes a thumbnail; a retry returns the same file', async () => {
    const res = await upload('王芳', await jpeg(true), 'upload-key-1')
    expect(res.statusCode).toBe(200)
    const file = res.json() as UploadedFile
    expect(file).toMatchObject({ mime: 'image/jpeg' })
    const again = await upload('王芳', await jpeg(true), 'upload-key-1')
    expect(again.json().id).toBe(file.id)
    const full = await t.app.inject({ method: 'GET', url: file.url })
    expect(full.statusCode).toBe(200)
    expect((await sharp(full.rawPayload).metadata()).exif).toBeUndefined()
    const thumb = await t.app.inject({ method: 'GET', url: file.thumbUrl })
    expect((await sharp(thumb.rawPayload).metadata()).width).toBe(320)
  })

  it.each([['a text file named .jpg', Buffer.from('not an image at all'), 'evil.jpg', 'image/jpeg', 415]])(
    'refuses %s and leaves nothing behind',
    async (_n, data, name, type, status) => {
      const before = await t.ctx.db.selectFrom('files').select('id').execute()
      const res = await upload('王芳', data, 'upload-key-bad', name, type)
      expect(res.statusCode).toBe(status)
      expect(res.json().message).toBe('只能上传图片（JPEG、PNG、WebP、HEIC、GIF）或 PDF')
      expect(await t.ctx.db.selectFrom('files').select('id').execute()).toHaveLength(before.length)
    },
  )

  it('takes a PDF (for notice attachments, from a publisher) but not as a hazard photo', async () => {
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n')
    const res = await upload('陈志强', pdf, 'upload-key-pdf', 'drill.pdf', 'application/pdf')
    expect(res.json()).toMatchObject({ mime: 'application/pdf' })
    const got = await t.app.inject({ method: 'GET', url: res.json().url })
    expect(got.headers['content-type']).toBe('application/pdf')
    const asPhoto = await t.call({
      method: 'POST',
      url: '/api/hazards',
      as: '陈志强',
      payload: { ...north(0), categoryId: 'other', description: '附件', photoIds: [res.json().id], clientKey: 'report-key-pdf' },
    })
    expect(asPhoto.json()).toMatchObject({ field: 'photoIds', message: '这里只能使用图片' })
  })

  it('refuses a file over 10 MB', async () => {
    const res = await upload('王芳', Buffer.alloc(10 * 1024 * 1024 + 10, 1), 'upload-key-big')
    expect(res.statusCode).toBe(413)
  })

  it('a tampered or expired link shows nothing', async () => {
    const file = (await upload('王芳', await jpeg(), 'upload-key-2')).json() as UploadedFile
    expect((await t.app.inject({ method: 'GET', url: file.url.replace(/sig=.{4}/, 'sig=AAAA') })).statusCode).toBe(403)
    now = new Date(now.getTime() + 3 * 3_600_000)
    expect((await t.app.inject({ method: 'GET', url: file.url })).statusCode).toBe(403)
    now = new Date('2026-12-01T01:00:00Z')
  })
})

describe('reporting', () => {
  it('a volunteer reports at a location with a photo; the nearest school is filled in', async () => {
    const photo = (await upload('王芳', await jpeg(), 'upload-key-3')).json() as UploadedFile
    const res = await t.call({
      method: 'POST',
      url: '/api/hazards',
      as: '王芳',
      payload: { ...north(20), categoryId: 'stall', description: '校门口流动摊贩占道，学生绕行到机动车道', photoIds: [photo.id], clientKey: 'report-key-1' },
    })
    expect(res.statusCode).toBe(200)
    hazard = res.json()
    expect(hazard).toMatchObject({ schoolName: '青云谱区京山小学', status: 'submitted', severity: 'low', mine: true, photos: [{ fileId: photo.id }] })
    expect(hazard.events.map((e) => [e.action, e.actor])).toEqual([['report', '我']])
    const retry = await t.call({
      method: 'POST',
      url: '/api/hazards',
      as: '王芳',
      payload: { ...north(20), categoryId: 'stall', description: '校门口流动摊贩占道，学生绕行到机动车道', photoIds: [photo.id], clientKey: 'report-key-1' },
    })
    expect(retry.json().id).toBe(hazard.id)
  })

  it("someone else's photo cannot be attached", async () => {
    const photo = (await upload('张伟', await jpeg(), 'upload-key-4')).json() as UploadedFile
    const res = await t.call({
      method: 'POST',
      url: '/api/hazards',
      as: '王芳',
      payload: { ...north(0), categoryId: 'dog', description: '流浪狗', photoIds: [photo.id], clientKey: 'report-key-2' },
    })
    expect(res.statusCode).toBe(400)
    expect(res.json().field).toBe('photoIds')
  })

  it('a second volunteer nearby is offered 我也遇到了 and adds to it', async () => {
    const near = await t.call({ method: 'GET', url: `/api/hazards/nearby?lat=${north(45).lat}&lng=${gate.lng}&categoryId=stall`, as: '张伟' })
    const items = near.json().items as (Hazard & { distanceM: number })[]
    expect(items.map((h) => [h.id, h.distanceM, h.reporter, h.confirmedByMe])).toEqual([[hazard.id, 25, null, false]])
    const other = await t.call({ method: 'GET', url: `/api/hazards/nearby?lat=${north(45).lat}&lng=${gate.lng}&categoryId=traffic`, as: '张伟' })
    expect(other.json().items).toEqual([])
    tick()
    const confirmed = await t.call({ method: 'POST', url: `/api/hazards/${hazard.id}/confirm`, as: '张伟', payload: {} })
    expect(confirmed.json()).toMatchObject({ confirmations: 1 })
    const twice = await t.call({ method: 'POST', url: `/api/hazards/${hazard.id}/confirm`, as: '张伟', payload: {} })
    expect(twice.json()).toMatchObject({ confirmations: 1 })
    // the confirmer sees that they already said so, here and nearby; others do not
    expect(twice.json()).toMatchObject({ confirmedByMe: true })
    const again = (await t.call({ method: 'GET', url: `/api/hazards/nearby?lat=${north(45).lat}&lng=${gate.lng}&categoryId=stall`, as: '张伟' })).json().items as Hazard[]
    expect(again.map((h) => h.confirmedByMe)).toEqual([true])
    const asOther = (await t.call({ method: 'GET', url: `/api/hazards/${hazard.id}`, as: '刘洋' })).json() as HazardDetail
    expect(asOther).toMatchObject({ confirmations: 1, confirmedByMe: false })
  })

  it('the reporter is anonymous to other members and the principal, not to the police', async () => {
    const asMember = (await t.call({ method: 'GET', url: `/api/hazards/${hazard.id}`, as: '刘洋' })).json() as HazardDetail
    expect(asMember.reporter).toBeNull()
    expect(asMember.events[0].actor).toBe('上报人')
    expect(JSON.stringify(asMember)).not.toContain('王芳')
    const asPrincipal = (await t.call({ method: 'GET', url: `/api/hazards/${hazard.id}`, as: '黄丽萍' })).json() as HazardDetail
    expect(asPrincipal.reporter).toBeNull()
    const asPolice = (await t.call({ method: 'GET', url: `/api/hazards/${hazard.id}`, as: '陈志强' })).json() as HazardDetail
    expect(asPolice.reporter?.name).toBe('王芳')
    expect(asPolice.events[0].actor).toBe('家长志愿者 王芳')
  })

  it('people of another school cannot see it, nor its photos', async () => {
    const res = await t.call({ method: 'GET', url: `/api/hazards/${hazard.id}`, as: '徐丽' })
    expect(res.statusCode).toBe(404)
    const list = await t.call({ method: 'GET', url: `/api/hazards?scope=school&schoolId=${hazard.schoolId}`, as: '徐丽' })
    expect(list.statusCode).toBe(403)
  })
})

describe('handling: 受理 → 交办 → 整改 → 销号', () => {
  const act = (as: string, body: Record<string, unknown>) => tick() && t.call({ method: 'POST', url: `/api/hazards/${hazard.id}/transition`, as, payload: body })

  it('a volunteer cannot handle it; the principal cannot accept it', async () => {
    expect((await act('刘洋', { action: 'accept' })).statusCode).toBe(403)
    const res = await act('黄丽萍', { action: 'accept' })
    expect(res.statusCode).toBe(403)
    expect(res.json().message).toBe('你不能对该隐患执行此操作')
  })

  it('the police accept it (twice is once) and hand it to the school with a deadline from the severity', async () => {
    expect((await act('陈志强', { action: 'accept' })).json().status).toBe('accepted')
    const again = (await act('陈志强', { action: 'accept' })).json() as HazardDetail
    expect(again.events.filter((e) => e.action === 'accept')).toHaveLength(1)
    const past = await act('陈志强', { action: 'assign', department: 'school', deadline: '2026-11-01T00:00:00.000Z' })
    expect(past.json()).toMatchObject({ field: 'deadline', message: '整改期限应晚于现在' })
    const assigned = (await act('陈志强', { action: 'assign', department: 'school', note: '请学校协调城管' })).json() as HazardDetail
    expect(assigned).toMatchObject({
      status: 'assigned',
      assignee: { department: 'school', personName: '黄丽萍' },
      deadline: new Date(now.getTime() + 7 * 86_400_000).toISOString(),
    })
  })

  it('the principal sees it assigned to her and records the rectification with a photo', async () => {
    const mine = (await t.call({ method: 'GET', url: '/api/hazards?scope=assigned', as: '黄丽萍' })).json().items as Hazard[]
    expect(mine.map((h) => h.id)).toEqual([hazard.id])
    const photo = (await upload('黄丽萍', await jpeg(), 'upload-key-5')).json() as UploadedFile
    const res = await act('黄丽萍', { action: 'resolve', note: '已联系城管清理，设置护栏', photoIds: [photo.id] })
    expect(res.statusCode).toBe(200)
    expect(res.json().status).toBe('resolved')
  })

  it('the police close it after verifying; the reporter sees the whole timeline and was told of each step', async () => {
    expect((await act('陈志强', { action: 'close', note: '现场核实已整改' })).json().status).toBe('closed')
    const seen = (await t.call({ method: 'GET', url: `/api/hazards/${hazard.id}`, as: '王芳' })).json() as HazardDetail
    expect(seen.events.map((e) => e.action)).toEqual(['report', 'confirm', 'accept', 'assign', 'resolve', 'close'])
    expect(seen.events.map((e) => e.actor)).toEqual(['我', '其他成员', '责任民警', '责任民警', '校长', '责任民警'])
    expect(seen.events.find((e) => e.action === 'resolve')?.photos).toHaveLength(1)
    const photo = await t.app.inject({ method: 'GET', url: seen.events.find((e) => e.action === 'resolve')!.photos[0].thumbUrl })
    expect(photo.statusCode).toBe(200)
    const told = await t.ctx.db
      .selectFrom('outbox')
      .innerJoin('people', 'people.id', 'outbox.person_id')
      .select(['people.name', 'outbox.kind'])
      .where('kind', 'like', 'hazard.%')
      .execute()
    expect(
      told
        .filter((m) => m.name === '王芳')
        .map((m) => m.kind)
        .sort(),
    ).toEqual(['hazard.accept', 'hazard.assign', 'hazard.close', 'hazard.resolve'].sort())
    expect(told.some((m) => m.name === '黄丽萍' && m.kind === 'hazard.assign')).toBe(true)
  })

  it('a closed report leaves the school list, and can be reopened by the police with a reason', async () => {
    const school = (await t.call({ method: 'GET', url: `/api/hazards?scope=school&schoolId=${hazard.schoolId}`, as: '刘洋' })).json().items as Hazard[]
    expect(school.map((h) => h.id)).not.toContain(hazard.id)
    expect((await act('陈志强', { action: 'reopen' })).statusCode).toBe(400)
    expect((await act('陈志强', { action: 'reopen', note: '摊贩又回来了' })).json().status).toBe('accepted')
  })
})

describe('queue and ledger', () => {
  it('the queue puts overdue reports first', async () => {
    const key = (n: number) => `report-key-q${n}`
    const make = async (n: number, categoryId: string) =>
      tick() &&
      (
        (
          await t.call({
            method: 'POST',
            url: '/api/hazards',
            as: '刘洋',
            payload: { ...north(300 + n * 100), categoryId, description: `第${n}条`, photoIds: [], clientKey: key(n) },
          })
        ).json() as HazardDetail
      ).id
    const fire = await make(1, 'fire')
    const dog = await make(2, 'dog')
    await t.call({ method: 'POST', url: `/api/hazards/${dog}/transition`, as: '陈志强', payload: { action: 'accept' } })
    await t.call({ method: 'POST', url: `/api/hazards/${dog}/transition`, as: '陈志强', payload: { action: 'assign', department: 'urban_management' } })
    now = new Date('2026-12-09T01:00:00Z') // the dog report's 3-day deadline has passed
    const queue = (await t.call({ method: 'GET', url: '/api/hazards?scope=queue', as: '陈志强' })).json().items as Hazard[]
    expect(queue[0]).toMatchObject({ id: dog, overdue: true })
    expect(queue.findIndex((h) => h.id === fire)).toBeLessThan(queue.findIndex((h) => h.id === hazard.id))
    const overdue = (await t.call({ method: 'GET', url: '/api/hazards?scope=queue&overdue=true', as: '陈志强' })).json().items as Hazard[]
    expect(overdue.map((h) => h.id)).toEqual([dog])
    expect((await t.call({ method: 'GET', url: '/api/hazards?scope=queue', as: '王芳' })).statusCode).toBe(403)
  })

  it('the police export the station ledger as Excel, one row per report, without reporters', async () => {
    const station = await t.ctx.db.selectFrom('stations').select('id').where('name', '=', '京山派出所').executeTakeFirstOrThrow()
    const res = await t.call({ method: 'GET', url: `/api/hazards/ledger.xlsx?stationId=${station.id}&from=2026-12-01&to=2026-12-31`, as: '陈志强' })
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-type']).toContain('spreadsheetml')
    const book = new ExcelJS.Workbook()
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer)
    const sheet = book.getWorksheet('隐患台账')!
    expect(sheet.rowCount).toBe(1 + 3)
    expect(sheet.getRow(1).values).toContain('整改期限')
    const rows = sheet.getSheetValues().slice(2) as unknown[][]
    expect(rows.map((r) => r[7])).toEqual(['已受理', '待受理', '已交办'])
    expect(JSON.stringify(rows)).not.toContain('王芳')
    const other = await t.call({ method: 'GET', url: `/api/hazards/ledger.xlsx?stationId=${station.id}&from=2026-12-01&to=2026-12-31`, as: '王海涛' })
    expect(other.statusCode).toBe(403)
  })

  it('首页 counts agree with the lists: waiting to be accepted and overdue for the police, handed to me for the principal', async () => {
    const queue = (await t.call({ method: 'GET', url: '/api/hazards?scope=queue', as: '陈志强' })).json().items as Hazard[]
    const police = (await t.call({ method: 'GET', url: '/api/hazards/counts', as: '陈志强' })).json()
    expect(police.queue).toEqual({ submitted: queue.filter((h) => h.status === 'submitted').length, overdue: queue.filter((h) => h.overdue).length })
    expect(police.queue).toEqual({ submitted: 1, overdue: 1 })

    // the fire report handed to the school: open, then overdue a minute past its deadline
    const fire = queue.find((h) => h.status === 'submitted')!
    await t.call({ method: 'POST', url: `/api/hazards/${fire.id}/transition`, as: '陈志强', payload: { action: 'accept' } })
    const handed = (
      await t.call({ method: 'POST', url: `/api/hazards/${fire.id}/transition`, as: '陈志强', payload: { action: 'assign', department: 'school' } })
    ).json() as HazardDetail
    const principal = (await t.call({ method: 'GET', url: '/api/hazards/counts', as: '黄丽萍' })).json()
    const mine = (await t.call({ method: 'GET', url: '/api/hazards?scope=assigned', as: '黄丽萍' })).json().items as Hazard[]
    expect(principal).toEqual({ queue: null, assigned: { open: mine.filter((h) => h.status === 'assigned').length, overdue: 0 } })
    expect(principal.assigned.open).toBe(1)
    now = new Date(new Date(handed.deadline!).getTime() + 60_000)
    expect((await t.call({ method: 'GET', url: '/api/hazards/counts', as: '黄丽萍' })).json().assigned).toEqual({ open: 1, overdue: 1 })
    // a volunteer handles nothing and was handed nothing
    expect((await t.call({ method: 'GET', url: '/api/hazards/counts', as: '王芳' })).json()).toEqual({ queue: null, assigned: { open: 0, overdue: 0 } })
  })
})
