import { LocationError } from '@/services/location'
import { ApiError } from '@/services/http'
import { memoryTokenStorage } from '@/services/token-storage'
import { RootStore } from '@/stores/root-store'
import { JINGSHAN, SHIYAN, atSchool, me, membership } from './support/fixtures'
import { STALL, SUSPICIOUS, TRAFFIC, fakeHazardApi, hazard, hazardDetail, uploaded } from './support/hazard-fixtures'

// a few metres from 京山小学's south gate (GCJ-02)
const NEAR_GATE = { lat: 28.63975, lng: 115.91745, accuracy: 12 }

async function setup() {
  const api = fakeHazardApi()
  const root = new RootStore(api, memoryTokenStorage('t'))
  root.me.setMe(me([membership({ role: 'volunteer', status: 'approved', scope: atSchool(JINGSHAN) })], '王芳'))
  api.schools.list.mockResolvedValue([
    { ...JINGSHAN, lat: 28.64017, lng: 115.91736 },
    { ...SHIYAN, lat: 28.63351, lng: 115.92632 },
  ])
  api.hazards.categories.mockResolvedValue([TRAFFIC, SUSPICIOUS, STALL])
  await Promise.all([root.schools.load(), root.hazards.categories.load()])
  const report = root.hazards.report
  return { api, root, report }
}

async function fill(report: Awaited<ReturnType<typeof setup>>['report']) {
  report.setCategory('traffic')
  report.setDescription('  放学时车辆停在人行道上  ')
  await report.locate(async () => NEAR_GATE)
}

describe('HazardReportStore (上报)', () => {
  it('proposes the severity of the chosen category; the person may change it, a new category proposes again', async () => {
    const { report } = await setup()
    expect(report.severity).toBeNull()
    report.setCategory('traffic')
    expect(report.severity).toBe('medium')
    report.setSeverity('high')
    expect(report.severity).toBe('high')
    report.setCategory('stall')
    expect(report.severity).toBe('low')
  })

  it('names the nearest of the person’s schools for the position, with the distance', async () => {
    const { report } = await setup()
    expect(report.school).toBeNull()
    await report.locate(async () => NEAR_GATE)
    expect(report.school?.id).toBe(JINGSHAN.id)
    expect(report.schoolDistanceM).toBeGreaterThan(0)
    expect(report.schoolDistanceM).toBeLessThan(100)
  })

  it('says what is missing, in the order the form is filled in, and sends nothing', async () => {
    const { api, report } = await setup()
    await expect(report.submit()).resolves.toEqual({ kind: 'invalid', message: '请选择隐患类别' })
    report.setCategory('traffic')
    await expect(report.submit()).resolves.toEqual({ kind: 'invalid', message: '请描述你看到的情况（至少 2 个字）' })
    report.setDescription('占道')
    await expect(report.submit()).resolves.toMatchObject({ kind: 'invalid', message: expect.stringContaining('位置') })
    expect(api.hazards.nearby).not.toHaveBeenCalled()
    expect(api.hazards.report).not.toHaveBeenCalled()
  })

  it('offers open reports nearby before filing, and files nothing until the person decides', async () => {
    const { api, report } = await setup()
    await fill(report)
    const near = { ...hazard({ id: 'h-near' }), distanceM: 18 }
    api.hazards.nearby.mockResolvedValue([near])

    const outcome = await report.submit()

    expect(outcome).toEqual({ kind: 'nearby', items: [near] })
    expect(api.hazards.nearby).toHaveBeenCalledWith(NEAR_GATE, 'traffic')
    expect(api.hazards.report).not.toHaveBeenCalled()
    expect(report.offeringNearby).toBe(true)
  })

  it('"我也遇到了" confirms the nearby report with the first photo, and starts a fresh form', async () => {
    const { api, report } = await setup()
    await fill(report)
    api.uploads.photo.mockImplementation(async (_path: string, key: string) => uploaded(`f-${key}`))
    await report.photos.add(['blob:one', 'blob:two'])
    api.hazards.nearby.mockResolvedValue([{ ...hazard({ id: 'h-near' }), distanceM: 18 }])
    await report.submit()
    const firstKey = report.photos.items[0].key
    api.hazards.confirm.mockResolvedValue(hazardDetail({ id: 'h-near', confirmations: 1 }))
    const keyBefore = report.clientKey

    await report.confirmNearby('h-near')

    expect(api.hazards.confirm).toHaveBeenCalledWith('h-near', `f-${firstKey}`)
    expect(api.hazards.report).not.toHaveBeenCalled()
    expect(report.done).toMatchObject({ kind: 'confirmed', hazard: { id: 'h-near' } })
    expect(report.description).toBe('')
    expect(report.photos.items).toEqual([])
    expect(report.clientKey).not.toBe(keyBefore)
  })

  it('"我也遇到了" without the photo when the person unticks it', async () => {
    const { api, report } = await setup()
    await fill(report)
    api.uploads.photo.mockResolvedValue(uploaded('f1'))
    await report.photos.add(['blob:one'])
    api.hazards.confirm.mockResolvedValue(hazardDetail({ id: 'h-near' }))
    report.setAttachPhotoToConfirm(false)
    await report.confirmNearby('h-near')
    expect(api.hazards.confirm).toHaveBeenCalledWith('h-near', undefined)
  })

  it('files the report when nothing is nearby: trimmed text, proposed severity, nearest school, uploaded photos', async () => {
    const { api, report } = await setup()
    await fill(report)
    api.uploads.photo.mockResolvedValue(uploaded('f1'))
    await report.photos.add(['blob:one'])
    api.hazards.nearby.mockResolvedValue([])
    api.hazards.report.mockResolvedValue(hazardDetail({ id: 'h1', mine: true }))
    const key = report.clientKey

    const outcome = await report.submit()

    expect(outcome).toMatchObject({ kind: 'reported', hazard: { id: 'h1' } })
    expect(api.hazards.report).toHaveBeenCalledWith({
      lat: NEAR_GATE.lat,
      lng: NEAR_GATE.lng,
      categoryId: 'traffic',
      description: '放学时车辆停在人行道上',
      severity: 'medium',
      schoolId: JINGSHAN.id,
      locationKind: 'around',
      photoIds: ['f1'],
      clientKey: key,
    })
    expect(report.done?.kind).toBe('reported')
  })

  it('a retried submit after a failure sends the same client key (one report), the next form a new one', async () => {
    const { api, report } = await setup()
    await fill(report)
    api.hazards.nearby.mockResolvedValue([])
    api.hazards.report.mockRejectedValueOnce(new ApiError(0, 'NETWORK', '网络连接失败，请检查网络后重试'))

    await expect(report.submit()).rejects.toThrow('网络连接失败')
    expect(report.description).toBe('  放学时车辆停在人行道上  ') // the form is kept for the retry
    api.hazards.report.mockResolvedValueOnce(hazardDetail({ id: 'h1' }))
    await report.submit()

    const keys = api.hazards.report.mock.calls.map(([body]) => body.clientKey)
    expect(keys).toHaveLength(2)
    expect(keys[0]).toBe(keys[1])
    // the nearby check is not repeated for the same place and category
    expect(api.hazards.nearby).toHaveBeenCalledTimes(1)
    expect(report.clientKey).not.toBe(keys[0])
  })

  it('reporting anyway after seeing nearby reports files with the form’s key', async () => {
    const { api, report } = await setup()
    await fill(report)
    api.hazards.nearby.mockResolvedValue([{ ...hazard({ id: 'h-near' }), distanceM: 30 }])
    await report.submit()
    api.hazards.report.mockResolvedValue(hazardDetail({ id: 'h2' }))
    const key = report.clientKey
    await report.reportAnyway()
    expect(api.hazards.report).toHaveBeenCalledWith(expect.objectContaining({ clientKey: key }))
  })

  it('a moved position or another category asks for nearby reports again', async () => {
    const { api, report } = await setup()
    await fill(report)
    api.hazards.nearby.mockResolvedValue([{ ...hazard({ id: 'h-near' }), distanceM: 30 }])
    await report.submit()
    report.setCategory('suspicious')
    expect(report.offeringNearby).toBe(false)
    api.hazards.nearby.mockResolvedValue([])
    api.hazards.report.mockResolvedValue(hazardDetail({ id: 'h3' }))
    await report.submit()
    expect(api.hazards.nearby).toHaveBeenLastCalledWith(NEAR_GATE, 'suspicious')
    expect(api.hazards.report).toHaveBeenCalledTimes(1)
  })

  it('does not send while a photo is uploading or failed; a photo retry reuses its idempotency key', async () => {
    const { api, report } = await setup()
    await fill(report)
    api.uploads.photo.mockRejectedValueOnce(new ApiError(415, 'BAD_REQUEST', '只能上传图片（JPEG、PNG、WebP、HEIC、GIF）', 'file'))
    await report.photos.add(['blob:bad'])
    expect(report.photos.items[0]).toMatchObject({ state: 'error', error: '只能上传图片（JPEG、PNG、WebP、HEIC、GIF）' })
    await expect(report.submit()).resolves.toEqual({ kind: 'invalid', message: '有照片上传失败，请重试或删除' })

    api.uploads.photo.mockResolvedValueOnce(uploaded('f9'))
    await report.photos.retry(report.photos.items[0].key)
    const [first, second] = api.uploads.photo.mock.calls
    expect(second[1]).toBe(first[1])
    expect(report.photos.fileIds).toEqual(['f9'])
    expect(report.missing).toBeNull()
  })

  it('keeps at most 9 photos', async () => {
    const { api, report } = await setup()
    api.uploads.photo.mockImplementation(async (_p: string, key: string) => uploaded(key))
    await report.photos.add(Array.from({ length: 12 }, (_, i) => `blob:${i}`))
    expect(report.photos.items).toHaveLength(9)
    expect(report.photos.remaining).toBe(0)
    expect(api.uploads.photo).toHaveBeenCalledTimes(9)
  })

  it('shows why locating failed and keeps the last position when the map is closed', async () => {
    const { report } = await setup()
    await report.locate(async () => {
      throw new Error('定位超时，请到开阔处重试')
    })
    expect(report.locationError).toBe('定位超时，请到开阔处重试')
    await report.locate(async () => NEAR_GATE)
    await report.locate(async () => null) // closed the map
    expect(report.position).toEqual(NEAR_GATE)
    expect(report.locationError).toBeNull()
  })

  it('tells a refused privacy agreement from a refused permission, so the page offers the right way back', async () => {
    const { report } = await setup()
    await report.locate(async () => {
      throw new LocationError('privacy', '你没有同意《护学岗隐私保护指引》，所以无法使用位置。点「重试」可再次查看并同意')
    })
    expect(report.locationRefusal).toBe('privacy')
    await report.locate(async () => {
      throw new LocationError('denied', '你没有允许护学岗使用位置')
    })
    expect(report.locationRefusal).toBe('denied')
    // the map picker fails with WeChat's own errMsg
    await report.locate(async () => {
      throw { errMsg: 'chooseLocation:fail auth deny' }
    })
    expect(report.locationRefusal).toBe('denied')
    await report.locate(async () => {
      throw new LocationError('timeout', '定位超时，请到开阔处重试')
    })
    expect(report.locationRefusal).toBeNull()
  })
})
