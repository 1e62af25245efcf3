// WeChat's code2Session (jscode2session): the app's `Taro.login` code for an openid and a
// session_key. The base URL is configurable so that tests run it against a local fake.
import { isMobilePhone } from '@/domain/phone'
import { AppError } from '../../lib/errors'
import { STALE_TOKEN, wechatAccessToken } from '../../lib/wechat-token'

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

/**
 * The phone number a person chose to share through the getPhoneNumber button: its one-time code
 * exchanged with WeChat (getuserphonenumber). Mainland numbers only, as the rest of the app.
 */
export async function wechatPhoneNumber(wx: WechatSettings, code: string, clock: () => Date = () => new Date()): Promise<string> {
  if (!wx.appid || !wx.secret) throw new AppError(503, 'WECHAT_UNAVAILABLE', '服务器没有配置微信小程序（WX_APPID、WX_SECRET），请手动填写手机号')
  const app = { appid: wx.appid, secret: wx.secret, apiBase: wx.apiBase }
  type Answer = { errcode?: number; errmsg?: string; phone_info?: { purePhoneNumber?: string; countryCode?: string } }
  const ask = async (force: boolean): Promise<Answer> => {
    const token = await wechatAccessToken(app, force, clock)
    const res = await fetch(`${wx.apiBase}/wxa/business/getuserphonenumber?access_token=${encodeURIComponent(token)}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code }),
      signal: AbortSignal.timeout(5000),
    })
    return (await res.json()) as Answer
  }
  let body: Answer
  try {
    body = await ask(false)
    if (body.errcode && STALE_TOKEN.has(body.errcode)) body = await ask(true)
  } catch {
    throw new AppError(502, 'WECHAT_UNAVAILABLE', '微信暂时无法提供手机号，请稍后重试或手动填写')
  }
  // 40029: the code is invalid or was used already (each tap gives a new one)
  if (body.errcode) throw new AppError(400, 'BAD_REQUEST', '手机号授权已失效，请重新点击或手动填写', 'code')
  const phone = body.phone_info?.purePhoneNumber ?? ''
  if ((body.phone_info?.countryCode ?? '86') !== '86' || !isMobilePhone(phone)) throw new AppError(400, 'BAD_REQUEST', '只支持中国大陆手机号，请手动填写', 'code')
  return phone
}
