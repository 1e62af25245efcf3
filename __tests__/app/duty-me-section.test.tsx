// 我的 → 值守 shows what the policy lets a person open: the outbox to district admins and the city,
// the city-wide hazard categories only to their owner, the city (市局).
import { render, screen } from '@testing-library/react'
import { memoryTokenStorage } from '@/services/token-storage'
import { StoresProvider } from '@/stores'
import { RootStore } from '@/stores/root-store'
import { DutyMeSection } from '@/components/duty-me-section'
import { fakeApi, me, membership } from './support/fixtures'

function view(memberships: Parameters<typeof me>[0]) {
  const root = new RootStore(fakeApi(), memoryTokenStorage('t'))
  root.me.setMe(me(memberships))
  render(
    <StoresProvider store={root}>
      <DutyMeSection />
    </StoresProvider>,
  )
  return root
}

it('the city sees the outbox and the categories, and manages no school', () => {
  const root = view([membership({ role: 'city', status: 'approved', scope: { kind: 'city' } })])
  expect(screen.getByText('消息发件箱')).toBeInTheDocument()
  expect(screen.getByText('隐患类别')).toBeInTheDocument()
  expect(root.me.holds('shift.manage')).toBe(false)
  expect(root.me.managesAnySchool).toBe(false)
})

it('a district admin sees the outbox, not the city-wide categories', () => {
  view([membership({ role: 'admin', status: 'approved', scope: { kind: 'district', districtId: 'd1', districtName: '青云谱区' } })])
  expect(screen.getByText('消息发件箱')).toBeInTheDocument()
  expect(screen.queryByText('隐患类别')).toBeNull()
})
