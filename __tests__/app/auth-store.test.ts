import { createApi } from '@/services/api'
import { ApiError, Http, type Transport } from '@/services/http'
import { memoryConsentStorage, memoryTokenStorage } from '@/services/token-storage'
import { fakePhone } from './support/duty-fixtures'
import { RootStore } from '@/stores/root-store'
import { JINGSHAN, atSchool, fakeApi, loginResponse, me, membership } from './support/fixtures'

const principalMe = me([membership({ role: 'principal', status: 'approved', scope: atSchool(JINGSHAN) })])

describe('AuthStore', () => {
  it('signs in as a demo person: stores the token, holds the person, and is signed in', async () => {
    const api = fakeApi()
    api.auth.demoLogin.mockResolvedValue(loginResponse(principalMe, 'demo-token'))
    const tokens = memoryTokenStorage()
    const root = new RootStore(api, tokens)

    await root.auth.loginAsDemo('p1')

    expect(api.auth.demoLogin).toHaveBeenCalledWith('p1')
    expect(tokens.get()).toBe('demo-token')
    expect(root.auth.status).toBe('signedIn')
    expect(root.me.person?.name).toBe('黄丽萍')
    expect(root.auth.signingIn).toBeNull()
  })

  it('keeps the person signed out when the login is refused', async () => {
    const api = fakeApi()
    api.auth.demoLogin.mockRejectedValue(new ApiError(404, 'NOT_FOUND', '演示登录未开启'))
    const tokens = memoryTokenStorage()
    const root = new RootStore(api, tokens)
    root.auth.clearSession()

    await expect(root.auth.loginAsDemo('p1')).rejects.toThrow('演示登录未开启')
    expect(tokens.get()).toBeNull()
    expect(root.auth.status).toBe('signedOut')
    expect(root.auth.signingIn).toBeNull()
  })

  it('logs out: tells the server, forgets the token and everything loaded for the person', async () => {
    const api = fakeApi()
    api.auth.demoLogin.mockResolvedValue(loginResponse(principalMe))
    api.auth.logout.mockResolvedValue(null)
    api.schools.list.mockResolvedValue([JINGSHAN])
    const tokens = memoryTokenStorage()
    const root = new RootStore(api, tokens)
    await root.auth.loginAsDemo('p1')
    await root.schools.load()

    await root.auth.logout()

    expect(api.auth.logout).toHaveBeenCalledTimes(1)
    expect(tokens.get()).toBeNull()
    expect(root.auth.status).toBe('signedOut')
    expect(root.me.me).toBeNull()
    expect(root.schools.items).toEqual([])
  })

  it('logs out on this phone even when the server cannot be reached', async () => {
    const api = fakeApi()
    api.auth.logout.mockRejectedValue(new ApiError(0, 'NETWORK', '网络连接失败'))
    const tokens = memoryTokenStorage('t')
    const root = new RootStore(api, tokens)
    root.me.setMe(principalMe)

    await root.auth.logout()
    expect(tokens.get()).toBeNull()
    expect(root.auth.status).toBe('signedOut')
  })

  it('at launch, a stored token loads the person', async () => {
    const api = fakeApi()
    api.me.get.mockResolvedValue(principalMe)
    const root = new RootStore(api, memoryTokenStorage('stored'))

    await root.auth.bootstrap()
    expect(root.auth.status).toBe('signedIn')
    expect(root.me.me).toEqual(principalMe)
  })

  it('at launch, an expired token (401 through the real Http) signs out', async () => {
    const tokens = memoryTokenStorage('expired')
    const transport: Transport = async () => ({ statusCode: 401, data: { code: 'UNAUTHENTICATED', message: '登录已过期' } })
    const http = new Http({ baseUrl: '', tokens, transport })
    const root = new RootStore(createApi(http), tokens)
    http.onUnauthorized(() => root.auth.clearSession())

    await root.auth.bootstrap()
    expect(tokens.get()).toBeNull()
    expect(root.auth.status).toBe('signedOut')
  })

  it('at launch without a token and before consent: nothing is asked of WeChat or sent to the server', async () => {
    const api = fakeApi()
    const getCode = jest.fn(async () => 'wx-code')
    const root = new RootStore(api, memoryTokenStorage(), fakePhone(), memoryConsentStorage())

    await root.auth.bootstrap(getCode)
    expect(getCode).not.toHaveBeenCalled()
    expect(api.auth.wechat).not.toHaveBeenCalled()
    expect(root.auth.status).toBe('signedOut')
    // nor by a login tapped with the box unticked
    await expect(root.auth.loginWithWechat(getCode)).rejects.toThrow('请先阅读并同意')
    expect(getCode).not.toHaveBeenCalled()
    expect(api.auth.wechat).not.toHaveBeenCalled()
  })

  it('after consent the WeChat login runs, and the consent is remembered on this phone', async () => {
    const api = fakeApi()
    api.auth.wechat.mockResolvedValue(loginResponse(principalMe, 'wx-token'))
    const consent = memoryConsentStorage()
    const tokens = memoryTokenStorage()
    const root = new RootStore(api, tokens, fakePhone(), consent)

    root.auth.giveConsent()
    await root.auth.loginWithWechat(async () => 'wx-code')
    expect(api.auth.wechat).toHaveBeenCalledWith('wx-code')
    expect(tokens.get()).toBe('wx-token')
    expect(consent.given()).toBe(true)
  })

  it('at launch without a token, having consented before, uses the WeChat code', async () => {
    const api = fakeApi()
    api.auth.wechat.mockResolvedValue(loginResponse(principalMe, 'wx-token'))
    const tokens = memoryTokenStorage()
    const root = new RootStore(api, tokens, fakePhone(), memoryConsentStorage(true))

    await root.auth.bootstrap(async () => 'wx-code')
    expect(api.auth.wechat).toHaveBeenCalledWith('wx-code')
    expect(tokens.get()).toBe('wx-token')
    expect(root.auth.status).toBe('signedIn')
  })

  it('at launch without a token, a failed WeChat login leaves the person signed out for the login page', async () => {
    const api = fakeApi()
    api.auth.wechat.mockRejectedValue(new ApiError(502, 'WECHAT_LOGIN_FAILED', '微信登录失败'))
    const root = new RootStore(api, memoryTokenStorage(), fakePhone(), memoryConsentStorage(true))

    await root.auth.bootstrap(async () => 'wx-code')
    expect(root.auth.status).toBe('signedOut')
  })

  it('treats a 404 from the demo list as "no demo mode", not as an error', async () => {
    const api = fakeApi()
    api.auth.demoPeople.mockRejectedValue(new ApiError(404, 'NOT_FOUND', '演示登录未开启'))
    const root = new RootStore(api, memoryTokenStorage())
    await root.auth.loadDemoPeople()
    expect(root.auth.demoPeople).toBeNull()
    expect(root.auth.demoState).toBe('ready')

    api.auth.demoPeople.mockRejectedValue(new ApiError(0, 'NETWORK', '网络连接失败'))
    await root.auth.loadDemoPeople()
    expect(root.auth.demoState).toBe('error')
  })
})
