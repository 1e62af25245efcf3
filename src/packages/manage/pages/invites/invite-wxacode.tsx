// On WeChat an invite is also a mini-program code (wxacode.getUnlimited, made by the server):
// parents scan it with WeChat and land on the join page with the code filled in. It can be saved
// to the album to print for a parents' meeting; long-press offers WeChat's own menu too.
import { Image, Text, View } from '@tarojs/components'
import { Button, Loading } from '@nutui/nutui-react-taro'
import { observer } from 'mobx-react-lite'
import { saveImageToAlbum } from '@/utils/album'
import { useEffect } from 'react'
import { useStores } from '@/stores'
import { invitesStore } from '@/stores/invites-store'

export const InviteWxacode = observer(function InviteWxacode({ inviteId }: { inviteId: string }) {
  const invites = useStores().store(invitesStore)
  useEffect(() => {
    void invites.loadWxacode(inviteId)
  }, [invites, inviteId])
  const code = invites.wxacodes[inviteId]

  if (!code || code.state === 'loading') {
    return (
      <View className='invite-qr' data-testid='invite-wxacode'>
        <Loading direction='vertical'>正在生成小程序码…</Loading>
      </View>
    )
  }
  if (code.state === 'error') {
    return (
      <View className='invite-qr invite-qr--error' data-testid='invite-wxacode'>
        <Text className='invite-qr__text'>{code.message}</Text>
        <Button size='small' fill='outline' onClick={() => void invites.loadWxacode(inviteId)}>
          重试
        </Button>
      </View>
    )
  }
  const save = () => void saveImageToAlbum(code.path)
  return (
    <View className='invite-qr' data-testid='invite-wxacode'>
      <Image className='invite-qr__img' src={code.path} mode='aspectFit' showMenuByLongpress />
      <Text className='invite-qr__text'>家长用微信扫一扫，打开加入页面（邀请码已填好）</Text>
      <Button size='small' fill='outline' onClick={save}>
        保存到相册（可打印张贴）
      </Button>
    </View>
  )
})
