import { memoryTokenStorage } from '@/services/token-storage'
import { RootStore } from '@/stores/root-store'
import { noticeComposeStore } from '@/stores/notices/compose-store'
import { HONGDU, JINGSHAN, SHIYAN, me, membership } from './support/fixtures'
import { PLACE, fakeNoticeApi, notice } from './support/notice-fixtures'

async function setup() {
  const api = fakeNoticeApi()
  const root = new RootStore(api, memoryTokenStorage('t'))
  // police of 京山派出所 (京山小学, 实验学校); 洪都小学 belongs to another station
  root.me.setMe(
    me(
      [membership({ role: 'police', status: 'approved', scope: { kind: 'station', stationId: 'st1', stationName: '京山派出所', schoolIds: [JINGSHAN.id, SHIYAN.id] } })],
      '陈志强',
    ),
  )
  api.schools.list.mockResolvedValue([JINGSHAN, SHIYAN, HONGDU])
  await root.schools.load()
  const compose = root.store(noticeComposeStore)
  compose.startNew()
  return { api, root, compose }
}

function fillTraining(compose: Awaited<ReturnType<typeof setup>>['compose']) {
  compose.setType('training')
  compose.setTitle('  护学岗交通疏导培训 ')
  compose.setBody('请报名参加')
  compose.setEventAt('2026-12-05T01:00:00.000Z')
  compose.setLocation(PLACE, '青云谱区京山小学', '京山小学报告厅')
}

describe('NoticeComposeStore (写通知)', () => {
  it('offers only the schools of the officer’s station, all chosen to start with, volunteers by default', async () => {
    const { compose } = await setup()
    expect(compose.schoolOptions.map((s) => s.id)).toEqual([JINGSHAN.id, SHIYAN.id])
    expect(compose.schoolIds).toEqual([JINGSHAN.id, SHIYAN.id])
    expect(compose.allSchools).toBe(true)
    expect(compose.roles).toEqual(['volunteer'])
    expect(compose.allRoles).toBe(false)
  })

  it('validates the audience: at least one of their schools and one role, and sends nothing otherwise', async () => {
    const { api, compose } = await setup()
    fillTraining(compose)
    compose.setAllSchools(false)
    expect(compose.audienceProblem).toBe('请选择至少一所学校')
    await expect(compose.saveDraft()).rejects.toThrow('请选择至少一所学校')

    compose.toggleSchool(JINGSHAN.id)
    compose.setAllRoles(false)
    expect(compose.audienceProblem).toBe('请选择至少一个角色')
    await expect(compose.publishNow()).rejects.toThrow('请选择至少一个角色')

    // a school outside the station does not count, and is never sent
    compose.setAllRoles(true)
    compose.setAllSchools(false)
    compose.toggleSchool(HONGDU.id)
    expect(compose.audienceProblem).toBe('请选择至少一所学校')
    compose.toggleSchool(SHIYAN.id)
    expect(compose.audienceProblem).toBeNull()
    expect(compose.input.audience).toEqual({ schoolIds: [SHIYAN.id], roles: ['volunteer', 'teacher', 'guard', 'principal'] })

    expect(api.notices.create).not.toHaveBeenCalled()
    expect(api.notices.publish).not.toHaveBeenCalled()
  })

  it('a training needs a time and a capacity; publishing it needs the check-in place', async () => {
    const { compose } = await setup()
    compose.setTitle('培训')
    compose.setBody('内容')
    expect(compose.problem).toBe('演练和培训请选择开始时间')
    compose.setEventAt('2026-12-05T01:00:00.000Z')
    expect(compose.eventEndAt).toBe('2026-12-05T02:00:00.000Z') // an hour by default
    compose.setCapacity(0)
    expect(compose.problem).toBe('培训请设置报名名额')
    compose.setCapacity(30)
    expect(compose.problem).toBeNull()
    expect(compose.publishProblem).toBe('请填写地点')
    compose.setPlace('京山小学报告厅')
    expect(compose.publishProblem).toBe('请设置签到位置：参加的人要在现场签到')
    compose.setEventEndAt('2026-12-05T00:30:00.000Z')
    expect(compose.problem).toBe('结束时间应晚于开始时间')
    compose.setType('general')
    compose.setEventAt(null)
    expect(compose.publishProblem).toBeNull()
  })

  it('saving a draft then publishing creates the notice once, updates it, and publishes it', async () => {
    const { api, root, compose } = await setup()
    fillTraining(compose)
    compose.setAllSchools(false)
    compose.toggleSchool(JINGSHAN.id)
    const draft = notice({ id: 'n1', status: 'draft', canManage: true, receipt: null })
    api.notices.create.mockResolvedValue(draft)
    api.notices.update.mockResolvedValue(draft)
    api.notices.publish.mockResolvedValue({ ...draft, status: 'published' })

    await compose.saveDraft()
    expect(api.notices.create).toHaveBeenCalledWith(
      expect.objectContaining({
        type: 'training',
        title: '护学岗交通疏导培训',
        place: '京山小学报告厅',
        location: { ...PLACE, radiusM: 150 },
        audience: { schoolIds: [JINGSHAN.id], roles: ['volunteer'] },
        ackRequired: true,
        rsvpCapacity: 30,
        attachmentIds: [],
      }),
    )
    const published = await compose.publishNow()

    expect(api.notices.create).toHaveBeenCalledTimes(1)
    expect(api.notices.update).toHaveBeenCalledWith('n1', expect.objectContaining({ title: '护学岗交通疏导培训' }))
    expect(api.notices.publish).toHaveBeenCalledWith('n1')
    expect(published.status).toBe('published')
    expect(root.notices.managed.items.map((n) => [n.id, n.status])).toEqual([['n1', 'published']])
  })

  it('PDFs are uploaded like the images, listed by name, and their ids are sent with the images’', async () => {
    const { api, compose } = await setup()
    fillTraining(compose)
    const uploaded = (id: string, mime: string) => ({ id, url: `/api/files/${id}?v=full`, thumbUrl: `/api/files/${id}?v=thumb`, mime, size: 2048 })
    api.uploads.photo.mockImplementation(async (path: string) => (path.endsWith('.pdf') ? uploaded('f-pdf', 'application/pdf') : uploaded('f-img', 'image/jpeg')))

    await compose.attachments.add(['wxfile://tmp/site.jpg'])
    await compose.addPdf({ path: 'wxfile://tmp/plan.pdf', name: '疏导方案.pdf', size: 321_000 })

    expect(api.uploads.photo).toHaveBeenLastCalledWith('wxfile://tmp/plan.pdf', expect.any(String))
    expect(compose.pdfRows).toEqual([expect.objectContaining({ name: '疏导方案.pdf', size: 321_000, state: 'done' })])
    expect(compose.input.attachmentIds).toEqual(['f-img', 'f-pdf'])
    // the PDF is not an image: the photo picker does not show it
    expect(compose.attachments.items.map((p) => p.localPath)).toEqual(['wxfile://tmp/site.jpg'])

    const draft = notice({ id: 'n1', status: 'draft', canManage: true, receipt: null })
    api.notices.create.mockResolvedValue(draft)
    await compose.saveDraft()
    expect(api.notices.create).toHaveBeenCalledWith(expect.objectContaining({ attachmentIds: ['f-img', 'f-pdf'] }))

    compose.removePdf(compose.pdfRows[0].key)
    expect(compose.input.attachmentIds).toEqual(['f-img'])
  })

  it('a PDF still uploading or failed keeps the notice from being saved; other files and big ones are refused', async () => {
    const { api, compose } = await setup()
    fillTraining(compose)
    await expect(compose.addPdf({ path: 'wxfile://tmp/a.docx', name: 'a.docx', size: 10 })).rejects.toThrow('请选择 PDF 文件')
    await expect(compose.addPdf({ path: 'blob:x', name: 'a.pdf', size: 10, type: 'image/png' })).rejects.toThrow('请选择 PDF 文件')
    await expect(compose.addPdf({ path: 'wxfile://tmp/big.pdf', name: 'big.pdf', size: 11 * 1024 * 1024 })).rejects.toThrow('PDF 不能超过 10 MB')
    expect(api.uploads.photo).not.toHaveBeenCalled()

    api.uploads.photo.mockRejectedValueOnce(new Error('offline'))
    await compose.addPdf({ path: 'wxfile://tmp/plan.pdf', name: '方案.pdf', size: 100 })
    expect(compose.problem).toBe('有 PDF 上传失败，请重试或删除')
    await expect(compose.saveDraft()).rejects.toThrow('有 PDF 上传失败，请重试或删除')

    api.uploads.photo.mockResolvedValueOnce({ id: 'f-pdf', url: '/u', thumbUrl: '/u', mime: 'application/pdf', size: 100 })
    await compose.retryPdf(compose.pdfRows[0].key)
    expect(compose.problem).toBeNull()
    expect(compose.input.attachmentIds).toEqual(['f-pdf'])
  })

  it('at most 9 attachments in all: PDFs take places from the images and the other way round', async () => {
    const { api, compose } = await setup()
    let n = 0
    api.uploads.photo.mockImplementation(async () => ({ id: `f${++n}`, url: '/u', thumbUrl: '/u', mime: 'image/jpeg', size: 1 }))
    await compose.addPdf({ path: 'wxfile://tmp/1.pdf', name: '1.pdf', size: 1 })
    await compose.addPdf({ path: 'wxfile://tmp/2.pdf', name: '2.pdf', size: 1 })
    expect(compose.attachments.remaining).toBe(7)

    await compose.attachments.add(Array.from({ length: 9 }, (_, i) => `wxfile://tmp/${i}.jpg`))
    expect(compose.attachments.items).toHaveLength(7)
    expect(compose.canAddPdf).toBe(false)
    await expect(compose.addPdf({ path: 'wxfile://tmp/3.pdf', name: '3.pdf', size: 1 })).rejects.toThrow('附件最多 9 个')
    expect(compose.input.attachmentIds).toHaveLength(9)

    compose.removePdf(compose.pdfRows[0].key)
    expect(compose.canAddPdf).toBe(true)
    expect(compose.attachments.remaining).toBe(1)
  })

  it('editing a draft keeps its PDFs as PDFs (not as images) and sends their ids again', async () => {
    const { api, compose } = await setup()
    const image = { fileId: 'f-img', mime: 'image/jpeg', url: '/api/files/f-img?v=full', thumbUrl: '/api/files/f-img?v=thumb' }
    const pdf = { fileId: 'f-pdf', mime: 'application/pdf', url: '/api/files/f-pdf?v=full', thumbUrl: '/api/files/f-pdf?v=thumb' }
    api.notices.get.mockResolvedValue(notice({ id: 'n1', status: 'draft', canManage: true, receipt: null, attachments: [pdf, image] }))

    await compose.edit('n1')

    expect(compose.attachments.items.map((p) => p.file?.id)).toEqual(['f-img'])
    expect(compose.pdfRows).toEqual([expect.objectContaining({ key: 'kept-f-pdf', name: '附件.pdf', state: 'done' })])
    expect(compose.input.attachmentIds.sort()).toEqual(['f-img', 'f-pdf'])
  })

  it('定时发布 must be in the future', async () => {
    const { api, compose } = await setup()
    fillTraining(compose)
    const now = new Date('2026-12-01T02:00:00.000Z')
    await expect(compose.schedule('2026-12-01T01:00:00.000Z', now)).rejects.toThrow('定时发布的时间应晚于现在')
    api.notices.create.mockResolvedValue(notice({ id: 'n1', status: 'draft', canManage: true }))
    api.notices.publish.mockResolvedValue(notice({ id: 'n1', status: 'scheduled', publishAt: '2026-12-02T00:00:00.000Z', canManage: true }))
    await compose.schedule('2026-12-02T00:00:00.000Z', now)
    expect(api.notices.publish).toHaveBeenCalledWith('n1', '2026-12-02T00:00:00.000Z')
  })
})
