// Process settings from environment variables, validated once at start (DESIGN.md §6).
import { randomBytes } from 'node:crypto'
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
  /** With the demo city, its term so far (shifts, check-ins, hazards, notices up to yesterday): on with DEMO unless DEMO_HISTORY=0. */
  demoHistory: boolean
  wx: {
    appid: string | null
    secret: string | null
    apiBase: string
    /** Subscribe-message template ids per category (from the mini-program console). */
    templates: { duty: string | null; review: string | null; notice: string | null; alarm: string | null }
    /** Template keys for title, body and time. */
    templateFields: [string, string, string]
    /** The alarm template's keys for place, content and time (一键报警, escalations, 远程广播). */
    alarmTemplateFields: [string, string, string]
    state: 'formal' | 'trial' | 'developer'
  }
  /** Built H5 app to serve at /, if present. */
  h5Dir: string | null
  sessionDays: number
  /** Which hop's X-Forwarded-For to believe (client IP for rate limits): none unless configured. */
  trustProxy: false | string[]
  /** Uploads per person in 24 hours. */
  uploadQuota: { files: number; bytes: number }
  /** Run the background job runner (off in most tests, which call jobs directly). */
  jobs: boolean
  logLevel: string
  /** Signs photo URLs (mini-program <Image> cannot send a token). Same on every instance. */
  secret: string
  /** TEST_CLOCK=1: a clock the end-to-end tests move (POST /api/test/clock). Never in production. */
  testClock: boolean
  /** 远程广播: seconds between re-alerts of someone who has not confirmed (60; tests set it small). */
  broadcastRealertSec: number
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
  const testClock = flag('TEST_CLOCK', env.TEST_CLOCK, false)
  if (production && testClock) throw new ConfigError('生产环境不能开启测试时钟（TEST_CLOCK）')
  const h5Dir = env.H5_DIR === '' ? null : path.resolve(root, env.H5_DIR ?? 'dist/h5')
  return {
    port: int('PORT', env.PORT, 3000, 0, 65535),
    host: env.HOST || '0.0.0.0',
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: path.resolve(root, env.DATA_DIR || 'data'),
    production,
    demo,
    demoHistory: demo && flag('DEMO_HISTORY', env.DEMO_HISTORY, true),
    wx: {
      appid,
      secret,
      apiBase: (env.WX_API_BASE || 'https://api.weixin.qq.com').replace(/\/$/, ''),
      templates: {
        duty: env.WX_TEMPLATE_DUTY || null,
        review: env.WX_TEMPLATE_REVIEW || null,
        notice: env.WX_TEMPLATE_NOTICE || null,
        alarm: env.WX_TEMPLATE_ALARM || null,
      },
      templateFields: templateFields(env.WX_TEMPLATE_FIELDS),
      alarmTemplateFields: templateFields(env.WX_TEMPLATE_ALARM_FIELDS, 'WX_TEMPLATE_ALARM_FIELDS'),
      state: miniprogramState(env.WX_MINIPROGRAM_STATE),
    },
    h5Dir,
    sessionDays: int('SESSION_DAYS', env.SESSION_DAYS, 30, 1, 365),
    trustProxy: trustProxyFrom(env.TRUST_PROXY),
    uploadQuota: {
      files: int('UPLOAD_FILES_PER_DAY', env.UPLOAD_FILES_PER_DAY, 100, 1, 100_000),
      bytes: int('UPLOAD_MB_PER_DAY', env.UPLOAD_MB_PER_DAY, 200, 1, 100_000) * 1024 * 1024,
    },
    jobs: flag('JOBS', env.JOBS, true),
    logLevel: env.LOG_LEVEL || (production ? 'info' : 'warn'),
    secret: secretFrom(env.SECRET, production),
    testClock,
    broadcastRealertSec: int('BROADCAST_REALERT_SEC', env.BROADCAST_REALERT_SEC, 60, 1, 3600),
  }
}

/**
 * TRUST_PROXY: unset = no proxy is trusted (the socket's address is the client); otherwise a
 * comma-separated list of the proxies' addresses or CIDRs (or loopback, linklocal, uniquelocal).
 * Never "trust every hop": anyone could then choose their own address with X-Forwarded-For and
 * walk past the login rate limit.
 */
function trustProxyFrom(value: string | undefined): false | string[] {
  if (!value) return false
  const list = value
    .split(',')
    .map((v) => v.trim())
    .filter(Boolean)
  const ok = (v: string) => ['loopback', 'linklocal', 'uniquelocal'].includes(v) || /^[0-9a-fA-F.:]+(\/\d{1,3})?$/.test(v)
  if (list.length === 0 || !list.every(ok)) {
    throw new ConfigError(`环境变量 TRUST_PROXY 应为代理的地址（如 127.0.0.1、10.0.0.0/8、loopback，多个用逗号分隔），收到 "${value}"`)
  }
  return list
}

function templateFields(value: string | undefined, name = 'WX_TEMPLATE_FIELDS'): [string, string, string] {
  const fields = (value || 'thing1,thing2,time3').split(',').map((f) => f.trim())
  if (fields.length !== 3 || fields.some((f) => !/^[a-z_]+\d+$/.test(f))) {
    throw new ConfigError(`环境变量 ${name} 应为三个模板字段名，如 thing1,thing2,time3，收到 "${value}"`)
  }
  return fields as [string, string, string]
}

function miniprogramState(value: string | undefined): 'formal' | 'trial' | 'developer' {
  if (!value) return 'formal'
  if (value === 'formal' || value === 'trial' || value === 'developer') return value
  throw new ConfigError(`环境变量 WX_MINIPROGRAM_STATE 应为 formal、trial 或 developer，收到 "${value}"`)
}

function secretFrom(value: string | undefined, production: boolean): string {
  if (value && value.length >= 32) return value
  if (value) throw new ConfigError('环境变量 SECRET 至少 32 个字符')
  if (production) throw new ConfigError('生产环境必须设置 SECRET（至少 32 个字符，各实例相同）')
  // development: a fresh secret per start (signed photo links then last one server run)
  return randomBytes(32).toString('hex')
}
