// WeChat's privacy consent (onNeedPrivacyAuthorization): our popup, the person's choice.
import Taro from '@tarojs/taro'
import { Button as TaroButton, Text, View } from '@tarojs/components'
import { Popup } from '@nutui/nutui-react-taro'
import { observer } from 'mobx-react-lite'
import { useStores } from '@/stores'
import './index.scss'

const AGREE_BUTTON_ID = 'privacy-agree'

export const PrivacyPopup = observer(function PrivacyPopup() {
  const { privacy } = useStores()
  if (process.env.TARO_ENV !== 'weapp') return null
  return (
    <Popup visible={privacy.visible} position='bottom' round closeOnOverlayClick={false} onClose={() => privacy.disagree()}>
      <View className='privacy-popup'>
        <View className='privacy-popup__title'>隐私保护提示</View>
        <View className='privacy-popup__text'>
          护学岗需要获取你的位置（仅在值守签到和在岗期间），用于确认你在校门岗点附近。使用前请阅读
          <Text className='privacy-popup__link' onClick={() => Taro.openPrivacyContract({})}>
            《护学岗隐私保护指引》
          </Text>
          。同意后可继续使用；拒绝将无法签到，其他功能不受影响。
        </View>
        <View className='privacy-popup__actions'>
          <TaroButton className='privacy-popup__btn privacy-popup__btn--ghost' onClick={() => privacy.disagree()}>
            拒绝
          </TaroButton>
          <TaroButton
            id={AGREE_BUTTON_ID}
            className='privacy-popup__btn privacy-popup__btn--primary'
            openType='agreePrivacyAuthorization'
            onAgreePrivacyAuthorization={() => privacy.agree(AGREE_BUTTON_ID)}
          >
            同意
          </TaroButton>
        </View>
      </View>
    </Popup>
  )
})
