// Posts, shift templates, the term calendar and the school's settings. Every change to templates
// or the calendar regenerates the school's future shifts.
import type { CalendarDay, PostInput, ShiftTemplate, TemplateInput } from '@/types/shifts'
import { SHIFT_ROLES } from '@/types/shifts'
import { settingsFrom, type SchoolSettings } from '@/domain/settings'
import { templateProblem } from '@/domain/shifts'
import type { AppContext } from '../../context'
import { badRequest, notFound } from '../../lib/errors'
import { newId } from '../../lib/ids'
import type { Actor } from '../auth/actor'
import { requireSchool } from './access'
import { regenerateSchoolIn } from './generation'
import { getTemplate, listCalendar, listTemplates, schoolSettings } from './repository'

export async function createPost(ctx: AppContext, actor: Actor, schoolId: string, input: PostInput) {
  await requireSchool(ctx, actor, schoolId, 'shift.manage')
  const id = newId()
  await ctx.db
    .insertInto('posts')
    .values({ id, school_id: schoolId, name: input.name.trim(), lat: input.lat, lng: input.lng, radius_m: input.radiusM, active: 1, created_at: ctx.clock.now().toISOString() })
    .execute()
  return { id, schoolId, name: input.name.trim(), lat: input.lat, lng: input.lng, radiusM: input.radiusM }
}

export async function updatePost(ctx: AppContext, actor: Actor, postId: string, patch: Partial<PostInput>) {
  const post = await ctx.db.selectFrom('posts').selectAll().where('id', '=', postId).executeTakeFirst()
  if (!post) throw notFound('岗点不存在')
  await requireSchool(ctx, actor, post.school_id, 'shift.manage')
  const set = {
    ...(patch.name !== undefined ? { name: patch.name.trim() } : {}),
    ...(patch.lat !== undefined ? { lat: patch.lat } : {}),
    ...(patch.lng !== undefined ? { lng: patch.lng } : {}),
    ...(patch.radiusM !== undefined ? { radius_m: patch.radiusM } : {}),
  }
  if (Object.keys(set).length > 0) await ctx.db.updateTable('posts').set(set).where('id', '=', postId).execute()
  const row = await ctx.db.selectFrom('posts').selectAll().where('id', '=', postId).executeTakeFirstOrThrow()
  return { id: row.id, schoolId: row.school_id, name: row.name, lat: Number(row.lat), lng: Number(row.lng), radiusM: row.radius_m }
}

async function checkTemplate(ctx: AppContext, schoolId: string, input: TemplateInput) {
  const problem = templateProblem(input)
  if (problem) throw badRequest(problem.message, problem.field)
  const post = await ctx.db.selectFrom('posts').select(['school_id']).where('id', '=', input.postId).executeTakeFirst()
  if (!post || post.school_id !== schoolId) throw badRequest('岗点不属于该校', 'postId')
}

function templateValues(input: TemplateInput) {
  return {
    post_id: input.postId,
    name: input.name.trim(),
    weekdays: [...new Set(input.weekdays)].sort().join(','),
    start_time: input.startTime,
    end_time: input.endTime,
    headcount: JSON.stringify(Object.fromEntries(SHIFT_ROLES.map((r) => [r, input.headcount[r] ?? 0]))),
    term_start: input.termStart,
    term_end: input.termEnd,
  }
}

export async function getTemplates(ctx: AppContext, actor: Actor, schoolId: string): Promise<ShiftTemplate[]> {
  await requireSchool(ctx, actor, schoolId, 'shift.manage')
  return listTemplates(ctx.db, schoolId)
}

export async function createTemplate(ctx: AppContext, actor: Actor, schoolId: string, input: TemplateInput): Promise<ShiftTemplate> {
  await requireSchool(ctx, actor, schoolId, 'shift.manage')
  await checkTemplate(ctx, schoolId, input)
  const id = newId()
  const now = ctx.clock.now().toISOString()
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('shift_templates')
      .values({ id, school_id: schoolId, ...templateValues(input), active: 1, created_by: actor.personId, created_at: now, updated_at: now })
      .execute()
    await regenerateSchoolIn(ctx, trx, schoolId)
  })
  return (await getTemplate(ctx.db, id))!
}

export async function updateTemplate(ctx: AppContext, actor: Actor, templateId: string, input: TemplateInput & { active: boolean }): Promise<ShiftTemplate> {
  const current = await getTemplate(ctx.db, templateId)
  if (!current) throw notFound('排班模板不存在')
  await requireSchool(ctx, actor, current.schoolId, 'shift.manage')
  await checkTemplate(ctx, current.schoolId, input)
  // the template and the shifts it makes or moves commit together
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('shift_templates')
      .set({ ...templateValues(input), active: input.active ? 1 : 0, updated_at: ctx.clock.now().toISOString() })
      .where('id', '=', templateId)
      .execute()
    await regenerateSchoolIn(ctx, trx, current.schoolId)
  })
  return (await getTemplate(ctx.db, templateId))!
}

export async function getCalendar(ctx: AppContext, actor: Actor, schoolId: string): Promise<CalendarDay[]> {
  await requireSchool(ctx, actor, schoolId, 'school.view')
  return listCalendar(ctx.db, schoolId)
}

export async function setCalendarDay(ctx: AppContext, actor: Actor, schoolId: string, day: CalendarDay): Promise<CalendarDay[]> {
  await requireSchool(ctx, actor, schoolId, 'shift.manage')
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('school_calendar')
      .values({ school_id: schoolId, date: day.date, kind: day.kind, note: day.note.trim(), as_weekday: day.kind === 'makeup' ? day.asWeekday : null })
      .onConflict((oc) => oc.columns(['school_id', 'date']).doUpdateSet({ kind: day.kind, note: day.note.trim(), as_weekday: day.kind === 'makeup' ? day.asWeekday : null }))
      .execute()
    await regenerateSchoolIn(ctx, trx, schoolId)
  })
  return listCalendar(ctx.db, schoolId)
}

export async function deleteCalendarDay(ctx: AppContext, actor: Actor, schoolId: string, date: string): Promise<CalendarDay[]> {
  await requireSchool(ctx, actor, schoolId, 'shift.manage')
  await ctx.db.transaction().execute(async (trx) => {
    await trx.deleteFrom('school_calendar').where('school_id', '=', schoolId).where('date', '=', date).execute()
    await regenerateSchoolIn(ctx, trx, schoolId)
  })
  return listCalendar(ctx.db, schoolId)
}

export async function getSettings(ctx: AppContext, actor: Actor, schoolId: string): Promise<SchoolSettings> {
  await requireSchool(ctx, actor, schoolId, 'school.view')
  return schoolSettings(ctx.db, schoolId)
}

export async function updateSettings(ctx: AppContext, actor: Actor, schoolId: string, patch: Partial<SchoolSettings>): Promise<SchoolSettings> {
  await requireSchool(ctx, actor, schoolId, 'shift.manage')
  const next = settingsFrom({ ...(await schoolSettings(ctx.db, schoolId)), ...patch })
  await ctx.db
    .updateTable('schools')
    .set({ settings: JSON.stringify(next) })
    .where('id', '=', schoolId)
    .execute()
  return next
}
