// The demo city: two districts of Nanchang, three police stations, six schools with their gates,
// and people of every role. Seeded once (a row in `meta` says so), never twice.
import type { AppContext } from '../../context'
import { currentTerm } from '@/domain/term'
import { DUTY_ROLES, type MembershipStatus, type Role } from '@/types/org'
import { countsTowardCap } from '@/domain/shifts'
import { newId } from '../../lib/ids'
import { refreshCoverage } from '../../modules/coverage/maintain'

interface SchoolSeed {
  name: string
  kind: 'primary' | 'kindergarten'
  address: string
  lat: number
  lng: number
  phone: string
  posts: { name: string; lat: number; lng: number; radiusM?: number }[]
}

interface StationSeed {
  name: string
  phone: string
  police: string
  schools: SchoolSeed[]
}

interface DistrictSeed {
  name: string
  admin: string
  stations: StationSeed[]
}

// GCJ-02 coordinates (as WeChat's getLocation reports them) near the real addresses.
const CITY: DistrictSeed[] = [
  {
    name: '青云谱区',
    admin: '周建国',
    stations: [
      {
        name: '京山派出所',
        phone: '0791-88461110',
        police: '陈志强',
        schools: [
          {
            name: '青云谱区京山小学',
            kind: 'primary',
            address: '南昌市青云谱区京山北路 268 号',
            lat: 28.64017,
            lng: 115.91736,
            phone: '0791-88461234',
            posts: [
              { name: '南门（京山北路）', lat: 28.63972, lng: 115.91741 },
              { name: '东门（接送区）', lat: 28.64031, lng: 115.91852 },
            ],
          },
          {
            name: '青云谱区实验学校',
            kind: 'primary',
            address: '南昌市青云谱区施尧路 89 号',
            lat: 28.63351,
            lng: 115.92632,
            phone: '0791-88462345',
            posts: [{ name: '正门（施尧路）', lat: 28.63318, lng: 115.92618 }],
          },
        ],
      },
      {
        name: '洪都派出所',
        phone: '0791-88462110',
        police: '刘卫东',
        schools: [
          {
            name: '青云谱区洪都小学',
            kind: 'primary',
            address: '南昌市青云谱区洪都中大道 160 号',
            lat: 28.65528,
            lng: 115.91301,
            phone: '0791-88463456',
            posts: [
              { name: '北门（洪都中大道）', lat: 28.65571, lng: 115.91296 },
              { name: '西门', lat: 28.65512, lng: 115.91203 },
            ],
          },
          {
            name: '青云谱区第一幼儿园',
            kind: 'kindergarten',
            address: '南昌市青云谱区井冈山大道 1076 号',
            lat: 28.62819,
            lng: 115.93012,
            phone: '0791-88464567',
            posts: [{ name: '园门', lat: 28.62803, lng: 115.93029, radiusM: 100 }],
          },
        ],
      },
    ],
  },
  {
    name: '西湖区',
    admin: '吴秀兰',
    stations: [
      {
        name: '系马桩派出所',
        phone: '0791-86221110',
        police: '王海涛',
        schools: [
          {
            name: '西湖区站前路小学',
            kind: 'primary',
            address: '南昌市西湖区站前路 66 号',
            lat: 28.66372,
            lng: 115.90186,
            phone: '0791-86225678',
            posts: [
              { name: '正门（站前路）', lat: 28.66351, lng: 115.90177 },
              { name: '侧门（孺子路）', lat: 28.66418, lng: 115.90241 },
            ],
          },
          {
            name: '西湖区朝阳幼儿园',
            kind: 'kindergarten',
            address: '南昌市西湖区朝阳中路 318 号',
            lat: 28.64587,
            lng: 115.87953,
            phone: '0791-86226789',
            posts: [{ name: '园门（朝阳中路）', lat: 28.64566, lng: 115.87961, radiusM: 100 }],
          },
        ],
      },
    ],
  },
]

// Per school, in order: principal, teacher, guard, volunteers (the last one still pending).
const SCHOOL_PEOPLE = [
  ['黄丽萍', '李红梅', '赵德福', '王芳', '张伟', '刘洋', '陈静'],
  ['胡晓东', '杨雪', '孙建军', '徐丽', '朱强', '马琳', '郭敏'],
  ['罗文华', '梁晓燕', '宋长林', '谢娜', '韩磊', '唐婷', '冯波'],
  ['邓雅琴', '许静怡', '曹金宝', '彭丹', '曾涛', '萧悦', '田甜'],
  ['袁志明', '董佳', '潘国庆', '蒋丽', '蔡勇', '余倩', '杜鹏'],
  ['叶翠华', '程思雨', '魏长发', '苏琳', '吕博', '丁慧', '沈洁'],
]
/** The city-level account (市局). */
const CITY_ADMIN = '孙明'
const ROLES_IN_ORDER = ['principal', 'teacher', 'guard', 'volunteer', 'volunteer', 'volunteer', 'volunteer'] as const

/** People who have just opened the app and belong to no school yet (to try joining). */
const NEWCOMERS = ['林小雨', '高雅']

export async function seedDemoCity(ctx: AppContext): Promise<boolean> {
  const now = ctx.clock.now().toISOString()
  return ctx.db.transaction().execute(async (trx) => {
    const claimed = await trx
      .insertInto('meta')
      .values({ key: 'demo_city_seeded_at', value: now })
      .onConflict((oc) => oc.column('key').doNothing())
      .executeTakeFirst()
    if (Number(claimed.numInsertedOrUpdatedRows ?? 0) !== 1) return false

    let seq = 0
    const base = ctx.clock.now().getTime()
    const person = async (name: string) => {
      const id = newId()
      seq++
      // A millisecond apart, so that the demo list keeps the city's order.
      const createdAt = new Date(base + seq).toISOString()
      await trx
        .insertInto('people')
        .values({ id, name, phone: String(13800000000 + seq), wx_openid: null, wx_unionid: null, wx_session_key: null, is_demo: 1, created_at: createdAt })
        .execute()
      return id
    }
    const membership = async (values: { personId: string; role: Role; status: MembershipStatus; schoolId?: string; stationId?: string; districtId?: string }) => {
      const id = newId()
      await trx
        .insertInto('memberships')
        .values({
          id,
          person_id: values.personId,
          role: values.role,
          status: values.status,
          school_id: values.schoolId ?? null,
          station_id: values.stationId ?? null,
          district_id: values.districtId ?? null,
          invite_id: null,
          display_name: null,
          reason: null,
          decided_by: null,
          decided_at: values.status === 'pending' ? null : now,
          // in creation order, a millisecond apart like the people: both engines list them alike
          created_at: new Date(base + seq).toISOString(),
        })
        .execute()
      return id
    }

    const term = currentTerm(ctx.clock.now())
    let schoolIndex = 0
    for (const d of CITY) {
      const districtId = newId()
      await trx.insertInto('districts').values({ id: districtId, name: d.name, created_at: now }).execute()
      await membership({ personId: await person(d.admin), role: 'admin', status: 'approved', districtId })
      for (const st of d.stations) {
        const stationId = newId()
        await trx.insertInto('stations').values({ id: stationId, district_id: districtId, name: st.name, phone: st.phone, created_at: now }).execute()
        const policePersonId = await person(st.police)
        const policeMembership = await membership({ personId: policePersonId, role: 'police', status: 'approved', stationId })
        for (const s of st.schools) {
          const schoolId = newId()
          await trx
            .insertInto('schools')
            .values({
              id: schoolId,
              station_id: stationId,
              district_id: districtId,
              name: s.name,
              kind: s.kind,
              address: s.address,
              lat: s.lat,
              lng: s.lng,
              phone: s.phone,
              settings: null,
              created_at: now,
            })
            .execute()
          const postIds = s.posts.map(() => newId())
          await trx
            .insertInto('posts')
            .values(s.posts.map((p, i) => ({ id: postIds[i], school_id: schoolId, name: p.name, lat: p.lat, lng: p.lng, radius_m: p.radiusM ?? 150, active: 1, created_at: now })))
            .execute()
          const templates = [
            // a primary school's main gate has its officer at the morning peak too (民警 1); the officer
            // of a station with two such schools stands at one of them each day
            { post: postIds[0], name: '早高峰', start: '07:20', end: '08:00', headcount: { volunteer: 2, teacher: 1, guard: 1, police: s.kind === 'primary' ? 1 : 0 } },
            { post: postIds[0], name: '晚高峰', start: '16:30', end: '17:20', headcount: { volunteer: 2, teacher: 1, guard: 1, police: 1 } },
            ...(postIds[1] ? [{ post: postIds[1], name: '早高峰', start: '07:20', end: '08:00', headcount: { volunteer: 2, teacher: 0, guard: 0, police: 0 } }] : []),
          ]
          await trx
            .insertInto('shift_templates')
            .values(
              templates.map((t) => ({
                id: newId(),
                school_id: schoolId,
                post_id: t.post,
                name: t.name,
                weekdays: '1,2,3,4,5',
                start_time: t.start,
                end_time: t.end,
                headcount: JSON.stringify(t.headcount),
                term_start: term.start,
                term_end: term.end,
                active: 1,
                created_by: policePersonId,
                created_at: now,
                updated_at: now,
              })),
            )
            .execute()
          await trx.insertInto('police_schools').values({ membership_id: policeMembership, school_id: schoolId }).execute()
          const names = SCHOOL_PEOPLE[schoolIndex++]
          for (let i = 0; i < names.length; i++) {
            const status = i === names.length - 1 ? 'pending' : 'approved'
            await membership({ personId: await person(names[i]), role: ROLES_IN_ORDER[i], status, schoolId })
          }
        }
      }
    }
    for (const name of NEWCOMERS) await person(name)
    // 市局: the whole city, read-only, and the owner of the city-wide hazard categories
    await membership({ personId: await person(CITY_ADMIN), role: 'city', status: 'approved' })
    return true
  })
}

/**
 * A lived-in demo: on each school's next few school days, two volunteers, the teacher and the
 * guard have signed up for the morning peak. Runs once, right after the first generation.
 */
export async function seedDemoSignups(ctx: AppContext): Promise<void> {
  const now = ctx.clock.now().toISOString()
  const touched: string[] = []
  const schools = await ctx.db.selectFrom('schools').select('id').execute()
  for (const school of schools) {
    const shifts = await ctx.db
      .selectFrom('shifts as s')
      .innerJoin('shift_templates as t', 't.id', 's.template_id')
      .select(['s.id'])
      .where('s.school_id', '=', school.id)
      .where('t.name', '=', '早高峰')
      // the main gate's template, the one that asks for a teacher and a guard: two different days
      .where('t.headcount', 'like', '%"teacher":1%')
      .where('s.starts_at', '>', now)
      .orderBy('s.starts_at')
      .limit(2)
      .execute()
    const members = await ctx.db
      .selectFrom('memberships')
      .select(['person_id', 'role'])
      .where('school_id', '=', school.id)
      .where('status', '=', 'approved')
      .where('role', 'in', [...DUTY_ROLES])
      .orderBy('created_at')
      .$narrowType<{ role: (typeof DUTY_ROLES)[number] }>()
      .execute()
    const volunteers = members.filter((m) => countsTowardCap(m.role)).slice(0, 2)
    const staff = members.filter((m) => !countsTowardCap(m.role))
    const first = shifts[0]
    if (!first) continue
    const rows = [...volunteers, ...staff].map((m) => ({ shift: first.id, person: m.person_id, role: m.role }))
    if (shifts[1] && volunteers[0]) rows.push({ shift: shifts[1].id, person: volunteers[0].person_id, role: 'volunteer' })
    if (rows.length === 0) continue
    touched.push(...rows.map((r) => r.shift))
    await ctx.db
      .insertInto('signups')
      .values(
        rows.map((r) => ({
          id: newId(),
          shift_id: r.shift,
          person_id: r.person,
          role: r.role,
          status: 'active',
          source: 'self',
          reason: null,
          changed_by: r.person,
          created_at: now,
          updated_at: now,
        })),
      )
      .execute()
  }
  await refreshCoverage(ctx.db, touched)
}
