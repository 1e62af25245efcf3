import { ApiError } from '@/services/http'
import { memoryTokenStorage } from '@/services/token-storage'
import { inviteCodeFromText, joinStore } from '@/stores/join-store'
import { invitesStore } from '@/stores/invites-store'
import { RootStore } from '@/stores/root-store'
import { JINGSHAN, atSchool, fakeApi, invite, me, membership } from './support/fixtures'

describe('inviteCodeFromText', () => {
  it.each([
    ['abcd 2345', 'ABCD2345'],
    ['ABCD-2345', 'ABCD2345'],
    ['http://localhost:3000/#/packages/account/pages/join/index?code=ABCD2345', 'ABCD2345'],
    ['pages/join/index?scene=abcd2345', 'ABCD2345'],
  ])('%s → %s', (text, code) => {
    expect(inviteCodeFromText(text)).toBe(code)
  })
})

describe('JoinStore', () => {
  function setup() {
    const api = fakeApi()
    const root = new RootStore(api, memoryTokenStorage('t'))
    root.me.setMe(me([], '林小雨'))
    return { api, root, join: root.store(joinStore) }
  }

  it('looks the code up and applies; the application shows on 我的 as 待审核', async () => {
    const { api, root, join } = setup()
    api.invites.preview.mockResolvedValue({ code: 'ABCD2345', schoolId: 's1', schoolName: JINGSHAN.name, schoolKind: 'primary', role: 'volunteer', usable: true, reason: null })
    const pending = membership({ role: 'volunteer', status: 'pending', scope: atSchool(JINGSHAN) })
    api.memberships.join.mockResolvedValue(pending)

    join.start('abcd-2345')
    await join.lookUp()
    expect(api.invites.preview).toHaveBeenCalledWith('ABCD2345')
    join.setName(' 林小雨（一年级三班 林朵朵妈妈） ')
    expect(join.canSubmit).toBe(true)

    await join.submit()
    expect(api.memberships.join).toHaveBeenCalledWith({ code: 'ABCD2345', name: '林小雨（一年级三班 林朵朵妈妈）', volunteerKind: 'parent' })
    expect(join.submitted).toEqual(pending)
    expect(root.me.memberships).toEqual([pending])
  })

  it('refuses a malformed phone before sending, and sends a valid one', async () => {
    const { api, join } = setup()
    api.invites.preview.mockResolvedValue({ code: 'ABCD2345', schoolId: 's1', schoolName: JINGSHAN.name, schoolKind: 'primary', role: 'volunteer', usable: true, reason: null })
    join.start('ABCD2345')
    await join.lookUp()
    join.setName('王芳')
    join.setPhone('1381234')
    expect(join.phoneError).toBe('请输入 11 位手机号')
    expect(join.canSubmit).toBe(false)
    join.setPhone('13812345678')
    expect(join.canSubmit).toBe(true)
    api.memberships.join.mockResolvedValue(membership({ role: 'volunteer', status: 'pending', scope: atSchool(JINGSHAN) }))
    await join.submit()
    expect(api.memberships.join).toHaveBeenCalledWith({ code: 'ABCD2345', name: '王芳', phone: '13812345678', volunteerKind: 'parent' })
  })

  it('用微信手机号: the button’s code is exchanged on the server and the number fills the form', async () => {
    const { api, root, join } = setup()
    api.me.wechatPhone.mockResolvedValue(me([], '林小雨', '13907910001'))
    const pending = join.fillWechatPhone('wx-phone-code')
    expect(join.phoneFetching).toBe(true)
    await pending
    expect(api.me.wechatPhone).toHaveBeenCalledWith('wx-phone-code')
    expect(join.phone).toBe('13907910001')
    expect(join.phoneError).toBeNull()
    expect(root.me.person?.phone).toBe('13907910001')
    expect(join.phoneFetching).toBe(false)

    api.me.wechatPhone.mockRejectedValueOnce(new ApiError(400, 'BAD_REQUEST', '手机号授权已失效，请重新点击或手动填写', 'code'))
    await expect(join.fillWechatPhone('used')).rejects.toThrow('手机号授权已失效')
    expect(join.phone).toBe('13907910001')
    expect(join.phoneFetching).toBe(false)
  })

  it('an unusable code cannot be submitted; an unknown code shows the server message', async () => {
    const { api, join } = setup()
    api.invites.preview.mockResolvedValue({
      code: 'ABCD2345',
      schoolId: 's1',
      schoolName: JINGSHAN.name,
      schoolKind: 'primary',
      role: 'volunteer',
      usable: false,
      reason: '邀请码已过期',
    })
    join.start('ABCD2345')
    join.setName('王芳')
    await join.lookUp()
    expect(join.canSubmit).toBe(false)

    api.invites.preview.mockRejectedValue(new ApiError(404, 'NOT_FOUND', '邀请码不存在'))
    join.setCodeInput('ZZZZ9999')
    expect(join.preview).toBeNull()
    await join.lookUp()
    expect(join.previewState).toBe('error')
    expect(join.previewError).toBe('邀请码不存在')
  })
})

describe('InvitesStore', () => {
  it('creates an invite with the chosen settings (clamped to the allowed range) and shows it first', async () => {
    const api = fakeApi()
    const root = new RootStore(api, memoryTokenStorage('t'))
    api.invites.list.mockResolvedValue([invite({ id: 'old', code: 'OLDC0DE1' })])
    await root.store(invitesStore).selectSchool('s1')
    api.invites.create.mockResolvedValue(invite({ id: 'new', code: 'NEWC0DE2', role: 'teacher', maxUses: 500 }))

    root.store(invitesStore).setRole('teacher')
    root.store(invitesStore).setValidDays(120)
    root.store(invitesStore).setMaxUses(9999)
    await root.store(invitesStore).create()

    expect(api.invites.create).toHaveBeenCalledWith({ schoolId: 's1', role: 'teacher', validDays: 90, maxUses: 500 })
    expect(root.store(invitesStore).items.map((i) => i.id)).toEqual(['new', 'old'])
    expect(root.store(invitesStore).createdId).toBe('new')
  })

  it('revoking replaces the invite with the server copy', async () => {
    const api = fakeApi()
    const root = new RootStore(api, memoryTokenStorage('t'))
    api.invites.list.mockResolvedValue([invite({ id: 'a', code: 'AAAA2222' })])
    await root.store(invitesStore).selectSchool('s1')
    api.invites.revoke.mockResolvedValue(invite({ id: 'a', code: 'AAAA2222', usable: false, revokedAt: '2026-11-28T02:00:00.000Z' }))

    await root.store(invitesStore).revoke('a')
    expect(root.store(invitesStore).items[0]).toMatchObject({ usable: false })
    expect(root.store(invitesStore).usableCount).toBe(0)
  })

  it('is created on first use, one per root, and forgets the last person when the session ends', async () => {
    const api = fakeApi()
    const root = new RootStore(api, memoryTokenStorage('t'))
    const invites = root.store(invitesStore)
    expect(root.store(invitesStore)).toBe(invites)
    expect(new RootStore(api, memoryTokenStorage('t')).store(invitesStore)).not.toBe(invites)
    api.invites.list.mockResolvedValue([invite({ id: 'a', code: 'AAAA2222' })])
    await invites.selectSchool('s1')
    expect(invites.items).toHaveLength(1)

    root.auth.clearSession()

    expect(invites.schoolId).toBeNull()
    expect(invites.items).toEqual([])
  })
})
