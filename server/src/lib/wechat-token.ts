// WeChat's server API access token (stable_token), kept in memory until shortly before it
// expires and shared by everything in this process that calls WeChat for the same app
// (subscribe messages, mini-program codes). stable_token hands every instance the same token,
// so several server instances do not invalidate each other's.
export interface WechatApp {
  appid: string
  secret: string
  apiBase: string
}

const tokens = new Map<string, { value: string; until: number }>()

/** The current token; `force` asks WeChat for a fresh one (after 40001/42001: it went stale). */
export async function wechatAccessToken(app: WechatApp, force = false, clock: () => Date = () => new Date()): Promise<string> {
  const key = `${app.apiBase}|${app.appid}`
  const kept = tokens.get(key)
  if (!force && kept && kept.until > clock().getTime()) return kept.value
  const res = await fetch(`${app.apiBase}/cgi-bin/stable_token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ grant_type: 'client_credential', appid: app.appid, secret: app.secret, force_refresh: force }),
    signal: AbortSignal.timeout(5000),
  })
  const body = (await res.json()) as { access_token?: string; expires_in?: number; errcode?: number; errmsg?: string }
  if (!body.access_token) throw new Error(`获取 access_token 失败：${body.errcode ?? res.status} ${body.errmsg ?? ''}`.trim())
  tokens.set(key, { value: body.access_token, until: clock().getTime() + ((body.expires_in ?? 7200) - 300) * 1000 })
  return body.access_token
}

/** The token went stale (another instance refreshed it, or it expired early): ask again once. */
export const STALE_TOKEN = new Set([40001, 42001])
