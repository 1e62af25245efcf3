// Keeps each school's future shifts in line with its templates and term calendar over a rolling
// window. Idempotent: the plan of an up-to-date school is empty. Signups survive edits; the
// people on a shift whose time changed or that was cancelled are told through the outbox.
import { generateShifts, generationWindow, LIVE_SIGNUP_STATUSES, planRegeneration, type ExistingShift } from '@/domain/shifts'
import type { Transaction } from 'kysely'
import type { AppContext } from '../../context'
import type { Database } from '../../db/schema'
import { newId } from '../../lib/ids'
import { enqueue, type OutgoingMessage } from '../outbox/outbox'
import { refreshCoverageInWrite } from '../coverage/in-write'
import { listCalendar, listTemplates, parseHeadcount, toTemplateRule } from './repository'
import { PAGES } from '@/types/pages'

export interface GenerationResult {
  created: number
  updated: number
  cancelled: number
  restored: number
}

/** Brings one school's future shifts in line, in a transaction of its own (the job). */
export async function regenerateSchool(ctx: AppContext, schoolId: string): Promise<GenerationResult> {
  return ctx.db.transaction().execute((trx) => regenerateSchoolIn(ctx, trx, schoolId))
}

/**
 * The same inside the caller's transaction: a template or calendar change, the shifts it makes or
 * moves, the messages to the people on them and the coverage summary commit together or not at all.
 */
export async function regenerateSchoolIn(ctx: AppContext, trx: Transaction<Database>, schoolId: string): Promise<GenerationResult> {
  const now = ctx.clock.now()
  const nowIso = now.toISOString()
  const window = generationWindow(now)
  const [templates, calendar] = await Promise.all([listTemplates(trx, schoolId), listCalendar(trx, schoolId)])
  const result: GenerationResult = { created: 0, updated: 0, cancelled: 0, restored: 0 }
  const touched: string[] = []
  const touch = (id: string) => {
    touched.push(id)
    return id
  }

  const existingRows = await trx.selectFrom('shifts').selectAll().where('school_id', '=', schoolId).where('starts_at', '>', nowIso).where('date', '<=', window.to).execute()
  const messages: OutgoingMessage[] = []
  const tell = async (shiftIds: string[], kind: 'shift.changed' | 'shift.cancelled', describe: (id: string) => string, stamp: string) => {
    if (shiftIds.length === 0) return
    const people = await trx.selectFrom('signups').select(['shift_id', 'person_id']).where('shift_id', 'in', shiftIds).where('status', 'in', LIVE_SIGNUP_STATUSES).execute()
    for (const p of people) {
      messages.push({
        personId: p.person_id,
        schoolId: schoolId,
        kind,
        title: kind === 'shift.cancelled' ? '班次已取消' : '班次时间有变动',
        body: describe(p.shift_id),
        payload: { page: PAGES.myShifts, shiftId: p.shift_id },
        dedupeKey: `${kind}:${p.shift_id}:${p.person_id}:${stamp}`,
      })
    }
  }

  for (const template of templates) {
    const existing: ExistingShift[] = existingRows
      .filter((r) => r.template_id === template.id)
      .map((r) => ({
        id: r.id,
        templateId: r.template_id,
        postId: r.post_id,
        date: r.date,
        startTime: r.start_time,
        endTime: r.end_time,
        headcount: parseHeadcount(r.headcount),
        status: r.status,
      }))
    const drafts = generateShifts(toTemplateRule(template), calendar, window.from, window.to).filter((d) => d.startsAt > nowIso)
    const plan = planRegeneration(existing, drafts)

    if (plan.create.length > 0) {
      await trx
        .insertInto('shifts')
        .values(
          plan.create.map((d) => ({
            id: touch(newId()),
            school_id: schoolId,
            post_id: d.postId,
            template_id: d.templateId,
            date: d.date,
            start_time: d.startTime,
            end_time: d.endTime,
            starts_at: d.startsAt,
            ends_at: d.endsAt,
            headcount: JSON.stringify(d.headcount),
            status: 'scheduled',
            created_at: nowIso,
            updated_at: nowIso,
          })),
        )
        // a concurrent run (another instance) may have made the same shift: the unique
        // (template, date) keeps one
        .onConflict((oc) => oc.columns(['template_id', 'date']).doNothing())
        .execute()
    }
    touched.push(...plan.update.map((u) => u.id), ...plan.restore.map((r) => r.id), ...plan.cancel)
    for (const u of [...plan.update, ...plan.restore.map((r) => ({ ...r, timeChanged: false }))]) {
      await trx
        .updateTable('shifts')
        .set({
          post_id: u.draft.postId,
          start_time: u.draft.startTime,
          end_time: u.draft.endTime,
          starts_at: u.draft.startsAt,
          ends_at: u.draft.endsAt,
          headcount: JSON.stringify(u.draft.headcount),
          status: 'scheduled',
          updated_at: nowIso,
        })
        .where('id', '=', u.id)
        .execute()
    }
    const moved = plan.update.filter((u) => u.timeChanged)
    await tell(
      moved.map((u) => u.id),
      'shift.changed',
      (id) => {
        const d = moved.find((u) => u.id === id)!.draft
        return `${template.name}（${template.postName}）${d.date} 的班次改为 ${d.startTime}–${d.endTime}，你的报名保留`
      },
      nowIso,
    )
    if (plan.cancel.length > 0) {
      const cancelled = existingRows.filter((r) => plan.cancel.includes(r.id))
      await tell(
        plan.cancel,
        'shift.cancelled',
        (id) => {
          const r = cancelled.find((c) => c.id === id)!
          return `${template.name}（${template.postName}）${r.date} ${r.start_time}–${r.end_time} 的班次已取消，无需到岗`
        },
        'once',
      )
      await trx.updateTable('shifts').set({ status: 'cancelled', updated_at: nowIso }).where('id', 'in', plan.cancel).execute()
      await trx.updateTable('signups').set({ status: 'cancelled', updated_at: nowIso }).where('shift_id', 'in', plan.cancel).where('status', 'in', LIVE_SIGNUP_STATUSES).execute()
    }
    result.created += plan.create.length
    result.updated += plan.update.length
    result.cancelled += plan.cancel.length
    result.restored += plan.restore.length
  }
  await enqueue(trx, nowIso, messages)
  await refreshCoverageInWrite(trx, ctx.engine, touched)
  return result
}

/** The scheduled job: every school with templates. */
export async function regenerateAll(ctx: AppContext): Promise<GenerationResult> {
  const schools = await ctx.db.selectFrom('shift_templates').select('school_id').distinct().execute()
  const total: GenerationResult = { created: 0, updated: 0, cancelled: 0, restored: 0 }
  for (const { school_id } of schools) {
    const r = await regenerateSchool(ctx, school_id)
    total.created += r.created
    total.updated += r.updated
    total.cancelled += r.cancelled
    total.restored += r.restored
  }
  return total
}
