// The invite's mini-program code on WeChat: fetched once, shown as an image to scan or save; when
// the server cannot make one (no WeChat credentials, WeChat refused), the reason and a retry.
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react'
import { ApiError } from '@/services/http'
import { memoryTokenStorage } from '@/services/token-storage'
import { StoresProvider } from '@/stores'
import { RootStore } from '@/stores/root-store'
import { invitesStore } from '@/stores/invites-store'
import { InviteWxacode } from '@/packages/manage/pages/invites/invite-wxacode'
import { fakeApi } from './support/fixtures'

function setup() {
  const api = fakeApi()
  const root = new RootStore(api, memoryTokenStorage('t'))
  const view = () =>
    render(
      <StoresProvider store={root}>
        <InviteWxacode inviteId='inv1' />
      </StoresProvider>,
    )
  return { api, root, view }
}

it('shows the code the server made, with a way to save it for printing', async () => {
  const { api, view } = setup()
  api.invites.wxacode.mockResolvedValue('wxfile://tmp/wxacode.jpg')
  view()
  expect(screen.getByText('正在生成小程序码…')).toBeInTheDocument()
  await screen.findByText('家长用微信扫一扫，打开加入页面（邀请码已填好）')
  // Taro's <Image> draws its <img> once its web component is ready: waited for, not assumed
  await waitFor(() => expect(screen.getByTestId('invite-wxacode').querySelector('img')?.getAttribute('src')).toBe('wxfile://tmp/wxacode.jpg'))
  expect(screen.getByText('保存到相册（可打印张贴）')).toBeInTheDocument()
  expect(api.invites.wxacode).toHaveBeenCalledWith('inv1')
})

it('asks the server once per invite, however often the code is shown', async () => {
  const { api, root, view } = setup()
  api.invites.wxacode.mockResolvedValue('wxfile://tmp/wxacode.jpg')
  view().unmount()
  await waitFor(() => expect(root.store(invitesStore).wxacodes.inv1?.state).toBe('ready'))
  view()
  await screen.findByText('保存到相册（可打印张贴）')
  expect(api.invites.wxacode).toHaveBeenCalledTimes(1)
})

it('says why there is no code, and tries again on 重试', async () => {
  const { api, view } = setup()
  api.invites.wxacode.mockRejectedValueOnce(new ApiError(503, 'WECHAT_UNAVAILABLE', '服务器没有配置微信小程序（WX_APPID、WX_SECRET），不能生成小程序码；可以把邀请码发给家长'))
  view()
  await screen.findByText(/服务器没有配置微信小程序/)
  api.invites.wxacode.mockResolvedValueOnce('wxfile://tmp/wxacode.jpg')
  await act(async () => {
    fireEvent.click(screen.getByText('重试'))
  })
  await screen.findByText('保存到相册（可打印张贴）')
  expect(api.invites.wxacode).toHaveBeenCalledTimes(2)
})
