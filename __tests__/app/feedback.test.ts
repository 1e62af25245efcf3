import Taro from '@tarojs/taro'
import { toastSuccess } from '@/utils/feedback'

const taro = Taro as unknown as Record<string, unknown>
const original = taro.showToast
afterEach(() => {
  taro.showToast = original
})

describe('toastSuccess', () => {
  it.each([
    ['签到成功', 'success'],
    ['已保存到相册', 'success'],
    ['七个字的提示文', 'success'],
    ['已保存，班次已更新', 'none'],
    ['已提交，待民警审核', 'none'],
  ])('%s → icon %s (WeChat cuts an icon toast after 7 characters)', (title, icon) => {
    const show = jest.fn(() => Promise.resolve({ errMsg: 'showToast:ok' }))
    taro.showToast = show
    toastSuccess(title)
    expect(show).toHaveBeenCalledWith(expect.objectContaining({ title, icon }))
  })
})
