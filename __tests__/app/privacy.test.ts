import { PRIVACY_SUBJECTS, listenForPrivacyRequests, privacySubject } from '@/services/privacy'
import { PrivacyStore } from '@/stores/privacy-store'

describe('WeChat privacy requests', () => {
  it('below base library 2.32.3 there is no onNeedPrivacyAuthorization: the launch goes on', () => {
    expect(() => listenForPrivacyRequests({}, jest.fn())).not.toThrow()
    expect(listenForPrivacyRequests({}, jest.fn())).toBe(false)
    // Taro's stand-in for a missing API, with canIUse saying no
    const standIn = jest.fn()
    expect(listenForPrivacyRequests({ onNeedPrivacyAuthorization: standIn, canIUse: () => false }, jest.fn())).toBe(false)
    expect(standIn).not.toHaveBeenCalled()
    // an API that throws when called
    expect(
      listenForPrivacyRequests(
        {
          onNeedPrivacyAuthorization: () => {
            throw new TypeError('not a function')
          },
        },
        jest.fn(),
      ),
    ).toBe(false)
  })

  it('from 2.32.3 the handler is registered', () => {
    const on = jest.fn()
    const handler = jest.fn()
    expect(listenForPrivacyRequests({ onNeedPrivacyAuthorization: on, canIUse: () => true }, handler)).toBe(true)
    expect(on).toHaveBeenCalledWith(handler)
  })

  it.each([
    ['getLocation', '你的位置'],
    ['startLocationUpdateBackground', '你的位置（包括离开小程序后）'],
    ['chooseMedia', '相机和相册中的照片'],
    ['saveImageToPhotosAlbum', '你的相册（只保存图片）'],
    ['getPhoneNumber', '你的微信手机号'],
    ['setClipboardData', '剪贴板'],
    ['chooseMessageFile', '聊天中的文件'],
    ['somethingNew', '你的个人信息'],
    [undefined, '你的个人信息'],
  ])('the popup names what %s asks for: %s', (referrer, what) => {
    expect(privacySubject(referrer).what).toBe(what)
    const store = new PrivacyStore()
    store.request(jest.fn(), { referrer })
    expect(store.subject.what).toBe(what)
  })

  it('every private API the app calls is named', () => {
    for (const [api, subject] of Object.entries(PRIVACY_SUBJECTS)) {
      expect(subject.what.length).toBeGreaterThan(0)
      expect(subject.why.length).toBeGreaterThan(0)
      expect(privacySubject(api)).toBe(subject)
    }
  })

  it('answers WeChat: shown, then the choice goes to every request waiting for it', () => {
    const store = new PrivacyStore()
    const first = jest.fn()
    store.request(first, { referrer: 'getLocation' })
    expect(first).toHaveBeenCalledWith({ event: 'exposureAuthorization' })
    const second = jest.fn()
    store.request(second, { referrer: 'chooseMedia' })
    store.agree('privacy-agree')
    expect(first).toHaveBeenLastCalledWith({ event: 'agree', buttonId: 'privacy-agree' })
    expect(second).toHaveBeenLastCalledWith({ event: 'agree', buttonId: 'privacy-agree' })
    expect(store.visible).toBe(false)
    const third = jest.fn()
    store.request(third, { referrer: 'saveImageToPhotosAlbum' })
    store.disagree()
    expect(third).toHaveBeenLastCalledWith({ event: 'disagree' })
    expect(first).toHaveBeenCalledTimes(2)
  })
})
