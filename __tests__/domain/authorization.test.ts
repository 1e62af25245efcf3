import { can, canGrantRole, rolesAt, type Grant, type SchoolAction } from '../../domain/authorization'

const school = { id: 's1', stationId: 'st1', districtId: 'd1' }
const otherSchool = { id: 's2', stationId: 'st2', districtId: 'd2' }

const grants: Record<string, Grant[]> = {
  volunteer: [{ role: 'volunteer', schoolId: 's1' }],
  teacher: [{ role: 'teacher', schoolId: 's1' }],
  guard: [{ role: 'guard', schoolId: 's1' }],
  principal: [{ role: 'principal', schoolId: 's1' }],
  police: [{ role: 'police', stationId: 'st1' }],
  admin: [{ role: 'admin', districtId: 'd1' }],
  nobody: [],
}

describe('can', () => {
  it.each<[string, SchoolAction, boolean]>([
    ['volunteer', 'school.view', true],
    ['volunteer', 'school.duty', true],
    ['volunteer', 'school.manageMembers', false],
    ['teacher', 'school.duty', true],
    ['guard', 'school.duty', true],
    ['guard', 'school.manageInvites', false],
    ['principal', 'school.manageMembers', true],
    ['principal', 'school.duty', false],
    ['police', 'school.manageMembers', true],
    ['police', 'school.manageDuty', true],
    ['admin', 'school.manageInvites', true],
    ['nobody', 'school.view', false],
  ])('%s may %s: %s', (who, action, expected) => {
    expect(can(grants[who], action, school)).toBe(expected)
  })

  it.each(Object.keys(grants))('%s reaches nothing at another station and district', (who) => {
    expect(rolesAt(grants[who], otherSchool)).toEqual([])
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
