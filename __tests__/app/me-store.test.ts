import { memoryTokenStorage } from '@/services/token-storage'
import { RootStore } from '@/stores/root-store'
import { HONGDU, JINGSHAN, SHIYAN, atSchool, fakeApi, me, membership } from './support/fixtures'

function rootWith(memberships: Parameters<typeof me>[0]) {
  const root = new RootStore(fakeApi(), memoryTokenStorage())
  root.me.setMe(me(memberships))
  root.schools.items = [JINGSHAN, SHIYAN, HONGDU]
  return root
}

describe('MeStore: which schools a person manages', () => {
  it('a principal manages their own school only', () => {
    const root = rootWith([membership({ role: 'principal', status: 'approved', scope: atSchool(JINGSHAN) })])
    expect(root.me.managedSchools.map((s) => s.id)).toEqual([JINGSHAN.id])
    expect(root.me.managesAnySchool).toBe(true)
  })

  it('a police officer manages the schools of their station', () => {
    const root = rootWith([membership({ role: 'police', status: 'approved', scope: { kind: 'station', stationId: 'st1', stationName: '京山派出所', schoolIds: ['s1', 's2'] } })])
    expect(root.me.managedSchools.map((s) => s.id)).toEqual([JINGSHAN.id, SHIYAN.id])
  })

  it('a district admin manages every school of the district', () => {
    const root = rootWith([membership({ role: 'admin', status: 'approved', scope: { kind: 'district', districtId: 'd1', districtName: '青云谱区' } })])
    expect(root.me.managedSchools).toHaveLength(3)
  })

  it('volunteers, teachers and guards manage nothing', () => {
    const root = rootWith([
      membership({ role: 'volunteer', status: 'approved', scope: atSchool(JINGSHAN) }),
      membership({ role: 'teacher', status: 'approved', scope: atSchool(SHIYAN) }),
    ])
    expect(root.me.managedSchools).toEqual([])
    expect(root.me.managesAnySchool).toBe(false)
  })

  it('only approved memberships count: a pending or revoked principal manages nothing', () => {
    const root = rootWith([
      membership({ role: 'principal', status: 'pending', scope: atSchool(JINGSHAN) }),
      membership({ role: 'principal', status: 'revoked', scope: atSchool(SHIYAN), reason: '调离' }),
    ])
    expect(root.me.managedSchools).toEqual([])
    expect(root.me.pendingMemberships).toHaveLength(1)
  })

  it('only police and admins may hand out the principal role', () => {
    const principal = rootWith([membership({ role: 'principal', status: 'approved', scope: atSchool(JINGSHAN) })])
    expect(principal.me.canGrantRole('volunteer', JINGSHAN)).toBe(true)
    expect(principal.me.canGrantRole('principal', JINGSHAN)).toBe(false)
    const police = rootWith([membership({ role: 'police', status: 'approved', scope: { kind: 'station', stationId: 'st1', stationName: '京山派出所', schoolIds: ['s1'] } })])
    expect(police.me.canGrantRole('principal', JINGSHAN)).toBe(true)
  })

  it('knows a newcomer has no memberships', () => {
    const root = rootWith([])
    expect(root.me.hasNoMemberships).toBe(true)
  })

  it('shows a membership just created on this phone first, replacing an older copy', () => {
    const first = membership({ role: 'volunteer', status: 'pending', scope: atSchool(JINGSHAN) })
    const root = rootWith([membership({ role: 'teacher', status: 'approved', scope: atSchool(SHIYAN) })])
    root.me.upsertMembership(first)
    root.me.upsertMembership({ ...first, status: 'approved' })
    expect(root.me.memberships.map((m) => [m.id, m.status])).toEqual([
      [first.id, 'approved'],
      [expect.any(String), 'approved'],
    ])
    expect(root.me.memberships).toHaveLength(2)
  })
})
