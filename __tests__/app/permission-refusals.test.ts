// After a refusal, the places that need a permission offer the way back from a tap: WeChat's
// settings (去设置) for a refused permission, the agreement again for a refused privacy guide.
import Taro from '@tarojs/taro'
import { explainRefusal, permissionProblemOf } from '@/services/permissions'
import { saveImageToAlbum } from '@/utils/album'

const taro = Taro as unknown as Record<string, unknown>
const saved: Record<string, unknown> = {}
function fake(name: string, impl: (...args: unknown[]) => unknown): jest.Mock {
  if (!(name in saved)) saved[name] = taro[name]
  const mock = jest.fn(impl)
  taro[name] = mock
  return mock
}
afterEach(() => {
  for (const [name, fn] of Object.entries(saved)) taro[name] = fn
})

describe('permissionProblemOf', () => {
  it.each([
    [{ errMsg: 'saveImageToPhotosAlbum:fail auth deny' }, 'denied'],
    [{ errMsg: 'saveImageToPhotosAlbum:fail auth denied' }, 'denied'],
    [{ errMsg: 'chooseMedia:fail authorize no response' }, 'denied'],
    [{ errMsg: 'saveImageToPhotosAlbum:fail privacy permission is not authorized', errno: 104 }, 'privacy'],
    [{ errMsg: 'chooseMedia:fail cancel' }, null],
    [{ errMsg: 'request:fail timeout' }, null],
    [null, null],
  ])('%j → %s', (error, problem) => {
    expect(permissionProblemOf(error)).toBe(problem)
  })
})

describe('saving an image to the album', () => {
  it('saved: says so', async () => {
    const save = fake('saveImageToPhotosAlbum', () => Promise.resolve({}))
    const toast = fake('showToast', () => Promise.resolve({}))
    await expect(saveImageToAlbum('wxfile://code.png')).resolves.toBe(true)
    expect(save).toHaveBeenCalledWith({ filePath: 'wxfile://code.png' })
    expect(toast).toHaveBeenCalledWith(expect.objectContaining({ title: '已保存到相册' }))
  })

  it('album permission refused: offers 去设置, and opens WeChat settings from that tap', async () => {
    fake('saveImageToPhotosAlbum', () => Promise.reject({ errMsg: 'saveImageToPhotosAlbum:fail auth deny' }))
    const modal = fake('showModal', () => Promise.resolve({ confirm: true, cancel: false }))
    const openSetting = fake('openSetting', () => Promise.resolve({ authSetting: {} }))
    await expect(saveImageToAlbum('wxfile://code.png')).resolves.toBe(false)
    expect(modal).toHaveBeenCalledWith(expect.objectContaining({ title: '需要相册权限', confirmText: '去设置' }))
    expect(openSetting).toHaveBeenCalledTimes(1)
  })

  it('privacy agreement refused: says what happened and offers the agreement again, never 去设置', async () => {
    const save = fake('saveImageToPhotosAlbum', () => Promise.reject({ errMsg: 'saveImageToPhotosAlbum:fail privacy permission is not authorized', errno: 104 }))
    const modal = fake('showModal', () => Promise.resolve({ confirm: false, cancel: true }))
    const openSetting = fake('openSetting', () => Promise.resolve({}))
    await saveImageToAlbum('wxfile://code.png')
    const shown = modal.mock.calls[0][0] as { title: string; content: string; confirmText: string }
    expect(shown.title).toBe('未同意隐私保护指引')
    expect(shown.content).toMatch(/没有同意《护学岗隐私保护指引》/)
    expect(shown.confirmText).toBe('再看一次')
    expect(openSetting).not.toHaveBeenCalled()
    expect(save).toHaveBeenCalledTimes(1)
  })

  it('privacy agreement refused, then 再看一次: the save runs again (WeChat shows the agreement again)', async () => {
    const save = fake('saveImageToPhotosAlbum', () => Promise.reject({ errMsg: 'fail privacy permission is not authorized', errno: 104 }))
    save.mockImplementationOnce(() => Promise.reject({ errMsg: 'fail privacy permission is not authorized', errno: 104 })).mockImplementationOnce(() => Promise.resolve({}))
    fake('showModal', () => Promise.resolve({ confirm: true, cancel: false }))
    fake('showToast', () => Promise.resolve({}))
    await saveImageToAlbum('wxfile://code.png')
    expect(save).toHaveBeenCalledTimes(2)
  })

  it('closed by the person: nothing is said', async () => {
    fake('saveImageToPhotosAlbum', () => Promise.reject({ errMsg: 'saveImageToPhotosAlbum:fail cancel' }))
    const modal = fake('showModal', () => Promise.resolve({ confirm: false }))
    const toast = fake('showToast', () => Promise.resolve({}))
    await saveImageToAlbum('x')
    expect(modal).not.toHaveBeenCalled()
    expect(toast).not.toHaveBeenCalled()
  })
})

describe('explainRefusal', () => {
  it('names the permission and why it is needed', async () => {
    const modal = fake('showModal', () => Promise.resolve({ confirm: false }))
    await explainRefusal('denied', '相机和相册', '拍照或选照片要用到相机和相册', jest.fn())
    expect(modal).toHaveBeenCalledWith(expect.objectContaining({ title: '需要相机和相册权限', content: expect.stringContaining('拍照或选照片') }))
  })
})
