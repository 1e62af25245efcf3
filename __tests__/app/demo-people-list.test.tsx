import { fireEvent, render, screen, within } from '@testing-library/react'
import { DemoPeopleList } from '@/components/demo-people-list'
import { groupDemoPeople } from '@/components/demo-people-list/group'
import { demoPerson } from './support/fixtures'

const PEOPLE = [
  demoPerson({ personId: 'admin', name: '周建国', role: 'admin', schoolName: null, scopeName: '青云谱区' }),
  demoPerson({ personId: 'wf', name: '王芳', role: 'volunteer' }),
  demoPerson({ personId: 'cj', name: '陈静', role: 'volunteer', status: 'pending' }),
  demoPerson({ personId: 'hlp', name: '黄丽萍', role: 'principal' }),
  demoPerson({ personId: 'czq', name: '陈志强', role: 'police', schoolName: null, scopeName: '京山派出所' }),
  demoPerson({ personId: 'lxy', name: '林小雨', role: null, schoolName: null, scopeName: '', status: null }),
  // One person, two teacher memberships: one row listing both schools.
  demoPerson({ personId: 'lhm', name: '李红梅', role: 'teacher', scopeName: '青云谱区京山小学' }),
  demoPerson({ personId: 'lhm', name: '李红梅', role: 'teacher', scopeName: '青云谱区实验学校', schoolName: '青云谱区实验学校' }),
]

describe('DemoPeopleList (login page, demo mode)', () => {
  it('groups people by role in the product order, newcomers last', () => {
    expect(groupDemoPeople(PEOPLE).map((g) => g.title)).toEqual(['家长志愿者', '教师', '校长', '责任民警', '管理员', '新用户（未加入学校）'])
  })

  it('shows names, places and a 待审核 tag, and signs in the tapped person', () => {
    const onPick = jest.fn()
    render(<DemoPeopleList people={PEOPLE} onPick={onPick} />)

    const volunteers = screen.getByTestId('demo-group-volunteer')
    expect(within(volunteers).getByText('家长志愿者')).toBeInTheDocument()
    expect(within(volunteers).getByText('王芳')).toBeInTheDocument()
    expect(within(volunteers).getAllByText('待审核')).toHaveLength(1)

    const teachers = screen.getByTestId('demo-group-teacher')
    expect(within(teachers).getAllByText('李红梅')).toHaveLength(1)
    expect(within(teachers).getByText('青云谱区京山小学、青云谱区实验学校')).toBeInTheDocument()

    expect(within(screen.getByTestId('demo-group-police')).getByText('京山派出所')).toBeInTheDocument()
    const newcomers = screen.getByTestId('demo-group-newcomer')
    expect(within(newcomers).getByText('新用户（未加入学校）')).toBeInTheDocument()
    expect(within(newcomers).getByText('尚未加入学校')).toBeInTheDocument()
    expect(screen.queryByTestId('demo-group-guard')).toBeNull()

    fireEvent.click(screen.getByText('黄丽萍'))
    expect(onPick).toHaveBeenCalledWith('hlp')
  })
})
