// WeChat's privacy consent (base library ≥ 2.32.3): before a private API runs, WeChat calls
// onNeedPrivacyAuthorization with the API's name (eventInfo.referrer); our popup says what is
// being asked for, in Chinese, and answers with the person's choice.

/** What each private API the app calls reaches, in the words the popup uses. */
export const PRIVACY_SUBJECTS: Record<string, { what: string; why: string }> = {
  getLocation: { what: '你的位置', why: '值守签到时确认你在岗点附近，上报隐患时记录隐患的位置' },
  startLocationUpdate: { what: '你的位置', why: '值守期间确认你仍在岗点附近（签退后停止）' },
  startLocationUpdateBackground: { what: '你的位置（包括离开小程序后）', why: '值守期间锁屏时也能确认你在岗点附近（签退后停止）' },
  onLocationChange: { what: '你的位置', why: '值守期间确认你仍在岗点附近（签退后停止）' },
  chooseLocation: { what: '你在地图上选的位置', why: '记录隐患所在的地点' },
  chooseMedia: { what: '相机和相册中的照片', why: '为隐患上报或整改拍照、选照片' },
  chooseImage: { what: '相机和相册中的照片', why: '为隐患上报或整改拍照、选照片' },
  saveImageToPhotosAlbum: { what: '你的相册（只保存图片）', why: '把邀请小程序码或服务证明保存到相册' },
  getPhoneNumber: { what: '你的微信手机号', why: '加入学校时让学校能联系到你' },
  setClipboardData: { what: '剪贴板', why: '复制邀请码或链接' },
  getClipboardData: { what: '剪贴板', why: '粘贴邀请码' },
  chooseMessageFile: { what: '聊天中的文件', why: '为通知添加附件' },
}

const FALLBACK = { what: '你的个人信息', why: '完成你刚才的操作' }

/** What the popup names for the API WeChat reports (unknown names: a general wording). */
export function privacySubject(referrer: string | undefined): { what: string; why: string } {
  return (referrer && PRIVACY_SUBJECTS[referrer]) || FALLBACK
}

export type PrivacyRequestHandler = (
  resolve: (option: { event: 'exposureAuthorization' | 'agree' | 'disagree'; buttonId?: string }) => void,
  eventInfo?: { referrer?: string },
) => void

interface PrivacyApi {
  canIUse?: (schema: string) => boolean
  onNeedPrivacyAuthorization?: (handler: PrivacyRequestHandler) => void
}

/**
 * Listens for WeChat's privacy requests when the base library has them (2.32.3+). Older ones
 * have no such API (and no such requests): the launch goes on instead of throwing.
 */
export function listenForPrivacyRequests(wx: PrivacyApi, handler: PrivacyRequestHandler): boolean {
  try {
    if (typeof wx.onNeedPrivacyAuthorization !== 'function') return false
    if (typeof wx.canIUse === 'function' && !wx.canIUse('onNeedPrivacyAuthorization')) return false
    wx.onNeedPrivacyAuthorization(handler)
    return true
  } catch {
    return false
  }
}
