import { can, canGrantRole, reachOf, rolesAt, STAFFED_THROUGH, type Action, type Grant } from '../../domain/authorization'

const school = { id: 's1', stationId: 'st1', districtId: 'd1' }
const otherSchool = { id: 's2', stationId: 'st2', districtId: 'd2' }

const grants: Record<string, Grant[]> = {
  volunteer: [{ role: 'volunteer', schoolId: 's1' }],
  teacher: [{ role: 'teacher', schoolId: 's1' }],
  guard: [{ role: 'guard', schoolId: 's1' }],
  principal: [{ role: 'principal', schoolId: 's1' }],
  police: [{ role: 'police', stationId: 'st1' }],
  admin: [{ role: 'admin', districtId: 'd1' }],
  city: [{ role: 'city' }],
  nobody: [],
}

describe('can', () => {
  it.each<[string, Action, boolean]>([
    ['volunteer', 'school.view', true],
    ['volunteer', 'duty.take', true],
    ['volunteer', 'checkin.own', true],
    ['volunteer', 'member.review', false],
    ['teacher', 'duty.take', true],
    ['guard', 'duty.take', true],
    ['guard', 'invite.manage', false],
    ['principal', 'member.review', true],
    ['principal', 'duty.take', false],
    ['principal', 'phone.view', true],
    ['principal', 'hazard.assign', false],
    ['police', 'member.review', true],
    ['police', 'shift.manage', true],
    ['police', 'hazard.assign', true],
    ['admin', 'invite.manage', true],
    ['admin', 'category.manage', false],
    ['city', 'school.view', true],
    ['city', 'coverage.view', true],
    ['city', 'shift.manage', false],
    ['city', 'member.review', false],
    ['city', 'phone.view', false],
    ['city', 'category.manage', true],
    ['nobody', 'school.view', false],
  ])('%s may %s: %s', (who, action, expected) => {
    expect(can(grants[who], action, school)).toBe(expected)
  })

  it.each(Object.keys(grants).filter((w) => w !== 'city'))('%s reaches nothing at another station and district', (who) => {
    expect(rolesAt(grants[who], otherSchool)).toEqual([])
  })

  it('the city role reaches every district, and only it reaches the city scope', () => {
    expect(rolesAt(grants.city, otherSchool)).toEqual(['city'])
    expect(can(grants.city, 'coverage.area', { level: 'city' })).toBe(true)
    expect(can(grants.admin, 'coverage.area', { level: 'city' })).toBe(false)
    expect(reachOf(grants.city, 'outbox.view').city).toBe(true)
  })

  it('station and district scopes: police reach their station, admins their district and its stations', () => {
    const station = { level: 'station', stationId: 'st1', districtId: 'd1' } as const
    const otherStation = { level: 'station', stationId: 'st9', districtId: 'd1' } as const
    expect(can(grants.police, 'hazard.ledger', station)).toBe(true)
    expect(can(grants.police, 'hazard.ledger', otherStation)).toBe(false)
    expect(can(grants.admin, 'hazard.ledger', otherStation)).toBe(true)
    expect(can(grants.admin, 'hazard.ledger', { level: 'station', stationId: 'st2', districtId: 'd2' })).toBe(false)
    expect(can(grants.police, 'coverage.area', { level: 'district', districtId: 'd1' })).toBe(false)
  })

  it('a teacher at one school who is a parent at another has both, each in its place', () => {
    const mixed: Grant[] = [
      { role: 'teacher', schoolId: 's1' },
      { role: 'volunteer', schoolId: 's2' },
    ]
    expect(rolesAt(mixed, school)).toEqual(['teacher'])
    expect(rolesAt(mixed, otherSchool)).toEqual(['volunteer'])
  })
})

describe('canGrantRole', () => {
  it.each([
    ['principal', 'volunteer', true],
    ['principal', 'teacher', true],
    ['principal', 'principal', false],
    ['police', 'principal', true],
    ['admin', 'principal', true],
    ['volunteer', 'volunteer', false],
  ] as const)('%s may grant %s: %s', (who, role, expected) => {
    expect(canGrantRole(grants[who], role, school)).toBe(expected)
  })
})

describe('police on peak duty', () => {
  const sameDistrictOtherStation = { id: 's3', stationId: 'st9', districtId: 'd1' }

  it.each<[string, boolean]>([
    ['police', true],
    ['admin', true],
    ['principal', false],
    ['volunteer', false],
    ['city', false],
  ])('%s may put police on police places: %s', (who, expected) => {
    expect(can(grants[who], STAFFED_THROUGH.police, school)).toBe(expected)
  })

  it("the school's own people's places are the school managers' to staff", () => {
    for (const role of ['volunteer', 'teacher', 'guard'] as const) {
      expect(can(grants.principal, STAFFED_THROUGH[role], school)).toBe(true)
      expect(can(grants.police, STAFFED_THROUGH[role], school)).toBe(true)
    }
  })

  it('an officer holds the police duty role at every school of the station, and at no other', () => {
    expect(rolesAt(grants.police, school)).toContain('police')
    expect(can(grants.police, 'signup.own', school)).toBe(true)
    expect(can(grants.police, 'checkin.own', school)).toBe(true)
    expect(rolesAt(grants.police, sameDistrictOtherStation)).toEqual([])
    expect(can(grants.police, 'signup.own', sameDistrictOtherStation)).toBe(false)
    expect(can(grants.police, STAFFED_THROUGH.police, sameDistrictOtherStation)).toBe(false)
    // a district admin arranges police duty but does not stand at the gate in this role
    expect(rolesAt(grants.admin, school)).not.toContain('police')
  })
})
