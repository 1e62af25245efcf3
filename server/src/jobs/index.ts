import type { AppContext } from '../context'
import { sendDueMessages, type Transport } from '../modules/outbox/sender'
import type { Job } from './runner'

export function coreJobs(transport: Transport): Job[] {
  return [
    { name: 'outbox.send', everyMs: 5_000, run: (ctx) => sendDueMessages(ctx, transport) },
    {
      name: 'sessions.purge',
      everyMs: 3_600_000,
      run: (ctx: AppContext) => ctx.db.deleteFrom('sessions').where('expires_at', '<', ctx.clock.now().toISOString()).execute(),
    },
  ]
}
