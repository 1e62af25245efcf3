// Process settings from environment variables, validated once at start (DESIGN.md §6).
import path from 'node:path'

export interface Config {
  port: number
  host: string
  databaseUrl: string | undefined
  /** Where SQLite's file and uploads live when DATABASE_URL does not say otherwise. */
  dataDir: string
  production: boolean
  /** Demo login and the seeded demo city: on unless NODE_ENV=production (or DEMO=0). */
  demo: boolean
  wx: { appid: string | null; secret: string | null; apiBase: string }
  /** Built H5 app to serve at /, if present. */
  h5Dir: string | null
  sessionDays: number
  /** Run the background job runner (off in most tests, which call jobs directly). */
  jobs: boolean
  logLevel: string
}

export class ConfigError extends Error {}

function int(name: string, value: string | undefined, fallback: number, min: number, max: number): number {
  if (value === undefined || value === '') return fallback
  const n = Number(value)
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new ConfigError(`环境变量 ${name} 应为 ${min}–${max} 之间的整数，收到 "${value}"`)
  }
  return n
}

function flag(name: string, value: string | undefined, fallback: boolean): boolean {
  if (value === undefined || value === '') return fallback
  if (['1', 'true', 'yes', 'on'].includes(value)) return true
  if (['0', 'false', 'no', 'off'].includes(value)) return false
  throw new ConfigError(`环境变量 ${name} 应为 1/0 或 true/false，收到 "${value}"`)
}

export function loadConfig(env: NodeJS.ProcessEnv, root = process.cwd()): Config {
  const production = env.NODE_ENV === 'production'
  const appid = env.WX_APPID || null
  const secret = env.WX_SECRET || null
  if (production && (!appid || !secret)) {
    throw new ConfigError('生产环境必须设置 WX_APPID 与 WX_SECRET')
  }
  const demo = flag('DEMO', env.DEMO, !production)
  if (production && demo) throw new ConfigError('生产环境不能开启演示登录（DEMO）')
  const h5Dir = env.H5_DIR === '' ? null : path.resolve(root, env.H5_DIR ?? 'dist/h5')
  return {
    port: int('PORT', env.PORT, 3000, 0, 65535),
    host: env.HOST || '0.0.0.0',
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: path.resolve(root, env.DATA_DIR || 'data'),
    production,
    demo,
    wx: { appid, secret, apiBase: (env.WX_API_BASE || 'https://api.weixin.qq.com').replace(/\/$/, '') },
    h5Dir,
    sessionDays: int('SESSION_DAYS', env.SESSION_DAYS, 30, 1, 365),
    jobs: flag('JOBS', env.JOBS, true),
    logLevel: env.LOG_LEVEL || (production ? 'info' : 'warn'),
  }
}
