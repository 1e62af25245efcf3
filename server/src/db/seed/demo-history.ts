// The demo city's past: the term so far (every school day from the term's start up to yesterday,
// and today's shifts already over),
// lived through the same service functions people's taps go through — sign-ups, check-ins (some
// late, some from outside the fence with a reason), check-outs (some early, some forgotten),
// no-shows closed by the job, exceptions reviewed by the police, swaps, hazards in every state,
// notices with receipts, drills — on a clock the seed moves forward. Deterministic: every
// choice is a hash of what it is about (school, date, shift, person), so the same day always
// plays out the same way, whatever day the seed runs on.
import type { Role } from '@/types/org'
import type { Department } from '@/types/hazards'
import type { HazardLocationKind } from '@/types/bulletin'
import type { NoticeType } from '@/types/notices'
import { currentTerm } from '@/domain/term'
import { dayjs, localToInstant, local } from '@/domain/time'
import type { AppContext } from '../../context'
import type { Clock } from '../../lib/clock'
import { actorOfPerson, type Actor } from '../../modules/auth/actor'
import { checkIn, checkOut } from '../../modules/attendance/service'
import { closeShifts } from '../../modules/attendance/jobs'
import { listExceptions, reviewException } from '../../modules/attendance/board'
import { regenerateAll } from '../../modules/shifts/generation'
import { acceptSwap, offerSwap, signUp, updateSettings } from '../../modules/shifts/service'
import { applyTransition, categories, report } from '../../modules/hazards/service'
import { createInvite } from '../../modules/invites/service'
import { changeMembership, joinWithInvite } from '../../modules/memberships/service'
import { newId } from '../../lib/ids'
import { acknowledge, attend, createNotice, markRead, publishNotice, recordDrill, rsvp } from '../../modules/notices/service'

/** How likely a person is to take one of their school's shifts on a given day (others, the school's staff: 0.92). */
const SIGNUP_LIKELIHOOD: Partial<Record<Role, number>> = { volunteer: 0.5, police: 0.45 }

export interface HistoryFigures {
  days: number
  shifts: number
  signups: number
  checkIns: number
  hazards: number
  notices: number
  drills: number
  swaps: number
}

/** A number in [0, 1) from a text: the same text, the same number (FNV-1a, then a mulberry32 step). */
export function chance(key: string): number {
  let h = 0x811c9dc5
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i)
    h = Math.imul(h, 0x01000193)
  }
  let t = (h + 0x6d2b79f5) | 0
  t = Math.imul(t ^ (t >>> 15), t | 1)
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296
}

const MIN = 60_000
const PARENTS_PER_SCHOOL = 8
const SURNAMES = ['李', '王', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '徐', '孙', '胡', '朱', '高', '林', '何', '郭', '罗', '梁']
const GIVEN = ['晓梅', '建华', '秀英', '志刚', '丽娟', '海燕', '文军', '春霞', '国平', '雪莲', '红霞', '永强', '桂兰', '德胜', '美玲', '小军']

/** The school days of the term so far: weekdays from the term's start up to yesterday (local dates). */
export function pastSchoolDays(now: Date): string[] {
  const term = currentTerm(now)
  const yesterday = local(now).subtract(1, 'day').format('YYYY-MM-DD')
  const days: string[] = []
  for (let d = dayjs(term.start); d.format('YYYY-MM-DD') <= yesterday && d.format('YYYY-MM-DD') <= term.end; d = d.add(1, 'day')) {
    const weekday = d.day()
    if (weekday !== 0 && weekday !== 6) days.push(d.format('YYYY-MM-DD'))
  }
  return days
}

/** A point `m` metres north of a post (GCJ-02, as the phone would send it). */
const northOf = (p: { lat: number; lng: number }, m: number) => ({ lat: p.lat + m / 111_195, lng: p.lng })

const OUTSIDE_REASONS = ['南门施工，在对面路口值守', '校门口车辆太多，在路口疏导', '定位偏差，人在岗点']
const HAZARDS: { category: string; text: string; metres: number; location: HazardLocationKind }[] = [
  { category: '交通秩序', text: '校门口斑马线褪色，早高峰车辆不减速', metres: 40, location: 'around' },
  { category: '占道经营/流动摊贩', text: '放学时段流动摊贩占用人行道，学生只能走机动车道', metres: 70, location: 'around' },
  { category: '设施损坏', text: '教学楼东侧楼梯扶手松动，课间有学生倚靠', metres: 20, location: 'inside' },
  { category: '交通秩序', text: '接送车辆在校门两侧双排停车，堵住了消防通道', metres: 30, location: 'around' },
  { category: '设施损坏', text: '校门东侧护栏松动，有学生倚靠', metres: 25, location: 'around' },
  { category: '施工隐患', text: '校门对面工地围挡破损，放学时有学生钻进去', metres: 90, location: 'around' },
  { category: '其他', text: '操场排水沟盖板缺失，体育课时容易踩空', metres: 15, location: 'inside' },
  { category: '其他', text: '路口积水较深，下雨天学生绕行机动车道', metres: 60, location: 'around' },
]
const DEPARTMENT_OF: Record<string, Department> = {
  交通秩序: 'traffic_police',
  '占道经营/流动摊贩': 'urban_management',
  设施损坏: 'school',
  施工隐患: 'urban_management',
  其他: 'other',
}

/**
 * Plays the term so far on the demo city. `ctx.clock` gives today; the seed's own clock walks
 * from the term's start to yesterday. Returns what it made.
 */
export async function seedDemoHistory(ctx: AppContext): Promise<HistoryFigures> {
  const today = ctx.clock.now()
  const todayDate = local(today).format('YYYY-MM-DD')
  // Today's shifts that are already over belong to the past too (a demo opened in the afternoon
  // shows the morning as it went, not as a gate nobody stood at).
  const weekday = local(today).day()
  const days = [...pastSchoolDays(today), ...(weekday !== 0 && weekday !== 6 && todayDate >= currentTerm(today).start && todayDate <= currentTerm(today).end ? [todayDate] : [])]
  const figures: HistoryFigures = { days: days.length, shifts: 0, signups: 0, checkIns: 0, hazards: 0, notices: 0, drills: 0, swaps: 0 }
  if (days.length === 0) return figures

  let t = new Date(localToInstant(dayjs(days[0]).subtract(4, 'day').format('YYYY-MM-DD'), '20:00'))
  const clock: Clock = { now: () => t }
  const sim: AppContext = { ...ctx, clock }
  const at = (date: string, time: string, plusMin = 0) => new Date(new Date(localToInstant(date, time)).getTime() + plusMin * MIN)
  let keySeq = 0
  const key = (what: string) => `demo-history-${what}-${keySeq++}`

  // At the start of term each school's principal invited more parents, who joined with the code
  // and were approved: the gates need more than the four demo parents. They are people of the
  // city, not demo logins (is_demo 0), so the login list stays short.
  t = at(dayjs(days[0]).subtract(5, 'day').format('YYYY-MM-DD'), '19:00')
  const schoolRows = await ctx.db.selectFrom('schools').select(['id', 'name']).orderBy('created_at').orderBy('name').execute()
  let parentNo = 0
  for (const school of schoolRows) {
    const principal = await ctx.db
      .selectFrom('memberships')
      .select('person_id')
      .where('school_id', '=', school.id)
      .where('role', '=', 'principal')
      .where('status', '=', 'approved')
      .executeTakeFirst()
    if (!principal) continue
    const head = await actorOfPerson(ctx, principal.person_id)
    const invite = await createInvite(sim, head, { schoolId: school.id, role: 'volunteer', validDays: 14, maxUses: PARENTS_PER_SCHOOL })
    for (let i = 0; i < PARENTS_PER_SCHOOL; i++) {
      const n = parentNo++
      const name = `${SURNAMES[n % SURNAMES.length]}${GIVEN[(n * 7) % GIVEN.length]}`
      const personId = newId()
      await ctx.db
        .insertInto('people')
        .values({ id: personId, name, phone: null, wx_openid: `demo-parent-${n}`, wx_unionid: null, wx_session_key: null, is_demo: 0, created_at: t.toISOString() })
        .execute()
      // one in four came from the neighbourhood (社会志愿者) rather than as a pupil's parent
      const society = i % 4 === 3
      const joined = await joinWithInvite(sim, await actorOfPerson(ctx, personId), {
        code: invite.code,
        name: society ? `${name}（社区志愿者）` : `${name}（${1 + (n % 6)}年级家长）`,
        volunteerKind: society ? 'society' : 'parent',
      })
      await changeMembership(sim, head, joined.id, 'approve', undefined)
    }
  }

  // Who is who, school by school.
  const schools = await ctx.db.selectFrom('schools').select(['id', 'name', 'station_id', 'district_id']).orderBy('created_at').orderBy('name').execute()
  const members = await ctx.db
    .selectFrom('memberships as m')
    .innerJoin('people as p', 'p.id', 'm.person_id')
    .select(['m.person_id', 'm.role', 'm.school_id', 'm.station_id', 'p.name'])
    .where('m.status', '=', 'approved')
    .orderBy('m.created_at')
    .orderBy('p.name')
    .execute()
  const actors = new Map<string, Actor>()
  const actor = async (personId: string) => {
    let a = actors.get(personId)
    if (!a) actors.set(personId, (a = await actorOfPerson(ctx, personId)))
    return a
  }
  // the demo cast by role: who plays the station's officer, a school's principal, its parents
  const cast = new Map<string, typeof members>()
  for (const m of members) cast.set(m.role, [...(cast.get(m.role) ?? []), m])
  const castAs = (role: Role) => cast.get(role) ?? []
  const policeOf = (stationId: string) => castAs('police').find((m) => m.station_id === stationId)!
  const posts = await ctx.db.selectFrom('posts').select(['id', 'lat', 'lng']).execute()
  const postById = new Map(posts.map((p) => [p.id, p]))

  // The schools raised the monthly cap (the default 2 leaves most places open with four parents
  // per school), some more than others: the city's schools differ in how well their gates are
  // staffed, as real ones do.
  const CAPS = [12, 8, 12, 5, 10, 12]
  for (const [i, s] of schools.entries()) {
    const principal = castAs('principal').find((m) => m.school_id === s.id)
    if (principal) await updateSettings(sim, await actor(principal.person_id), s.id, { monthlyCapPerVolunteer: CAPS[i % CAPS.length] })
  }

  // ---------------------------------------------------------------- duty, day by day
  let generatedUpTo = ''
  for (const date of days) {
    // The rolling generation, as the nightly job does it: shifts four weeks ahead.
    if (date > generatedUpTo) {
      t = at(dayjs(date).subtract(3, 'day').format('YYYY-MM-DD'), '20:00')
      await regenerateAll(sim)
      generatedUpTo = dayjs(date).add(14, 'day').format('YYYY-MM-DD')
    }
    const shifts = await ctx.db
      .selectFrom('shifts as s')
      .innerJoin('shift_templates as tp', 'tp.id', 's.template_id')
      .innerJoin('posts as p', 'p.id', 's.post_id')
      .innerJoin('schools as sc', 'sc.id', 's.school_id')
      .select(['s.id', 's.school_id', 's.post_id', 's.starts_at', 's.ends_at', 's.headcount', 'tp.name as template_name', 'p.name as post_name', 'sc.name as school_name'])
      .where('s.date', '=', date)
      .where('s.status', '=', 'scheduled')
      .where('s.ends_at', '<', today.toISOString())
      .orderBy('s.starts_at')
      .orderBy('sc.name')
      .orderBy('p.name')
      .execute()
    // ids are random: every choice is keyed by what the shift is (school, date, template, gate)
    const labelOf = (shift: (typeof shifts)[number]) => `${shift.school_name}|${date}|${shift.template_name}|${shift.post_name}`
    figures.shifts += shifts.length

    // Sign-ups, two days ahead.
    t = at(dayjs(date).subtract(2, 'day').format('YYYY-MM-DD'), '21:00')
    const placed: { signupId: string; personId: string; shift: (typeof shifts)[number]; name: string }[] = []
    for (const shift of shifts) {
      const school = schools.find((s) => s.id === shift.school_id)!
      const need = JSON.parse(shift.headcount) as Record<string, number>
      const candidates = members.filter((m) => m.school_id === shift.school_id && ['volunteer', 'teacher', 'guard'].includes(m.role))
      const police = policeOf(school.station_id)
      if (need.police) candidates.push(police)
      for (const m of candidates) {
        const wanted = need[m.role] ?? 0
        if (!wanted) continue
        const p = chance(`${labelOf(shift)}|${m.name}|signup`)
        // staff stand at their own gate most days; parents pick a few days; the officer one school at a time
        const likely = SIGNUP_LIKELIHOOD[m.role] ?? 0.92
        if (p >= likely) continue
        try {
          const shown = await signUp(sim, await actor(m.person_id), shift.id, m.role as 'volunteer', false)
          if (shown.mine && shown.mine.status === 'active') placed.push({ signupId: shown.mine.signupId, personId: m.person_id, shift, name: m.name })
          figures.signups++
        } catch {
          // full, capped, or at another gate at that time: as a person would be told
        }
      }
    }

    // A few swaps: someone who cannot come hands the place to a colleague the evening before.
    for (const s of placed) {
      if (chance(`${labelOf(s.shift)}|${s.name}|swap`) >= 0.015) continue
      const colleague = castAs('volunteer').find(
        (m) => m.school_id === s.shift.school_id && m.person_id !== s.personId && !placed.some((o) => o.personId === m.person_id && o.shift.id === s.shift.id),
      )
      if (!colleague) continue
      try {
        t = at(dayjs(date).subtract(1, 'day').format('YYYY-MM-DD'), '19:30')
        const swap = await offerSwap(sim, await actor(s.personId), s.signupId, colleague.person_id)
        t = at(dayjs(date).subtract(1, 'day').format('YYYY-MM-DD'), '20:10')
        await acceptSwap(sim, await actor(colleague.person_id), swap.id)
        const taken = await ctx.db
          .selectFrom('signups')
          .select('id')
          .where('shift_id', '=', s.shift.id)
          .where('person_id', '=', colleague.person_id)
          .where('status', '=', 'active')
          .executeTakeFirst()
        if (taken) {
          s.signupId = taken.id
          s.personId = colleague.person_id
          s.name = colleague.name
        }
        figures.swaps++
      } catch {
        // the colleague was busy: the place stays with the first person
      }
    }

    // The day itself: check-ins and check-outs in time order, shift by shift.
    for (const s of placed) {
      const post = postById.get(s.shift.post_id)!
      const who = await actor(s.personId)
      const label = `${labelOf(s.shift)}|${s.name}`
      const roll = chance(`${label}|day`)
      const start = new Date(s.shift.starts_at).getTime()
      const end = new Date(s.shift.ends_at).getTime()
      if (roll < 0.07) continue // no-show: the closing job marks it
      const late = roll < 0.16
      const outside = roll >= 0.16 && roll < 0.2
      const jitter = Math.floor(chance(`${label}|jitter`) * 10)
      t = new Date(late ? start + (6 + jitter) * MIN : start - (3 + jitter) * MIN)
      try {
        await checkIn(sim, who, s.signupId, {
          ...(outside ? northOf(post, 400 + jitter * 40) : northOf(post, jitter * 5)),
          accuracy: 15 + jitter,
          idempotencyKey: key('in'),
          reason: outside ? OUTSIDE_REASONS[jitter % OUTSIDE_REASONS.length] : undefined,
        })
        figures.checkIns++
      } catch {
        continue
      }
      const out = chance(`${label}|out`)
      if (out < 0.05) continue // forgot to check out: missing_checkout at closing
      const early = out < 0.13
      t = new Date(early ? end - (18 + jitter) * MIN : end - 5 * MIN + jitter * MIN)
      await checkOut(sim, who, s.signupId, { ...northOf(post, jitter * 4), accuracy: 15, idempotencyKey: key('out') }).catch(() => undefined)
    }

    // Closing the day: no-shows, then (an hour after the last shift) missing check-outs. Today
    // is closed as far as it has gone, as the job would; its exceptions wait for the officer.
    const isToday = date === todayDate
    t = isToday ? today : at(date, '23:30')
    await closeShifts(sim)
    if (isToday) continue

    // The police review the day's exceptions the next morning.
    t = at(dayjs(date).add(1, 'day').format('YYYY-MM-DD'), '09:10')
    for (const school of schools) {
      const police = policeOf(school.station_id)
      // the officer's own exceptions (at the gate on peak duty) are the principal's to review
      const principal = castAs('principal').find((m) => m.school_id === school.id)
      const pending = await listExceptions(sim, await actor(police.person_id), school.id, 'pending')
      for (const e of pending) {
        const accept = chance(`${school.name}|${e.shift.date}|${e.shift.startTime}|${e.shift.postName}|${e.person.name}|${e.kind}|review`) < 0.8 || e.kind === 'missing_checkout'
        const reviewer = e.person.id === police.person_id && principal ? principal : police
        await reviewException(sim, await actor(reviewer.person_id), e.id, accept ? 'accept' : 'reject', accept ? '情况属实' : '未在岗点值守，不予认可').catch(() => undefined)
      }
    }
  }

  // ---------------------------------------------------------------- hazards in every state
  const cats = await categories(sim)
  const catByName = (name: string) => cats.find((c) => c.name === name) ?? cats[0]
  const plan: ('submitted' | 'accepted' | 'rejected' | 'duplicate' | 'assigned' | 'overdue' | 'resolved' | 'closed')[] = [
    'closed',
    'closed',
    'resolved',
    'assigned',
    'overdue',
    'accepted',
    'rejected',
    'duplicate',
    'submitted',
  ]
  let hazardNo = 0
  const firstOfSchool = new Map<string, string>()
  for (const school of schools) {
    const police = policeOf(school.station_id)
    const reporters = members.filter((m) => m.school_id === school.id && ['volunteer', 'teacher', 'guard'].includes(m.role))
    const mainPost = (await ctx.db.selectFrom('posts').select(['id', 'lat', 'lng']).where('school_id', '=', school.id).orderBy('created_at').orderBy('name').executeTakeFirst())!
    // fewer per school, spread over the term; each school gets a mix of states
    const mine = plan.filter((_s, i) => chance(`${school.name}|hazard-plan|${i}`) < 0.6 || i < 3)
    for (let i = 0; i < mine.length; i++) {
      const state = mine[i]
      const h = HAZARDS[(hazardNo + i) % HAZARDS.length]
      const dayIndex = state === 'submitted' ? days.length - 1 : Math.floor((i + 1) * (days.length / (mine.length + 2)))
      const date = days[Math.min(days.length - 1, Math.max(0, dayIndex))]
      const reporter = reporters[(hazardNo + i) % reporters.length]
      t = at(date, '08:10', i)
      const point = northOf(mainPost, h.metres + i * 70) // apart, so that none is offered as 我也遇到了 of another
      let detail
      try {
        detail = await report(sim, await actor(reporter.person_id), {
          ...point,
          categoryId: catByName(h.category).id,
          description: h.text,
          schoolId: school.id,
          locationKind: h.location,
          photoIds: [],
          clientKey: key('hazard'),
        })
      } catch {
        continue
      }
      figures.hazards++
      const id = detail.id
      if (!firstOfSchool.has(school.id)) firstOfSchool.set(school.id, id)
      const officer = await actor(police.person_id)
      const step = async (hours: number, req: Parameters<typeof applyTransition>[3]) => {
        t = new Date(t.getTime() + hours * 3_600_000)
        await applyTransition(sim, officer, id, req)
      }
      if (state === 'submitted') continue
      if (state === 'rejected') {
        await step(3, { action: 'reject', note: '经核实不属于校园周边安全隐患' })
        continue
      }
      if (state === 'duplicate') {
        const original = firstOfSchool.get(school.id)
        if (original && original !== id) await step(2, { action: 'duplicate', duplicateOf: original, note: '与已受理的隐患重复' })
        continue
      }
      await step(2, { action: 'accept', note: '已受理，安排核查' })
      if (state === 'accepted') continue
      const department = DEPARTMENT_OF[h.category] ?? 'other'
      // overdue: a deadline that has passed before today
      const deadline = state === 'overdue' ? new Date(t.getTime() + 24 * 3_600_000).toISOString() : new Date(Math.max(t.getTime(), today.getTime()) + 10 * 86_400_000).toISOString()
      await step(1, { action: 'assign', department, deadline, note: '请按期整改并回复' })
      if (state === 'assigned' || state === 'overdue') continue
      await step(48, { action: 'resolve', note: '已整改完毕', photoIds: [] })
      if (state === 'resolved') continue
      await step(24, { action: 'close', note: '现场复核，已销号' })
    }
    hazardNo += mine.length
  }

  // ---------------------------------------------------------------- notices with receipts, drills
  const stations = [...new Set(schools.map((s) => s.station_id))]
  const noticePlan: { at: number; type: NoticeType; title: string; body: string; ack: boolean; theme?: string }[] = [
    { at: 0.1, type: 'general', title: '新学期护学岗值守安排', body: '新学期护学岗从开学第一天起执行，请按排班准时到岗签到，签退后再离开。', ack: true },
    { at: 0.2, type: 'training', title: '防溺水安全教育培训', body: '讲解防溺水“六不”与施救常识，请护学岗志愿者和教师报名参加，现场签到。', ack: false, theme: 'drowning' },
    { at: 0.45, type: 'drill', title: '校园防冲撞应急演练', body: '本周将在校门口开展防冲撞应急演练，请值守人员提前 10 分钟到岗，听从民警指挥。', ack: true, theme: 'terror' },
    { at: 0.6, type: 'training', title: '护学岗交通疏导培训', body: '民警讲解校门口交通疏导手势与反光装备使用，请报名参加，现场签到。', ack: false, theme: 'traffic' },
    { at: 0.8, type: 'general', title: '冬季放学时段安全提示', body: '冬季天黑早，放学时段请穿戴反光背心，注意路口照明不足处的车辆。', ack: false },
  ]
  for (const stationId of stations) {
    const police = policeOf(stationId)
    const officer = await actor(police.person_id)
    const stationSchools = schools.filter((s) => s.station_id === stationId)
    for (const n of noticePlan) {
      const date = days[Math.min(days.length - 1, Math.floor(n.at * days.length))]
      t = at(date, '10:00')
      const eventDate = days[Math.min(days.length - 1, Math.floor(n.at * days.length) + 2)]
      const held = n.type !== 'general'
      const training = n.type === 'training'
      // a training is held at the station's first school, where those who came check in
      const venue = training
        ? (await ctx.db.selectFrom('posts').select(['lat', 'lng']).where('school_id', '=', stationSchools[0].id).orderBy('created_at').orderBy('name').executeTakeFirst())!
        : null
      const created = await createNotice(sim, officer, {
        type: n.type,
        title: n.title,
        body: n.body,
        eventAt: held ? localToInstant(eventDate, '15:30') : null,
        eventEndAt: held ? localToInstant(eventDate, '16:20') : null,
        place: n.type === 'drill' ? '校门口' : training ? `${stationSchools[0].name}报告厅` : null,
        location: venue ? { lat: venue.lat, lng: venue.lng, radiusM: 300 } : null,
        audience: { schoolIds: stationSchools.map((s) => s.id), roles: ['principal', 'teacher', 'guard', 'volunteer'] },
        ackRequired: n.ack,
        rsvpCapacity: training ? 60 : null,
        rsvpDeadline: null,
        attachmentIds: [],
        themeId: n.theme ?? null,
      })
      await publishNotice(sim, officer, created.id, null)
      figures.notices++
      // most read it within the day; those asked mostly confirm
      const audience = members.filter((m) => stationSchools.some((s) => s.id === m.school_id) && !castAs('police').includes(m))
      for (const m of audience) {
        const p = chance(`${created.title}|${stationId}|${m.name}|receipt`)
        if (p >= 0.85) continue
        t = at(date, '12:00', Math.floor(p * 300))
        const reader = await actor(m.person_id)
        await markRead(sim, reader, created.id).catch(() => undefined)
        if (n.ack && p < 0.7) await acknowledge(sim, reader, created.id).catch(() => undefined)
        if (training && venue && p < 0.4) {
          await rsvp(sim, reader, created.id, 'joined').catch(() => undefined)
          t = new Date(Date.parse(localToInstant(eventDate, '15:25')) + Math.floor(p * 600) * 1000)
          await attend(sim, reader, created.id, { lat: venue.lat, lng: venue.lng, accuracy: 15 }).catch(() => undefined)
          t = at(date, '12:00', Math.floor(p * 300))
        }
      }
      if (n.type === 'drill') {
        t = at(eventDate, '17:00')
        for (const s of stationSchools) {
          await recordDrill(sim, officer, {
            noticeId: created.id,
            date: eventDate,
            schoolIds: [s.id],
            participants: 12 + Math.floor(chance(`${s.name}|drill`) * 20),
            durationMin: 40,
            scenario: '可疑人员持械冲击校门，值守人员示警、关闭校门、疏散学生并报警',
            wentWell: '校门关闭及时，民警 3 分钟内到场',
            toFix: '部分家长志愿者不熟悉防暴器材，下次演练前先培训',
            photoIds: [],
            clientKey: key('drill'),
          }).then(
            () => figures.drills++,
            () => undefined,
          )
        }
      }
    }
  }

  // What the outbox held back then was delivered back then: the job runner starts with an empty queue.
  await ctx.db.updateTable('outbox').set({ status: 'sent', sent_at: today.toISOString() }).where('status', '=', 'pending').where('created_at', '<', today.toISOString()).execute()
  return figures
}
