import { render, screen, within } from '@testing-library/react'
import { MembershipList } from '@/components/membership-list'
import { JINGSHAN, SHIYAN, atSchool, membership } from './support/fixtures'

describe('MembershipList (我的 → 我的身份)', () => {
  it('shows each membership with role, place and status, and the reason when refused or removed', () => {
    render(
      <MembershipList
        memberships={[
          membership({ role: 'volunteer', status: 'pending', scope: atSchool(JINGSHAN), createdAt: '2026-11-28T00:05:00.000Z' }),
          membership({ role: 'teacher', status: 'rejected', scope: atSchool(SHIYAN), reason: '请使用本校教师邀请码' }),
          membership({ role: 'guard', status: 'revoked', scope: atSchool(JINGSHAN), reason: '合同到期' }),
          membership({
            role: 'police',
            status: 'approved',
            scope: { kind: 'station', stationId: 'st1', stationName: '京山派出所', schoolIds: ['s1'] },
          }),
        ]}
      />,
    )
    const items = screen.getAllByTestId('membership')
    expect(items).toHaveLength(4)

    const [pending, rejected, revoked, approved] = items
    expect(within(pending).getByText('青云谱区京山小学')).toBeInTheDocument()
    expect(within(pending).getByText('家长志愿者')).toBeInTheDocument()
    expect(within(pending).getByText('待审核')).toBeInTheDocument()
    // 08:05 in Asia/Shanghai, whatever the machine's zone.
    expect(within(pending).getByText(/已于 .*08:05 提交，等待学校审核/)).toBeInTheDocument()

    expect(within(rejected).getByText('未通过')).toBeInTheDocument()
    expect(within(rejected).getByText('原因：请使用本校教师邀请码')).toBeInTheDocument()

    expect(within(revoked).getByText('已移出')).toBeInTheDocument()
    expect(within(revoked).getByText('原因：合同到期')).toBeInTheDocument()

    expect(within(approved).getByText('京山派出所')).toBeInTheDocument()
    expect(within(approved).getByText('责任民警')).toBeInTheDocument()
    expect(within(approved).getByText('已通过')).toBeInTheDocument()
    expect(within(approved).queryByText(/原因/)).toBeNull()
  })
})
