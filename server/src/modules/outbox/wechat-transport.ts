// Sends outbox messages as WeChat subscribe messages (订阅消息). A stable access token is kept
// in memory until shortly before it expires. Template ids come from configuration, one per
// category of message; each template is expected to have the fields named in `fields`.
import { formatLocal } from '../../../../domain/time'
import { PermanentSendError, type OutboxRow, type Transport } from './sender'

export type MessageCategory = 'duty' | 'review' | 'notice'

export interface SubscribeSettings {
  appid: string
  secret: string
  apiBase: string
  templates: Partial<Record<MessageCategory, string>>
  /** Template keys for title, body and time, e.g. ['thing1', 'thing2', 'time3']. */
  fields: [string, string, string]
  /** formal | trial | developer: which version of the mini-program the message opens */
  state: 'formal' | 'trial' | 'developer'
}

export function categoryOf(kind: string): MessageCategory {
  if (kind.startsWith('membership.')) return 'review'
  if (kind.startsWith('shift.') || kind.startsWith('signup.') || kind.startsWith('swap.') || kind.startsWith('duty.')) return 'duty'
  return 'notice'
}

// thing.DATA holds at most 20 characters.
const clip = (text: string, max = 20) => (text.length > max ? `${text.slice(0, max - 1)}…` : text)

// 43101: the user has no subscription left for this template; 40003: bad openid; 40037: bad template.
const PERMANENT = new Set([43101, 40003, 40037, 47003])

export function wechatTransport(settings: SubscribeSettings, clock: () => Date = () => new Date()): Transport {
  let token: { value: string; until: number } | null = null

  async function accessToken(force = false): Promise<string> {
    if (!force && token && token.until > clock().getTime()) return token.value
    const res = await fetch(`${settings.apiBase}/cgi-bin/stable_token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ grant_type: 'client_credential', appid: settings.appid, secret: settings.secret, force_refresh: force }),
      signal: AbortSignal.timeout(5000),
    })
    const body = (await res.json()) as { access_token?: string; expires_in?: number; errcode?: number; errmsg?: string }
    if (!body.access_token) throw new Error(`获取 access_token 失败：${body.errcode ?? res.status} ${body.errmsg ?? ''}`.trim())
    token = { value: body.access_token, until: clock().getTime() + ((body.expires_in ?? 7200) - 300) * 1000 }
    return token.value
  }

  async function send(m: OutboxRow, retried = false): Promise<void> {
    const templateId = settings.templates[categoryOf(m.kind)]
    if (!templateId) throw new PermanentSendError(`未配置「${categoryOf(m.kind)}」类订阅消息模板`)
    if (!m.openid) throw new PermanentSendError('该用户未绑定微信')
    const [titleKey, bodyKey, timeKey] = settings.fields
    const res = await fetch(`${settings.apiBase}/cgi-bin/message/subscribe/send?access_token=${encodeURIComponent(await accessToken())}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        touser: m.openid,
        template_id: templateId,
        page: typeof m.payload.page === 'string' ? m.payload.page.replace(/^\//, '') : 'pages/home/index',
        miniprogram_state: settings.state,
        lang: 'zh_CN',
        data: {
          [titleKey]: { value: clip(m.title) },
          [bodyKey]: { value: clip(m.body) },
          [timeKey]: { value: formatLocal(m.createdAt) },
        },
      }),
      signal: AbortSignal.timeout(5000),
    })
    const body = (await res.json()) as { errcode?: number; errmsg?: string }
    if (!body.errcode) return
    // 40001/42001: the token went stale (another instance refreshed it): fetch anew once.
    if ((body.errcode === 40001 || body.errcode === 42001) && !retried) {
      await accessToken(true)
      return send(m, true)
    }
    const text = `微信返回 ${body.errcode} ${body.errmsg ?? ''}`.trim()
    if (PERMANENT.has(body.errcode)) throw new PermanentSendError(body.errcode === 43101 ? `用户未订阅该消息（${text}）` : text)
    throw new Error(text)
  }

  return { name: 'wechat', send: (m) => send(m) }
}
