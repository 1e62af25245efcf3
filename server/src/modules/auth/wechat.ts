// WeChat's code2Session (jscode2session): the app's `Taro.login` code for an openid and a
// session_key. The base URL is configurable so that tests run it against a local fake.
import { AppError } from '../../lib/errors'

export interface WechatSession {
  openid: string
  sessionKey: string
  unionid: string | null
}

export interface WechatSettings {
  appid: string | null
  secret: string | null
  apiBase: string
}

export async function code2Session(wx: WechatSettings, code: string): Promise<WechatSession> {
  if (!wx.appid || !wx.secret) {
    throw new AppError(503, 'WECHAT_LOGIN_FAILED', '服务器未配置微信登录（WX_APPID / WX_SECRET），请使用演示账号或联系管理员')
  }
  const url = new URL(`${wx.apiBase}/sns/jscode2session`)
  url.search = new URLSearchParams({
    appid: wx.appid,
    secret: wx.secret,
    js_code: code,
    grant_type: 'authorization_code',
  }).toString()
  let body: { openid?: string; session_key?: string; unionid?: string; errcode?: number; errmsg?: string }
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(5000) })
    body = (await res.json()) as typeof body
  } catch {
    throw new AppError(502, 'WECHAT_LOGIN_FAILED', '微信登录服务暂时不可用，请稍后重试')
  }
  if (body.errcode || !body.openid || !body.session_key) {
    // 40029: invalid code; 40163: code already used; 45011: too frequent.
    const message = body.errcode === 45011 ? '登录太频繁，请稍后再试' : '微信登录失败，请重新进入小程序'
    throw new AppError(401, 'WECHAT_LOGIN_FAILED', message)
  }
  return { openid: body.openid, sessionKey: body.session_key, unionid: body.unionid ?? null }
}
