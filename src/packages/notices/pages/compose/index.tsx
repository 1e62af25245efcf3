// 写通知 (police, admins): type, title, body, time, place and a check-in location, audience
// (schools × roles, 全选), 需要确认, RSVP for trainings, attachments (images, and PDFs: WeChat
// chooseMessageFile, browser file input; 9 in all). 保存草稿, 定时发布, 发布.
// ?noticeId= opens a draft or scheduled notice to edit.
import Taro, { useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button, Checkbox, DatePicker, Dialog, Input, InputNumber, Switch, TextArea } from '@nutui/nutui-react-taro'
import { observer } from 'mobx-react-lite'
import { useEffect, useState, type ChangeEvent } from 'react'
import { NOTICE_TYPES, NOTICE_TYPE_LABELS, type NoticeType } from '@/types/notices'
import { ROLE_LABELS } from '@/types/org'
import { Chips } from '@/components/chips'
import { PageShell } from '@/components/page-shell'
import { EmptyState, ErrorState, LoadingState } from '@/components/page-state'
import { PhotoPicker } from '@/components/photo-picker'
import { useRequireLogin } from '@/hooks/use-require-login'
import { localFileUrl } from '@/services/local-files'
import { taroLocation } from '@/services/location'
import { canPickOnMap, pickOnMap } from '@/services/map-point'
import { useStores } from '@/stores'
import { noticeComposeStore } from '@/stores/notices/compose-store'
import { AUDIENCE_ROLES, BODY_MAX, RADIUS_CHOICES, TITLE_MAX, type ChosenPdf } from '@/stores/notices/compose-store'
import { toast, toastSuccess } from '@/utils/feedback'
import { composePath, noticePath } from '@/utils/notice-routes'
import { actionMessage, addMinutes, audienceText, dateTimeText, instantFromPicker, pickerDate, roundUp } from '@/utils/notices'
import { PdfRow } from '../../components/pdf-row'
import { PickerField } from '../../components/picker-field'
import { serverNow } from '@/services/server-clock'
import './index.scss'

type Confirm = { kind: 'publish' } | { kind: 'schedule'; at: string } | null

const TYPE_OPTIONS = NOTICE_TYPES.map((t) => ({ value: t, label: NOTICE_TYPE_LABELS[t] }))
const RADIUS_OPTIONS = RADIUS_CHOICES.map((r) => ({ value: String(r), label: `${r} 米` }))

const LocationField = observer(function LocationField() {
  const compose = useStores().store(noticeComposeStore)
  const [locating, setLocating] = useState(false)
  const place = compose.location

  const here = async () => {
    setLocating(true)
    try {
      const fix = await taroLocation.current()
      compose.setLocation(fix, '我的当前位置')
    } catch (e) {
      toast(actionMessage(e, '定位失败，请稍后重试'))
    } finally {
      setLocating(false)
    }
  }
  const onMap = async () => {
    try {
      const picked = await pickOnMap(place ?? compose.schoolOptions[0])
      if (picked) compose.setLocation(picked, picked.name || '地图选点', picked.name)
    } catch (e) {
      toast(actionMessage(e, '选点失败，请稍后重试'))
    }
  }

  return (
    <View className='notice-compose__location' data-testid='location-field'>
      {place ? (
        <View className='notice-compose__place'>
          <View className='notice-compose__place-text'>
            <Text className='notice-compose__place-name'>签到位置：{place.label}</Text>
            <Text className='notice-compose__muted'>
              {place.lat.toFixed(5)}, {place.lng.toFixed(5)} · 半径 {place.radiusM} 米
            </Text>
          </View>
          <Text className='notice-compose__link' onClick={() => compose.clearLocation()}>
            清除
          </Text>
        </View>
      ) : (
        <Text className='notice-compose__muted'>参加的人到这个位置附近才能现场签到{compose.needsLocation ? '（发布前必填）' : ''}</Text>
      )}
      <View className='notice-compose__location-actions'>
        <Button size='small' fill='outline' type='primary' loading={locating} onClick={here}>
          使用当前位置
        </Button>
        {canPickOnMap ? (
          <Button size='small' fill='outline' type='primary' onClick={onMap}>
            在地图上选择
          </Button>
        ) : null}
      </View>
      {compose.schoolOptions.length ? (
        <View className='notice-compose__school-places'>
          <Text className='notice-compose__muted'>或在学校举行：</Text>
          <Chips
            size='small'
            options={compose.schoolOptions.map((s) => ({ value: s.id, label: s.name }))}
            value={compose.schoolOptions.find((s) => place && s.lat === place.lat && s.lng === place.lng)?.id ?? null}
            onChange={(id) => {
              const s = compose.schoolOptions.find((x) => x.id === id)
              if (s) compose.setLocation(s, s.name, s.name)
            }}
            testId='school-places'
          />
        </View>
      ) : null}
      {place ? (
        <View className='notice-compose__radius'>
          <Text className='notice-compose__muted'>签到范围</Text>
          <Chips size='small' options={RADIUS_OPTIONS} value={String(place.radiusM)} onChange={(r) => compose.setRadius(Number(r))} />
        </View>
      ) : null}
    </View>
  )
})

const PdfField = observer(function PdfField() {
  const compose = useStores().store(noticeComposeStore)

  const add = async (chosen: ChosenPdf) => {
    try {
      await compose.addPdf(chosen)
    } catch (e) {
      toast(actionMessage(e, '添加失败，请稍后重试'))
    }
  }
  const choose = async () => {
    if (process.env.TARO_ENV === 'h5') return // the file input laid over the button takes the tap
    let chosen: Taro.chooseMessageFile.ChooseFile | undefined
    try {
      chosen = (await Taro.chooseMessageFile({ count: 1, type: 'file', extension: ['pdf'] })).tempFiles[0]
    } catch {
      return // closed without choosing
    }
    if (chosen) await add({ path: chosen.path, name: chosen.name, size: chosen.size })
  }
  const onFile = (event: ChangeEvent<HTMLInputElement>) => {
    const input = event.target
    const file = input.files?.[0]
    input.value = '' // the same file can be chosen again after removing it
    if (!file) return
    const chosen = { name: file.name, size: file.size, type: file.type }
    const refusal = compose.pdfRefusal(chosen)
    if (refusal) return toast(refusal)
    // uploaded as the File itself (the CSP forbids fetching blob: URLs), like the photos
    void add({ ...chosen, path: localFileUrl(file) })
  }

  return (
    <View className='notice-compose__pdfs' data-testid='pdf-field'>
      {compose.pdfRows.map((r) => (
        <PdfRow
          key={r.key}
          name={r.name}
          size={r.size}
          testId='pdf-draft'
          note={r.state === 'uploading' ? '正在上传…' : r.state === 'error' ? <Text className='notice-compose__pdf-error'>{r.error ?? '上传失败'}</Text> : null}
        >
          {r.state === 'error' ? (
            <Text className='pdf-row__action' onClick={() => void compose.retryPdf(r.key)}>
              重试
            </Text>
          ) : null}
          <Text className='pdf-row__action pdf-row__action--danger' data-testid='pdf-remove' onClick={() => compose.removePdf(r.key)}>
            删除
          </Text>
        </PdfRow>
      ))}
      {compose.canAddPdf ? (
        <View className='notice-compose__pdf-add' onClick={choose}>
          <Text>＋ 添加 PDF</Text>
          {/* written out so that the WeChat build drops it */}
          {process.env.TARO_ENV === 'h5' ? (
            <input className='notice-compose__pdf-input' type='file' accept='application/pdf,.pdf' data-testid='pdf-input' onChange={onFile} />
          ) : null}
        </View>
      ) : null}
      <Text className='notice-compose__muted'>图片和 PDF 合计最多 9 个，每个不超过 10 MB</Text>
    </View>
  )
})

const AudienceField = observer(function AudienceField() {
  const compose = useStores().store(noticeComposeStore)
  return (
    <View className='notice-compose__audience' data-testid='audience-field'>
      <View className='notice-compose__group'>
        <View className='notice-compose__group-head'>
          <Text className='notice-compose__label'>学校</Text>
          <Checkbox checked={compose.allSchools} onChange={(v) => compose.setAllSchools(v)}>
            全选
          </Checkbox>
        </View>
        {compose.schoolOptions.map((s) => (
          <Checkbox key={s.id} className='notice-compose__check' checked={compose.schoolIds.includes(s.id)} onChange={() => compose.toggleSchool(s.id)}>
            {s.name}
          </Checkbox>
        ))}
      </View>
      <View className='notice-compose__group'>
        <View className='notice-compose__group-head'>
          <Text className='notice-compose__label'>角色</Text>
          <Checkbox checked={compose.allRoles} onChange={(v) => compose.setAllRoles(v)}>
            全选
          </Checkbox>
        </View>
        <View className='notice-compose__roles'>
          {AUDIENCE_ROLES.map((r) => (
            <Checkbox key={r} className='notice-compose__check notice-compose__check--inline' checked={compose.roles.includes(r)} onChange={() => compose.toggleRole(r)}>
              {ROLE_LABELS[r]}
            </Checkbox>
          ))}
        </View>
      </View>
      {compose.audienceProblem ? <Text className='notice-compose__problem'>{compose.audienceProblem}</Text> : null}
    </View>
  )
})

const ComposePage = observer(function ComposePage() {
  const { params } = useRouter()
  const noticeId = params.noticeId ? decodeURIComponent(params.noticeId) : null
  const { ready } = useRequireLogin(composePath(noticeId ?? undefined))
  const root = useStores()
  const { me, schools } = root
  const compose = root.store(noticeComposeStore)
  const [confirm, setConfirm] = useState<Confirm>(null)
  const [pickingSchedule, setPickingSchedule] = useState(false)

  useEffect(() => {
    if (!ready) return
    void schools.load()
    void compose.loadThemes()
    if (noticeId) void compose.edit(noticeId)
    else compose.startNew()
  }, [ready, noticeId, schools, compose])
  const schoolCount = schools.items.length
  useEffect(() => {
    compose.defaultSchoolsIfEmpty()
  }, [schoolCount, compose])

  if (!ready || compose.state === 'loading' || (schools.state !== 'ready' && !schools.items.length)) {
    if (schools.state === 'error')
      return (
        <PageShell>
          <ErrorState message={schools.error} onRetry={() => void schools.load()} />
        </PageShell>
      )
    return (
      <PageShell>
        <LoadingState />
      </PageShell>
    )
  }
  if (compose.state === 'error') {
    return (
      <PageShell>
        <ErrorState message={compose.error} onRetry={noticeId ? () => void compose.edit(noticeId) : undefined} />
      </PageShell>
    )
  }
  if (!compose.schoolOptions.length) {
    return (
      <PageShell>
        <EmptyState title='没有可以发通知的学校' description={me.grants.length ? '只有责任民警和管理员可以向辖区学校发布通知。' : '请先登录'} />
      </PageShell>
    )
  }

  const now = serverNow()
  const startDefault = roundUp(new Date(now.getTime() + 60_000), 5)

  const saveDraft = async () => {
    try {
      await compose.saveDraft()
      toastSuccess('草稿已保存')
    } catch (e) {
      toast(actionMessage(e, '保存失败，请稍后重试'))
    }
  }
  const askPublish = () => {
    if (compose.publishProblem) return toast(compose.publishProblem)
    setConfirm({ kind: 'publish' })
  }
  const askSchedule = () => {
    if (compose.publishProblem) return toast(compose.publishProblem)
    setPickingSchedule(true)
  }
  const confirmed = async () => {
    const c = confirm
    if (!c) return
    try {
      const notice = c.kind === 'publish' ? await compose.publishNow() : await compose.schedule(c.at)
      setConfirm(null)
      toastSuccess(c.kind === 'publish' ? '已发布' : '已定时发布')
      void Taro.redirectTo({ url: noticePath(notice.id) })
    } catch (e) {
      setConfirm(null)
      toast(actionMessage(e, '发布失败，请稍后重试'))
    }
  }

  const audience = audienceText({ audience: compose.input.audience }, (id) => schools.byId(id)?.name)

  return (
    <PageShell className='notice-compose'>
      <View className='section-title'>类型</View>
      <View className='card'>
        <Chips<NoticeType> options={TYPE_OPTIONS} value={compose.type} onChange={(t) => compose.setType(t)} testId='notice-type' />
      </View>
      {compose.needsEventTime && compose.themes.length ? (
        <>
          <View className='section-title'>安全教育主题</View>
          <View className='card'>
            <Chips
              size='small'
              options={compose.themes.map((t) => ({ value: t.id, label: t.name }))}
              value={compose.themeId}
              onChange={(id) => compose.setTheme(id)}
              testId='notice-theme'
            />
          </View>
        </>
      ) : null}

      <View className='section-title'>内容</View>
      <View className='card notice-compose__form'>
        <View className='notice-compose__field'>
          <Text className='notice-compose__label'>标题</Text>
          <Input value={compose.title} onChange={(v) => compose.setTitle(v)} placeholder='如：护学岗交通疏导培训' maxLength={TITLE_MAX} clearable />
        </View>
        <TextArea
          className='notice-compose__body'
          value={compose.body}
          onChange={(v) => compose.setBody(v)}
          placeholder='通知内容：做什么、要准备什么、注意事项'
          maxLength={BODY_MAX}
          showCount
          autoSize
        />
      </View>

      <View className='section-title'>时间和地点</View>
      <View className='card notice-compose__form'>
        <PickerField
          label='开始时间'
          type='datetime'
          required={compose.needsEventTime}
          value={compose.eventAt ? pickerDate(compose.eventAt) : null}
          initial={pickerDate(startDefault)}
          display={compose.eventAt ? dateTimeText(compose.eventAt) : null}
          placeholder={compose.needsEventTime ? '请选择' : '选填'}
          startDate={pickerDate(now.toISOString())}
          onConfirm={(d) => compose.setEventAt(instantFromPicker(d))}
          onClear={compose.needsEventTime ? undefined : () => compose.setEventAt(null)}
          testId='event-start'
        />
        {compose.eventAt ? (
          <PickerField
            label='结束时间'
            type='datetime'
            value={compose.eventEndAt ? pickerDate(compose.eventEndAt) : null}
            initial={pickerDate(addMinutes(compose.eventAt, 60))}
            display={compose.eventEndAt ? dateTimeText(compose.eventEndAt) : null}
            placeholder='选填，默认开始后 2 小时'
            startDate={pickerDate(compose.eventAt)}
            onConfirm={(d) => compose.setEventEndAt(instantFromPicker(d))}
            onClear={() => compose.setEventEndAt(null)}
            testId='event-end'
          />
        ) : null}
        <View className='notice-compose__field'>
          <Text className='notice-compose__label'>地点{compose.needsLocation ? <Text className='notice-compose__required'>*</Text> : null}</Text>
          <Input value={compose.place} onChange={(v) => compose.setPlace(v)} placeholder='如：京山小学报告厅' maxLength={100} clearable />
        </View>
        {compose.needsLocation ? <LocationField /> : null}
      </View>

      <View className='section-title'>发给谁</View>
      <View className='card'>
        <AudienceField />
        <View className='notice-compose__switch'>
          <View className='notice-compose__switch-text'>
            <Text className='notice-compose__label'>需要确认收到</Text>
            <Text className='notice-compose__muted'>收到的人要点“确认收到”，未确认的可以再次提醒</Text>
          </View>
          <Switch checked={compose.ackRequired} onChange={(v) => compose.setAckRequired(v)} />
        </View>
      </View>

      {compose.takesRsvp ? (
        <>
          <View className='section-title'>报名</View>
          <View className='card notice-compose__form'>
            <View className='notice-compose__field notice-compose__field--between'>
              <Text className='notice-compose__label'>报名名额</Text>
              <InputNumber value={compose.rsvpCapacity} min={1} max={10000} onChange={(v) => compose.setCapacity(Number(v))} />
            </View>
            <PickerField
              label='报名截止'
              type='datetime'
              value={compose.rsvpDeadline ? pickerDate(compose.rsvpDeadline) : null}
              initial={pickerDate(compose.eventAt ? addMinutes(compose.eventAt, -60) : startDefault)}
              display={compose.rsvpDeadline ? dateTimeText(compose.rsvpDeadline) : null}
              placeholder='选填，不填则报满为止'
              startDate={pickerDate(now.toISOString())}
              onConfirm={(d) => compose.setDeadline(instantFromPicker(d))}
              onClear={() => compose.setDeadline(null)}
              testId='rsvp-deadline'
            />
          </View>
        </>
      ) : null}

      <View className='section-title'>附件</View>
      <View className='card'>
        <PhotoPicker uploads={compose.attachments} hint='图片：如现场示意图、路线图' />
        <PdfField />
      </View>

      {compose.problem ? <Text className='notice-compose__hint'>{compose.problem}</Text> : null}

      <View className='notice-compose__bar'>
        <Button fill='outline' loading={compose.saving === 'draft'} disabled={compose.saving !== null} onClick={saveDraft}>
          保存草稿
        </Button>
        <Button fill='outline' type='primary' loading={compose.saving === 'schedule'} disabled={compose.saving !== null} onClick={askSchedule}>
          定时发布
        </Button>
        <Button type='primary' loading={compose.saving === 'publish'} disabled={compose.saving !== null} onClick={askPublish}>
          发布
        </Button>
      </View>

      <DatePicker
        visible={pickingSchedule}
        title='选择发布时间'
        type='datetime'
        value={pickerDate(roundUp(new Date(now.getTime() + 30 * 60_000), 5))}
        minuteStep={5}
        showChinese
        startDate={pickerDate(now.toISOString())}
        endDate={new Date(now.getFullYear() + 1, 11, 31)}
        onClose={() => setPickingSchedule(false)}
        onConfirm={(_o, values) => {
          const [y, m, d, h, mi] = values.map((v) => Number(v))
          setConfirm({ kind: 'schedule', at: instantFromPicker(new Date(y, m - 1, d, h, mi)) })
        }}
      />
      <Dialog
        visible={confirm !== null}
        title={confirm?.kind === 'schedule' ? '定时发布' : '发布通知'}
        content={
          confirm?.kind === 'schedule'
            ? `将于 ${dateTimeText(confirm.at)} 发给 ${audience}。发布前仍可修改或撤回。`
            : `发布后，${audience} 会马上收到通知，内容不能再修改（可以撤回）。`
        }
        confirmText={confirm?.kind === 'schedule' ? '确认定时' : '发布'}
        cancelText='再想想'
        onConfirm={confirmed}
        onCancel={() => setConfirm(null)}
        onClose={() => setConfirm(null)}
      />
    </PageShell>
  )
})

export default ComposePage
