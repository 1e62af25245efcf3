// Background work runs in one job runner inside the server (DESIGN.md §6). A job is claimed
// through the database with a lease, so two server instances never run the same job at once;
// every job is idempotent, so a job cut short by a crash is simply run again.
import os from 'node:os'
import type { AppContext } from '../context'

export interface Job {
  name: string
  everyMs: number
  run(ctx: AppContext): Promise<unknown>
}

const OWNER = `${os.hostname()}:${process.pid}`

/** Takes the job's lease if it is free or expired. True when this instance may run it. */
export async function claimJob(ctx: AppContext, name: string, leaseMs: number, owner = OWNER): Promise<boolean> {
  const now = ctx.clock.now()
  const until = new Date(now.getTime() + leaseMs).toISOString()
  await ctx.db
    .insertInto('job_locks')
    .values({ name, locked_until: now.toISOString(), locked_by: '', last_run_at: null })
    .onConflict((oc) => oc.column('name').doNothing())
    .execute()
  const taken = await ctx.db
    .updateTable('job_locks')
    .set({ locked_until: until, locked_by: owner })
    .where('name', '=', name)
    .where('locked_until', '<=', now.toISOString())
    .executeTakeFirst()
  return Number(taken.numUpdatedRows) === 1
}

export async function releaseJob(ctx: AppContext, name: string, owner = OWNER): Promise<void> {
  const now = ctx.clock.now().toISOString()
  await ctx.db.updateTable('job_locks').set({ locked_until: now, last_run_at: now }).where('name', '=', name).where('locked_by', '=', owner).execute()
}

/** Runs a job now if its lease can be had. */
export async function runJobOnce(ctx: AppContext, job: Job, owner = OWNER): Promise<boolean> {
  if (!(await claimJob(ctx, job.name, Math.max(job.everyMs * 5, 60_000), owner))) return false
  try {
    await job.run(ctx)
  } finally {
    await releaseJob(ctx, job.name, owner)
  }
  return true
}

/** Runs every job once now, in order (each one whose lease is free), logging failures. */
export async function runJobsNow(ctx: AppContext, jobs: Job[], log: (err: unknown, name: string) => void): Promise<void> {
  for (const job of jobs) await runJobOnce(ctx, job).catch((err) => log(err, job.name))
}

/** Starts the loop; returns a function that stops it. */
export function startJobRunner(ctx: AppContext, jobs: Job[], log: (err: unknown, name: string) => void): () => Promise<void> {
  const timers: NodeJS.Timeout[] = []
  const running = new Set<Promise<unknown>>()
  for (const job of jobs) {
    const tick = () => {
      const p = runJobOnce(ctx, job)
        .catch((err) => log(err, job.name))
        .finally(() => running.delete(p))
      running.add(p)
    }
    timers.push(setInterval(tick, job.everyMs))
    setTimeout(tick, 1000).unref()
  }
  return async () => {
    timers.forEach(clearInterval)
    await Promise.allSettled([...running])
  }
}
