// An Excel export in hand (coverage views, the hazard ledger): the browser saves it through a
// download link; WeChat opens the document, from where it can be shared to a chat or saved.
import Taro from '@tarojs/taro'
import { toastError, toastSuccess } from '@/utils/feedback'

function saveInBrowser(url: string, filename: string): void {
  const link = document.createElement('a')
  link.href = url
  link.download = filename
  document.body.appendChild(link)
  link.click()
  link.remove()
  setTimeout(() => URL.revokeObjectURL(url), 60_000)
}

export async function saveExport(run: () => Promise<{ path: string; filename: string; fileType?: 'xlsx' | 'docx' }>): Promise<void> {
  try {
    const { path, filename, fileType = 'xlsx' } = await run()
    if (process.env.TARO_ENV === 'h5') {
      saveInBrowser(path, filename)
      toastSuccess('已导出')
    } else {
      await Taro.openDocument({ filePath: path, fileType, showMenu: true })
    }
  } catch (e) {
    toastError(e, (e as Error).message || '导出失败，请稍后重试')
  }
}
