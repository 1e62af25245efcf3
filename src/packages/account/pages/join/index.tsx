import Taro, { useLoad, useRouter } from '@tarojs/taro'
import { Button as NativeButton, Text, View } from '@tarojs/components'
import { Button, Input } from '@nutui/nutui-react-taro'
import { Scan, SuccessF } from '@nutui/icons-react-taro'
import { observer } from 'mobx-react-lite'
import { useEffect } from 'react'
import { INVITE_CODE_LENGTH, inviteCodeFromScan, inviteCodeFromText } from '@/domain/invite'
import { ROLE_LABELS, SCHOOL_KIND_LABELS } from '@/types/org'
import { MembershipList } from '@/components/membership-list'
import { Chips } from '@/components/chips'
import { PARTICIPANT_KIND_LABELS, VOLUNTEER_KINDS, type VolunteerKind } from '@/types/bulletin'
import { Pill } from '@/components/pill'
import { PageShell } from '@/components/page-shell'
import { LoadingState } from '@/components/page-state'
import { useRequireLogin } from '@/hooks/use-require-login'
import { useStores } from '@/stores'
import { joinStore } from '@/stores/join-store'
import { toast, toastError } from '@/utils/feedback'
import { backToTab } from '@/utils/navigation'
import { ROUTES, joinPath } from '@/utils/routes'
import './index.scss'

const isWeapp = process.env.TARO_ENV === 'weapp'

const JoinPage = observer(function JoinPage() {
  const root = useStores()
  const join = root.store(joinStore)
  const { broadcasts } = root
  const { params } = useRouter()
  // A code from a link (?code=) or a WeChat mini-program code (?scene=).
  const linkCode = params.code ?? (params.scene ? decodeURIComponent(params.scene) : undefined)
  const { ready } = useRequireLogin(linkCode ? joinPath(inviteCodeFromText(linkCode)) : ROUTES.join)

  useLoad(() => {
    join.start(linkCode)
  })
  useEffect(() => {
    if (ready && join.code && !join.preview && join.previewState === 'idle') void join.lookUp()
  }, [ready, join])

  const onCodeInput = (value: string) => {
    join.setCodeInput(value)
    // A full code looks itself up: one step fewer for people copying from a group message.
    if (join.code.length === INVITE_CODE_LENGTH && join.previewState !== 'loading') void join.lookUp()
  }

  const scan = async () => {
    try {
      // the printed 小程序码 (wxCode: WeChat has it, Taro's types do not) as well as the H5 link's QR code
      const scanType = ['wxCode', 'qrCode'] as unknown as Taro.scanCode.Option['scanType']
      const answer = await Taro.scanCode({ onlyFromCamera: false, scanType })
      join.setCodeInput(inviteCodeFromScan(answer))
      await join.lookUp()
    } catch {
      // Cancelled scan: nothing to do.
    }
  }

  const fillPhoneFromWechat = async (detail: { code?: string; errMsg?: string }) => {
    // refused or closed: nothing to do, the number can still be typed in
    if (!detail.code) return
    try {
      await join.fillWechatPhone(detail.code)
    } catch (e) {
      toastError(e, '没能取到手机号，请手动填写')
    }
  }

  const submit = async () => {
    // WeChat: the prompt for the review result and for alarms may only start inside the tap, before any await
    broadcasts.askToSubscribe(true)
    if (!join.preview) await join.lookUp()
    if (!join.preview) return
    if (!join.preview.usable) {
      toast(join.preview.reason ?? '这个邀请码不能使用')
      return
    }
    if (!join.name.trim()) {
      toast('请填写学校看到的称呼')
      return
    }
    if (join.phoneError) {
      toast(join.phoneError)
      return
    }
    try {
      await join.submit()
    } catch (e) {
      toastError(e, '提交失败，请稍后重试')
    }
  }

  if (!ready)
    return (
      <PageShell>
        <LoadingState />
      </PageShell>
    )

  if (join.submitted) {
    return (
      <PageShell className='join'>
        <View className='join__done card'>
          <SuccessF size={48} color='#00b42a' />
          <Text className='join__done-title'>已提交，等待学校审核</Text>
          <Text className='join__done-text'>校长或责任民警审核通过后，你就可以报名值守了。审核结果会显示在「我的」。</Text>
        </View>
        <View className='card join__done-list'>
          <MembershipList memberships={[join.submitted]} />
        </View>
        <View className='join__actions'>
          <Button type='primary' block onClick={() => backToTab(ROUTES.me)}>
            查看我的申请
          </Button>
          <View className='join__gap' />
          <Button block fill='outline' onClick={() => backToTab(ROUTES.home)}>
            返回首页
          </Button>
        </View>
      </PageShell>
    )
  }

  const preview = join.preview
  return (
    <PageShell className='join'>
      <View className='section-title'>邀请码</View>
      <View className='card join__code'>
        <Input className='join__code-input' value={join.codeInput} onChange={onCodeInput} placeholder='请输入邀请码，如 ABCD2345' maxLength={20} clearable />
        <Button size='small' type='primary' fill='outline' loading={join.previewState === 'loading'} onClick={() => void join.lookUp()}>
          查询
        </Button>
        {isWeapp ? (
          <Button size='small' fill='none' icon={<Scan size={16} />} onClick={scan}>
            扫码
          </Button>
        ) : null}
      </View>
      {join.previewState === 'error' && join.previewError ? <View className='join__error'>{join.previewError}</View> : null}

      {preview ? (
        <View className='card join__preview'>
          <View className='join__preview-head'>
            <Text className='join__school'>{preview.schoolName}</Text>
            <Pill tone={preview.usable ? 'success' : 'danger'}>{preview.usable ? '可使用' : '不可使用'}</Pill>
          </View>
          <Text className='join__meta'>
            {SCHOOL_KIND_LABELS[preview.schoolKind]} · 加入身份：{ROLE_LABELS[preview.role]}
          </Text>
          {!preview.usable && preview.reason ? <Text className='join__reason'>{preview.reason}</Text> : null}
        </View>
      ) : null}

      <View className='section-title'>申请信息</View>
      <View className='card join__form'>
        <View className='join__field'>
          <Text className='join__label'>称呼</Text>
          <Input value={join.name} onChange={(v) => join.setName(v)} placeholder='如：王芳（三年级二班 李明妈妈）' maxLength={40} clearable />
        </View>
        <Text className='join__help'>学校审核时看到的称呼，写上孩子的班级便于老师确认。</Text>
        {join.asksVolunteerKind ? (
          <View className='join__field'>
            <Text className='join__label'>我是</Text>
            <Chips<VolunteerKind>
              size='small'
              testId='volunteer-kind'
              options={VOLUNTEER_KINDS.map((k) => ({ value: k, label: PARTICIPANT_KIND_LABELS[k] }))}
              value={join.volunteerKind}
              onChange={(k) => join.setVolunteerKind(k)}
            />
          </View>
        ) : null}
        <View className='join__field'>
          <Text className='join__label'>手机号</Text>
          <Input value={join.phone} onChange={(v) => join.setPhone(v)} placeholder='选填，便于学校联系你' type='number' maxLength={11} clearable />
          {isWeapp ? (
            // WeChat's own button: the person picks a number WeChat has verified; its code is exchanged on the server
            <NativeButton
              className='join__wx-phone'
              size='mini'
              openType='getPhoneNumber'
              disabled={join.phoneFetching}
              onGetPhoneNumber={(e) => void fillPhoneFromWechat(e.detail)}
            >
              {join.phoneFetching ? '获取中…' : '用微信手机号'}
            </NativeButton>
          ) : null}
        </View>
        {join.phoneError ? <Text className='join__field-error'>{join.phoneError}</Text> : null}
      </View>

      <View className='join__actions'>
        <Button type='primary' block size='large' loading={join.submitting} disabled={Boolean(preview && !preview.usable) || join.submitting} onClick={submit}>
          提交申请
        </Button>
        <Text className='join__note'>提交后需学校审核，通过后才能参加值守。</Text>
      </View>
    </PageShell>
  )
})

export default JoinPage
