// Toasts and confirmations: the server's Chinese message is what people read.
import Taro from '@tarojs/taro'
import { errorMessage } from '@/services/http'

export function toast(title: string): void {
  void Taro.showToast({ title, icon: 'none', duration: 2000 })
}

export function toastSuccess(title: string): void {
  void Taro.showToast({ title, icon: 'success', duration: 1500 })
}

export function toastError(error: unknown, fallback?: string): void {
  toast(errorMessage(error, fallback))
}
