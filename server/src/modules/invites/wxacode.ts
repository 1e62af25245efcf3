// An invite as a mini-program code (DESIGN.md §5): wxacode.getUnlimited with the invite code as
// `scene`, opening the join page, which reads the scene and fills the code in. Made once per
// invite and mini-program version and kept in file storage (WeChat limits how often it is asked).
import type { AppContext } from '../../context'
import { AppError, conflict } from '../../lib/errors'
import { STALE_TOKEN, wechatAccessToken } from '../../lib/wechat-token'
import type { Actor } from '../auth/actor'
import { inviteForManager } from './service'

/** The page the code opens, without a leading slash (as WeChat wants it). */
export const JOIN_PAGE = 'packages/account/pages/join/index'

const ENV_VERSION = { formal: 'release', trial: 'trial', developer: 'develop' } as const

export interface Wxacode {
  data: Buffer
  contentType: 'image/png' | 'image/jpeg'
}

const isPng = (data: Buffer) => data.subarray(0, 4).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47]))

export async function inviteWxacode(ctx: AppContext, actor: Actor, inviteId: string): Promise<Wxacode> {
  const invite = await inviteForManager(ctx, actor, inviteId)
  if (!invite.usable) throw conflict('邀请码已失效，不能再生成小程序码')
  const { appid, secret, apiBase, state } = ctx.config.wx
  if (!appid || !secret) throw new AppError(503, 'WECHAT_UNAVAILABLE', '服务器没有配置微信小程序（WX_APPID、WX_SECRET），不能生成小程序码；可以把邀请码发给家长')
  const envVersion = ENV_VERSION[state]
  const key = `wxacode/${invite.id}-${envVersion}`
  const kept = await ctx.storage.get(key)
  if (kept) return { data: kept, contentType: isPng(kept) ? 'image/png' : 'image/jpeg' }

  const app = { appid, secret, apiBase }
  const ask = async (token: string) =>
    fetch(`${apiBase}/wxa/getwxacodeunlimit?access_token=${encodeURIComponent(token)}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      // check_path false: the code works before the page is published (trial, develop)
      body: JSON.stringify({ scene: invite.code, page: JOIN_PAGE, check_path: false, env_version: envVersion, width: 430 }),
      signal: AbortSignal.timeout(8000),
    })
  let data: Buffer | null = null
  let errcode: number | null = null
  try {
    let res = await ask(await wechatAccessToken(app, false, () => ctx.clock.now()))
    let failure = await errorOf(res)
    if (failure && STALE_TOKEN.has(failure.errcode)) {
      res = await ask(await wechatAccessToken(app, true, () => ctx.clock.now()))
      failure = await errorOf(res)
    }
    errcode = failure?.errcode ?? null
    if (!failure && res.ok) data = Buffer.from(await res.arrayBuffer())
  } catch {
    // unreachable or timed out: said below
  }
  if (!data?.length) {
    throw new AppError(502, 'WECHAT_UNAVAILABLE', `微信暂时无法生成小程序码，请稍后重试${errcode ? `（微信错误码 ${errcode}）` : ''}`)
  }
  await ctx.storage.put(key, data)
  return { data, contentType: isPng(data) ? 'image/png' : 'image/jpeg' }
}

/** WeChat answers an image, or JSON with errcode when it refuses. */
async function errorOf(res: Response): Promise<{ errcode: number; errmsg: string } | null> {
  if (!(res.headers.get('content-type') ?? '').includes('json')) return null
  const body = (await res.clone().json()) as { errcode?: number; errmsg?: string }
  return body.errcode ? { errcode: body.errcode, errmsg: body.errmsg ?? '' } : null
}
