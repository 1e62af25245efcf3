import Taro, { useLoad, useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button, Checkbox, Dialog } from '@nutui/nutui-react-taro'
import { ShieldCheckF } from '@nutui/icons-react-taro'
import { observer } from 'mobx-react-lite'
import { useEffect, useState } from 'react'
import { AgreementDialog, type AgreementKind } from '@/components/agreement-dialog'
import { DemoPeopleList } from '@/components/demo-people-list'
import { PageShell } from '@/components/page-shell'
import { ErrorState, LoadingState } from '@/components/page-state'
import { useStores } from '@/stores'
import { toastError } from '@/utils/feedback'
import { goAfterLogin } from '@/utils/navigation'
import './index.scss'

const isWeapp = process.env.TARO_ENV === 'weapp'

const LoginPage = observer(function LoginPage() {
  const { auth } = useStores()
  const { params } = useRouter()
  // consent given once on this phone is remembered (a session that expired later asks no more)
  const [agreed, setAgreed] = useState(auth.consented)
  const [agreement, setAgreement] = useState<AgreementKind | null>(null)
  // A login tapped before the consent box was ticked: asked for consent first, then run.
  const [waitingForConsent, setWaitingForConsent] = useState<(() => Promise<void>) | null>(null)

  useLoad(() => {
    void auth.loadDemoPeople()
  })

  // Signed in (just now, or already): leave for 首页 or the page that sent us here.
  useEffect(() => {
    if (auth.signedIn) goAfterLogin(params.redirect)
  }, [auth.signedIn, params.redirect])

  const withConsent = (login: () => Promise<void>) => {
    if (agreed) {
      auth.giveConsent()
      void login()
    } else setWaitingForConsent(() => login)
  }

  const loginWithWechat = () =>
    withConsent(async () => {
      try {
        // Taro.login only after consent: the server creates the account from this code
        await auth.loginWithWechat(async () => (await Taro.login()).code)
      } catch (e) {
        toastError(e, '微信登录失败，请稍后重试')
      }
    })

  const loginAsDemo = (personId: string) => {
    if (auth.signingIn) return
    withConsent(async () => {
      try {
        await auth.loginAsDemo(personId)
      } catch (e) {
        toastError(e, '登录失败，请稍后重试')
      }
    })
  }

  const openAgreement = (kind: AgreementKind) => {
    // WeChat's own page for the privacy guide exists from base library 2.32.3; ours otherwise
    if (kind === 'privacy' && isWeapp && Taro.canIUse('openPrivacyContract')) {
      Taro.openPrivacyContract({ fail: () => setAgreement('privacy') })
      return
    }
    setAgreement(kind)
  }

  return (
    <PageShell className='login'>
      <View className='login__brand'>
        <ShieldCheckF size={48} color='#1f6feb' />
        <Text className='login__title'>护学岗</Text>
        <Text className='login__subtitle'>校门护学岗值守 · 家长、学校、民警一起守护上学放学路</Text>
      </View>

      <View className='login__consent'>
        <Checkbox checked={agreed} onChange={setAgreed} className='login__checkbox'>
          <Text className='login__consent-text'>我已阅读并同意</Text>
        </Checkbox>
        <Text
          className='login__link'
          onClick={(e) => {
            e.stopPropagation()
            openAgreement('terms')
          }}
        >
          《用户服务协议》
        </Text>
        <Text className='login__consent-text'>和</Text>
        <Text
          className='login__link'
          onClick={(e) => {
            e.stopPropagation()
            openAgreement('privacy')
          }}
        >
          《隐私政策》
        </Text>
      </View>

      {isWeapp ? (
        <View className='login__wechat'>
          <Button type='primary' block size='large' loading={auth.signingIn === 'wechat'} onClick={loginWithWechat}>
            微信一键登录
          </Button>
        </View>
      ) : null}

      {auth.demoState === 'loading' ? <LoadingState text='正在加载演示账号…' /> : null}
      {auth.demoState === 'error' ? <ErrorState message='演示账号加载失败' onRetry={() => void auth.loadDemoPeople()} /> : null}
      {auth.demoPeople ? (
        <View className='login__demo'>
          <View className='login__demo-head'>
            <Text className='login__demo-title'>演示账号</Text>
            <Text className='login__demo-hint'>当前为演示环境：选择一个身份即可登录体验</Text>
          </View>
          <DemoPeopleList people={auth.demoPeople} busyId={auth.signingIn} onPick={loginAsDemo} />
        </View>
      ) : null}
      {!isWeapp && auth.demoState === 'ready' && !auth.demoPeople ? <View className='login__hint'>请在微信中搜索「护学岗」小程序登录使用。</View> : null}

      <AgreementDialog kind={agreement} onClose={() => setAgreement(null)} />
      <Dialog
        visible={waitingForConsent !== null}
        title='用户协议与隐私政策'
        content='登录前请阅读并同意《用户服务协议》和《隐私政策》。我们只在护学岗值守需要的范围内使用你的信息。'
        confirmText='同意并登录'
        cancelText='不同意'
        onConfirm={() => {
          const login = waitingForConsent
          setAgreed(true)
          auth.giveConsent()
          setWaitingForConsent(null)
          if (login) void login()
        }}
        onCancel={() => setWaitingForConsent(null)}
        onClose={() => setWaitingForConsent(null)}
      />
    </PageShell>
  )
})

export default LoginPage
