import type { Config } from '../config'
import type { AppContext } from '../context'
import { logTransport, sendDueMessages, type Transport } from '../modules/outbox/sender'
import { wechatTransport } from '../modules/outbox/wechat-transport'
import { closeShifts, detectOffPost, purgeTrails } from '../modules/attendance/jobs'
import { refreshStaleCoverage } from '../modules/coverage/maintain'
import { publishDue } from '../modules/notices/service'
import { escalateAlarms } from '../modules/alarms/service'
import { followUpBroadcasts } from '../modules/broadcasts/service'
import { regenerateAll } from '../modules/shifts/generation'
import { pushUnfilled, sendReminders } from '../modules/shifts/jobs'
import type { Job } from './runner'

export function coreJobs(transport: Transport): Job[] {
  return [
    { name: 'outbox.send', everyMs: 5_000, run: (ctx) => sendDueMessages(ctx, transport) },
    { name: 'shifts.generate', everyMs: 3_600_000, run: regenerateAll },
    { name: 'shifts.remind', everyMs: 60_000, run: sendReminders },
    { name: 'shifts.fill', everyMs: 15 * 60_000, run: pushUnfilled },
    { name: 'attendance.close', everyMs: 60_000, run: closeShifts },
    // check-ins mark their shifts; coverage reads refresh their own scope first, this keeps the rest close
    { name: 'coverage.refresh', everyMs: 10_000, run: (ctx: AppContext) => refreshStaleCoverage(ctx.db) },
    { name: 'attendance.offpost', everyMs: 30_000, run: detectOffPost },
    { name: 'attendance.purge', everyMs: 6 * 3_600_000, run: purgeTrails },
    { name: 'notices.publish', everyMs: 30_000, run: publishDue },
    // 1-3-5: a missed police acknowledgement is noticed within seconds of the 60 s mark.
    { name: 'alarms.escalate', everyMs: 5_000, run: escalateAlarms },
    // 远程广播: unconfirmed recipients alerted again each minute (three times), then listed for a call
    { name: 'broadcasts.follow-up', everyMs: 5_000, run: (ctx: AppContext) => followUpBroadcasts(ctx) },
    {
      name: 'sessions.purge',
      everyMs: 3_600_000,
      run: (ctx: AppContext) => ctx.db.deleteFrom('sessions').where('expires_at', '<', ctx.clock.now().toISOString()).execute(),
    },
  ]
}

/** WeChat subscribe messages when the server has WeChat credentials; otherwise the log. */
export function transportFor(config: Config, log: (line: string) => void): Transport {
  const { appid, secret } = config.wx
  if (!appid || !secret) return logTransport(log)
  return wechatTransport({
    appid,
    secret,
    apiBase: config.wx.apiBase,
    templates: {
      duty: config.wx.templates.duty ?? undefined,
      review: config.wx.templates.review ?? undefined,
      notice: config.wx.templates.notice ?? undefined,
      alarm: config.wx.templates.alarm ?? undefined,
    },
    fields: config.wx.templateFields,
    alarmFields: config.wx.alarmTemplateFields,
    state: config.wx.state,
  })
}
