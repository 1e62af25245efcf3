import { memoryTokenStorage } from '@/services/token-storage'
import { RootStore } from '@/stores/root-store'
import { HONGDU, JINGSHAN, SHIYAN, me, membership } from './support/fixtures'
import { PLACE, fakeNoticeApi, notice } from './support/notice-fixtures'

async function setup() {
  const api = fakeNoticeApi()
  const root = new RootStore(api, memoryTokenStorage('t'))
  // police of 京山派出所 (京山小学, 实验学校); 洪都小学 belongs to another station
  root.me.setMe(me([membership({ role: 'police', status: 'approved', scope: { kind: 'station', stationId: 'st1', stationName: '京山派出所', schoolIds: [JINGSHAN.id, SHIYAN.id] } })], '陈志强'))
  api.schools.list.mockResolvedValue([JINGSHAN, SHIYAN, HONGDU])
  await root.schools.load()
  const compose = root.notices.compose
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
