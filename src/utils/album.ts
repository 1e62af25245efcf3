// Saving an image (an invite's 小程序码, a certificate) to the phone's album on WeChat, and what
// to offer when it was refused: the privacy agreement again, or WeChat's settings (去设置).
import Taro from '@tarojs/taro'
import { explainRefusal, isCancelled, permissionProblemOf } from '@/services/permissions'
import { toast, toastSuccess } from './feedback'

export async function saveImageToAlbum(filePath: string): Promise<boolean> {
  try {
    await Taro.saveImageToPhotosAlbum({ filePath })
    toastSuccess('已保存到相册')
    return true
  } catch (e) {
    if (isCancelled(e)) return false
    const problem = permissionProblemOf(e)
    if (problem) await explainRefusal(problem, '相册', '保存图片要写入你的相册', () => saveImageToAlbum(filePath))
    else toast('保存失败，请稍后重试')
    return false
  }
}
