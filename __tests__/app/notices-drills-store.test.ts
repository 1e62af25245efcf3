import type { Drill } from '@/types/notices'
import { memoryTokenStorage } from '@/services/token-storage'
import * as safetyThemes from '@/services/safety-themes'
import { RootStore } from '@/stores/root-store'
import { drillHistoryStore, drillRecordStore } from '@/stores/notices/drills-store'
import { JINGSHAN, SHIYAN, atSchool, me, membership } from './support/fixtures'
import { fakeNoticeApi, notice } from './support/notice-fixtures'

function drill(partial: Partial<Drill> & Pick<Drill, 'id'>): Drill {
  return {
    noticeId: null,
    date: '2026-11-28',
    schools: [{ id: JINGSHAN.id, name: JINGSHAN.name }],
    participants: 30,
    durationMin: 45,
    scenario: '校门口持刀人员闯入处置',
    themeId: null,
    wentWell: '',
    toFix: '',
    photos: [],
    recordedBy: '陈志强',
    createdAt: '2026-11-28T02:00:00.000Z',
    responses: [],
    ...partial,
  }
}

async function setup(role: 'police' | 'principal') {
  const api = fakeNoticeApi()
  const root = new RootStore(api, memoryTokenStorage('t'))
  const grant =
    role === 'police'
      ? membership({ role: 'police', status: 'approved', scope: { kind: 'station', stationId: 'st1', stationName: '京山派出所', schoolIds: [JINGSHAN.id, SHIYAN.id] } })
      : membership({ role: 'principal', status: 'approved', scope: atSchool(JINGSHAN) })
  root.me.setMe(me([grant]))
  api.schools.list.mockResolvedValue(role === 'police' ? [JINGSHAN, SHIYAN] : [JINGSHAN])
  await root.schools.load()
  return { api, root }
}

describe('Drills (演练记录)', () => {
  it('a record after a drill notice starts from it, says what is missing, and a retried submit sends the same key', async () => {
    const { api, root } = await setup('police')
    const form = root.store(drillRecordStore)
    form.start(
      notice({
        id: 'n1',
        type: 'drill',
        title: '秋季防冲撞演练',
        eventAt: '2026-12-05T01:00:00.000Z',
        eventEndAt: '2026-12-05T01:40:00.000Z',
        audience: { schoolIds: [JINGSHAN.id], roles: ['volunteer'] },
      }),
    )
    expect(form).toMatchObject({ noticeId: 'n1', date: '2026-12-05', schoolIds: [JINGSHAN.id], durationMin: 40, scenario: '秋季防冲撞演练' })
    expect(form.problem).toBe('请填写参加人数')
    await expect(form.submit()).rejects.toThrow('请填写参加人数')
    expect(api.notices.recordDrill).not.toHaveBeenCalled()

    form.setParticipants(36)
    api.notices.recordDrill.mockRejectedValueOnce(new Error('timeout')).mockResolvedValue(drill({ id: 'd1', date: '2026-12-05' }))
    await expect(form.submit()).rejects.toThrow('timeout')
    await form.submit()
    const [first, second] = api.notices.recordDrill.mock.calls.map((c) => c[0])
    expect(second).toEqual(first)
    expect(first).toMatchObject({ noticeId: 'n1', date: '2026-12-05', schoolIds: [JINGSHAN.id], participants: 36, durationMin: 40, photoIds: [] })
  })

  it('the record’s theme starts as the linked notice’s, can be changed from the city’s list, and is sent with it', async () => {
    const list = jest
      .fn()
      .mockRejectedValueOnce(new Error('offline'))
      .mockResolvedValue([
        { id: 'fire', name: '消防' },
        { id: 'terror', name: '防暴恐' },
      ])
    jest.spyOn(safetyThemes, 'createSafetyThemesService').mockReturnValue({ list })
    const { api, root } = await setup('police')
    const form = root.store(drillRecordStore)
    // the list could not be had: the form works without it, and the next opening asks again
    await form.loadThemes()
    expect(form.themes).toEqual([])
    await form.loadThemes()
    await form.loadThemes()
    expect(list).toHaveBeenCalledTimes(2)
    expect(form.themes.map((t) => t.name)).toEqual(['消防', '防暴恐'])

    form.start(notice({ id: 'n2', type: 'drill', themeId: 'terror', audience: { schoolIds: [JINGSHAN.id], roles: ['guard'] } }))
    expect(form.themeId).toBe('terror')
    form.setTheme('fire')
    form.setParticipants(20)
    api.notices.recordDrill.mockResolvedValue(drill({ id: 'd2', themeId: 'fire' }))
    await form.submit()
    expect(api.notices.recordDrill).toHaveBeenLastCalledWith(expect.objectContaining({ noticeId: 'n2', themeId: 'fire' }))
    // a record without a notice starts without a theme
    form.start()
    expect(form.themeId).toBeNull()
  })

  it('a principal sees their school’s history, newest first, and may not record', async () => {
    const { api, root } = await setup('principal')
    const history = root.store(drillHistoryStore)
    expect(history.schoolOptions.map((s) => s.id)).toEqual([JINGSHAN.id])
    api.notices.schoolDrills.mockResolvedValue([
      drill({ id: 'old', date: '2026-10-01' }),
      drill({ id: 'a', date: '2026-11-28', createdAt: '2026-11-28T02:00:00.000Z' }),
      drill({ id: 'b', date: '2026-11-28', createdAt: '2026-11-28T05:00:00.000Z' }),
    ])
    await history.selectSchool(JINGSHAN.id)
    expect(api.notices.schoolDrills).toHaveBeenCalledWith(JINGSHAN.id)
    expect(history.items.map((d) => d.id)).toEqual(['b', 'a', 'old'])
    expect(history.mayRecord).toBe(false)
  })
})
