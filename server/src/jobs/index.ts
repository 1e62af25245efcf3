import type { AppContext } from '../context'
import { sendDueMessages, type Transport } from '../modules/outbox/sender'
import { regenerateAll } from '../modules/shifts/generation'
import { pushUnfilled, sendReminders } from '../modules/shifts/jobs'
import type { Job } from './runner'

export function coreJobs(transport: Transport): Job[] {
  return [
    { name: 'outbox.send', everyMs: 5_000, run: (ctx) => sendDueMessages(ctx, transport) },
    { name: 'shifts.generate', everyMs: 3_600_000, run: regenerateAll },
    { name: 'shifts.remind', everyMs: 60_000, run: sendReminders },
    { name: 'shifts.fill', everyMs: 15 * 60_000, run: pushUnfilled },
    {
      name: 'sessions.purge',
      everyMs: 3_600_000,
      run: (ctx: AppContext) => ctx.db.deleteFrom('sessions').where('expires_at', '<', ctx.clock.now().toISOString()).execute(),
    },
  ]
}
