// The WeChat build calls the API at TARO_APP_API_BASE (the H5 build calls its own origin). A
// production WeChat build without it, or with a non-HTTPS address, would ship an app that cannot
// reach any server: the build stops with a clear message instead.

/** The problem with the API base of a production WeChat build, or null when it is usable. */
export function weappApiBaseProblem(env: Record<string, string | undefined>): string | null {
  if (env.TARO_ENV !== 'weapp' || env.NODE_ENV === 'development') return null
  const base = env.TARO_APP_API_BASE?.trim()
  const how =
    '例如 TARO_APP_API_BASE=https://api.your-domain.cn npm run build:weapp（须是小程序后台「服务器域名」中配置的 request 合法域名）。' +
    ' / Set it, e.g. TARO_APP_API_BASE=https://api.your-domain.cn npm run build:weapp (a request domain configured in the WeChat console).'
  if (!base) return `小程序正式构建需要 API 地址 TARO_APP_API_BASE。/ The production WeChat build needs TARO_APP_API_BASE. ${how}`
  let url: URL
  try {
    url = new URL(base)
  } catch {
    return `TARO_APP_API_BASE 不是有效的网址：${base}。/ TARO_APP_API_BASE is not a valid URL: ${base}. ${how}`
  }
  if (url.protocol !== 'https:')
    return `TARO_APP_API_BASE 必须是 https 地址（微信只允许 HTTPS）：${base}。/ TARO_APP_API_BASE must be https (WeChat allows HTTPS only): ${base}. ${how}`
  return null
}

export function assertWeappApiBase(env: Record<string, string | undefined>): void {
  const problem = weappApiBaseProblem(env)
  if (problem) throw new Error(problem)
}
