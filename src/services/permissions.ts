// What a failed private API call means, and what to offer (DESIGN.md §5). Two different refusals:
// - the privacy agreement (隐私保护指引) was refused: 去设置 cannot help; say so and offer the
//   agreement again (WeChat shows it again on the next call of a private API);
// - the permission itself (位置, 相册, 摄像头) was refused: only WeChat's settings can undo it,
//   opened from a tap (Taro.openSetting).
import Taro from '@tarojs/taro'

export type PermissionProblem = 'privacy' | 'denied'

/** 'privacy', 'denied', or null for any other failure (cancelled, no signal, …). */
export function permissionProblemOf(error: unknown): PermissionProblem | null {
  const e = error as { errMsg?: string; message?: string; errno?: number } | null
  const text = String(e?.errMsg ?? e?.message ?? '')
  // errno 104: the person has not agreed to the privacy agreement; 112: the API is not declared in it
  if (e?.errno === 104 || e?.errno === 112 || /privacy/i.test(text)) return 'privacy'
  // errno 103: the scope was refused; WeChat's texts: "auth deny", "auth denied", "authorize no response"
  if (e?.errno === 103 || /auth ?den(y|ied)|authorize|permission denied/i.test(text)) return 'denied'
  return null
}

/** The person closed a picker or a dialog: nothing to say. */
export function isCancelled(error: unknown): boolean {
  return /cancel/i.test(String((error as { errMsg?: string } | null)?.errMsg ?? ''))
}

export const PRIVACY_REFUSED = '你没有同意《护学岗隐私保护指引》，所以这一步无法进行。'

/**
 * Tells the person what happened after a refusal, from the modal's tap: for a refused permission
 * the way to WeChat's settings; for a refused agreement the agreement again (`retry`).
 * `what` names the permission in Chinese (位置, 相册, 相机和相册).
 */
export async function explainRefusal(problem: PermissionProblem, what: string, why: string, retry: () => unknown): Promise<void> {
  if (problem === 'privacy') {
    const res = await Taro.showModal({ title: '未同意隐私保护指引', content: `${PRIVACY_REFUSED}${why}，需要同意后使用${what}。`, confirmText: '再看一次', cancelText: '取消' })
    if (res.confirm) await retry()
    return
  }
  const res = await Taro.showModal({ title: `需要${what}权限`, content: `${why}，请在设置中允许护学岗使用${what}。`, confirmText: '去设置', cancelText: '取消' })
  if (res.confirm) await Taro.openSetting({})
}
