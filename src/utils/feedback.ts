// Toasts and confirmations: the server's Chinese message is what people read.
import Taro from '@tarojs/taro'
import { errorMessage } from '@/services/http'

export function toast(title: string): void {
  void Taro.showToast({ title, icon: 'none', duration: 2000 })
}

/** WeChat cuts a toast with an icon after 7 characters: longer texts go without the icon. */
export const ICON_TOAST_MAX = 7

export function toastSuccess(title: string): void {
  if ([...title].length > ICON_TOAST_MAX) void Taro.showToast({ title, icon: 'none', duration: 2000 })
  else void Taro.showToast({ title, icon: 'success', duration: 1500 })
}

export function toastError(error: unknown, fallback?: string): void {
  toast(errorMessage(error, fallback))
}
