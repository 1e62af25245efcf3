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
  const { what, why } = privacy.subject
  return (
    <Popup visible={privacy.visible} position='bottom' round closeOnOverlayClick={false} onClose={() => privacy.disagree()}>
      <View className='privacy-popup'>
        <View className='privacy-popup__title'>隐私保护提示</View>
        <View className='privacy-popup__text' data-testid='privacy-text'>
          护学岗需要使用{what}，用于{why}。使用前请阅读
          <Text className='privacy-popup__link' onClick={() => Taro.openPrivacyContract({})}>
            《护学岗隐私保护指引》
          </Text>
          。同意后继续；拒绝只是这一步无法进行，其他功能不受影响。
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
