// Sends outbox messages as WeChat subscribe messages (订阅消息), with the process's shared access
// token (lib/wechat-token). Template ids come from configuration, one per category of message;
// each template is expected to have the fields named in `fields`.
import { formatLocal } from '@/domain/time'
import { STALE_TOKEN, wechatAccessToken, type WechatApp } from '../../lib/wechat-token'
import { PermanentSendError, type OutboxRow, type Transport } from './sender'

export type MessageCategory = 'duty' | 'review' | 'notice' | 'alarm'

export interface SubscribeSettings extends WechatApp {
  templates: Partial<Record<MessageCategory, string>>
  /** Template keys for title, body and time, e.g. ['thing1', 'thing2', 'time3']. */
  fields: [string, string, string]
  /**
   * The alarm template's keys for place, content and time (报警地点, 报警内容, 报警时间), e.g.
   * ['thing1', 'thing2', 'time3']: 一键报警, its escalations and 远程广播. Defaults to `fields`.
   */
  alarmFields?: [string, string, string]
  /** formal | trial | developer: which version of the mini-program the message opens */
  state: 'formal' | 'trial' | 'developer'
}

export function categoryOf(kind: string): MessageCategory {
  if (kind.startsWith('alarm.') || kind.startsWith('broadcast.')) return 'alarm'
  if (kind.startsWith('membership.')) return 'review'
  if (kind.startsWith('shift.') || kind.startsWith('signup.') || kind.startsWith('swap.') || kind.startsWith('duty.')) return 'duty'
  return 'notice'
}

// thing.DATA holds at most 20 characters.
const clip = (text: string, max = 20) => (text.length > max ? `${text.slice(0, max - 1)}…` : text)

// 43101: the user has no subscription left for this template; 40003: bad openid; 40037: bad template.
const PERMANENT = new Set([43101, 40003, 40037, 47003])

export function wechatTransport(settings: SubscribeSettings, clock: () => Date = () => new Date()): Transport {
  const accessToken = (force = false) => wechatAccessToken(settings, force, clock)

  async function send(m: OutboxRow, retried = false): Promise<void> {
    const templateId = settings.templates[categoryOf(m.kind)]
    if (!templateId) throw new PermanentSendError(`未配置「${categoryOf(m.kind)}」类订阅消息模板`)
    if (!m.openid) throw new PermanentSendError('该用户未绑定微信')
    const category = categoryOf(m.kind)
    const [titleKey, bodyKey, timeKey] = category === 'alarm' ? (settings.alarmFields ?? settings.fields) : settings.fields
    // The alarm template's first field is the place (the school, or the station for a broadcast).
    const first = category === 'alarm' && typeof m.payload.place === 'string' ? `${m.title} · ${m.payload.place}` : m.title
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
          [titleKey]: { value: clip(first) },
          [bodyKey]: { value: clip(m.body) },
          [timeKey]: { value: formatLocal(m.createdAt) },
        },
      }),
      signal: AbortSignal.timeout(5000),
    })
    const body = (await res.json()) as { errcode?: number; errmsg?: string }
    if (!body.errcode) return
    // 40001/42001: the token went stale (another instance refreshed it): fetch anew once.
    if (STALE_TOKEN.has(body.errcode) && !retried) {
      await accessToken(true)
      return send(m, true)
    }
    const text = `微信返回 ${body.errcode} ${body.errmsg ?? ''}`.trim()
    if (PERMANENT.has(body.errcode)) throw new PermanentSendError(body.errcode === 43101 ? `用户未订阅该消息（${text}）` : text)
    throw new Error(text)
  }

  return { name: 'wechat', send: (m) => send(m) }
}
