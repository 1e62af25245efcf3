import { ApiError } from '@/services/http'
import { memoryTokenStorage } from '@/services/token-storage'
import { membersStore } from '@/stores/members-store'
import { RootStore } from '@/stores/root-store'
import { fakeApi, memberRow } from './support/fixtures'

function setup() {
  const api = fakeApi()
  const root = new RootStore(api, memoryTokenStorage())
  return { api, members: root.store(membersStore), pending: root.pending }
}

describe('MembersStore', () => {
  it('loads the pending requests of the chosen school', async () => {
    const { api, members } = setup()
    api.memberships.listMembers.mockResolvedValue([memberRow({ membershipId: 'a' }), memberRow({ membershipId: 'b' })])

    await members.selectSchool('s1')
    expect(api.memberships.listMembers).toHaveBeenCalledWith({ schoolId: 's1', status: 'pending' })
    expect(members.state).toBe('ready')
    expect(members.visibleRows.map((r) => r.membershipId)).toEqual(['a', 'b'])
  })

  it('approving takes the request off the 待审核 list and lowers the pending count', async () => {
    const { api, members, pending } = setup()
    api.memberships.listMembers.mockResolvedValue([memberRow({ membershipId: 'a' }), memberRow({ membershipId: 'b' })])
    await pending.loadMembers()
    expect(pending.membersTotal).toBe(2)
    await members.selectSchool('s1')
    api.memberships.approve.mockResolvedValue(memberRow({ membershipId: 'a', status: 'approved', decidedAt: '2026-11-28T01:00:00.000Z' }))

    const row = await members.approve('a')

    expect(api.memberships.approve).toHaveBeenCalledWith('a')
    expect(row.status).toBe('approved')
    expect(members.visibleRows.map((r) => r.membershipId)).toEqual(['b'])
    expect(pending.membersTotal).toBe(1)
    expect(pending.membersAt('s1')).toBe(1)
    expect(pending.membersAt('s2')).toBe(0)
    expect(members.busyId).toBeNull()
  })

  it('rejecting sends the reason (trimmed) and the rejected row moves to 其他', async () => {
    const { api, members } = setup()
    api.memberships.listMembers.mockResolvedValue([memberRow({ membershipId: 'a' })])
    await members.selectSchool('s1')
    api.memberships.reject.mockResolvedValue(memberRow({ membershipId: 'a', status: 'rejected', reason: '不是本校家长' }))

    await members.reject('a', '  不是本校家长 ')
    expect(api.memberships.reject).toHaveBeenCalledWith('a', '不是本校家长')
    expect(members.visibleRows).toEqual([])
    expect(members.rows[0]).toMatchObject({ status: 'rejected', reason: '不是本校家长' })
  })

  it('a refused decision leaves the list as it was and rethrows the server message', async () => {
    const { api, members } = setup()
    api.memberships.listMembers.mockResolvedValue([memberRow({ membershipId: 'a', role: 'principal' })])
    await members.selectSchool('s1')
    api.memberships.approve.mockRejectedValue(new ApiError(403, 'FORBIDDEN', '只有责任民警或管理员可以审核校长'))

    await expect(members.approve('a')).rejects.toThrow('只有责任民警或管理员可以审核校长')
    expect(members.visibleRows.map((r) => r.status)).toEqual(['pending'])
    expect(members.busyId).toBeNull()
  })

  it('其他 asks for every status and shows only rejected and revoked members', async () => {
    const { api, members } = setup()
    api.memberships.listMembers.mockResolvedValue([])
    await members.selectSchool('s1')
    api.memberships.listMembers.mockResolvedValue([
      memberRow({ membershipId: 'a', status: 'approved' }),
      memberRow({ membershipId: 'b', status: 'rejected', reason: '信息不符' }),
      memberRow({ membershipId: 'c', status: 'revoked', reason: '已转学' }),
    ])

    await members.selectTab('other')
    expect(api.memberships.listMembers).toHaveBeenLastCalledWith({ schoolId: 's1', status: undefined })
    expect(members.visibleRows.map((r) => r.membershipId)).toEqual(['b', 'c'])
  })

  it('revoking an approved member keeps them off 已通过', async () => {
    const { api, members } = setup()
    api.memberships.listMembers.mockResolvedValue([])
    await members.selectSchool('s1')
    api.memberships.listMembers.mockResolvedValue([memberRow({ membershipId: 'a', status: 'approved' })])
    await members.selectTab('approved')
    api.memberships.revoke.mockResolvedValue(memberRow({ membershipId: 'a', status: 'revoked', reason: '已毕业' }))

    await members.revoke('a', '已毕业')
    expect(api.memberships.revoke).toHaveBeenCalledWith('a', '已毕业')
    expect(members.visibleRows).toEqual([])
  })

  it('an answer for a school no longer chosen is dropped', async () => {
    const { api, members } = setup()
    let answerFirst: (rows: ReturnType<typeof memberRow>[]) => void = () => {}
    api.memberships.listMembers.mockReturnValueOnce(new Promise((resolve) => (answerFirst = resolve)))
    api.memberships.listMembers.mockResolvedValueOnce([memberRow({ membershipId: 'from-s2', schoolId: 's2' })])

    const first = members.selectSchool('s1')
    await members.selectSchool('s2')
    answerFirst([memberRow({ membershipId: 'from-s1' })])
    await first

    expect(members.visibleRows.map((r) => r.membershipId)).toEqual(['from-s2'])
  })

  it('a failed load shows the error', async () => {
    const { api, members } = setup()
    api.memberships.listMembers.mockRejectedValue(new ApiError(0, 'NETWORK', '网络连接失败，请检查网络后重试'))
    await members.selectSchool('s1')
    expect(members.state).toBe('error')
    expect(members.error).toBe('网络连接失败，请检查网络后重试')
  })
})
