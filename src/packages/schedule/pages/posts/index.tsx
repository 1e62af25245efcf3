// 岗点: a school's gates with their GCJ-02 position and check-in radius; add or change one,
// taking the position from where the officer stands, or (WeChat) picking it on the map.
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button, Input, InputNumber, Popup } from '@nutui/nutui-react-taro'
import { Location } from '@nutui/icons-react-taro'
import { observer } from 'mobx-react-lite'
import { useState } from 'react'
import type { Post } from '@/types/org'
import { PageShell } from '@/components/page-shell'
import { EmptyState, ErrorState, LoadingState } from '@/components/page-state'
import { SchoolPicker } from '@/components/school-picker'
import { useScreen } from '@/hooks/use-screen'
import { useStores } from '@/stores'
import { scheduleStore } from '@/stores/duty/schedule-store'
import { toast, toastError, toastSuccess } from '@/utils/feedback'
import { DUTY_ROUTES } from '@/utils/duty-routes'
import { locationErrorFrom } from '@/services/location'
import { useManagedSchool } from '../../hooks/use-managed-school'
import './index.scss'

const isWeapp = process.env.TARO_ENV === 'weapp'

interface PostForm {
  id: string | null
  name: string
  lat: string
  lng: string
  radiusM: number
}

function formProblem(f: PostForm): string | null {
  if (!f.name.trim()) return '请填写岗点名称，如 南门（京山北路）'
  const lat = Number(f.lat)
  const lng = Number(f.lng)
  if (!f.lat || !Number.isFinite(lat) || lat < 3 || lat > 54) return '纬度应在 3–54 之间（GCJ-02）'
  if (!f.lng || !Number.isFinite(lng) || lng < 73 || lng > 136) return '经度应在 73–136 之间（GCJ-02）'
  if (f.radiusM < 30 || f.radiusM > 2000) return '签到半径应在 30–2000 米之间'
  return null
}

const PostsPage = observer(function PostsPage() {
  const root = useStores()
  const { schools, checkin, duty } = root
  const schedule = root.store(scheduleStore)
  const { ready, managed, school } = useManagedSchool(DUTY_ROUTES.posts, () => {})
  const [form, setForm] = useState<PostForm | null>(null)
  const [locating, setLocating] = useState(false)

  useScreen({ refresh: () => schools.load() })

  if (!ready) {
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
  if (!managed.length || !school) {
    return (
      <PageShell>
        <EmptyState title='没有可管理的学校' description='岗点由学校校长和责任民警维护。' />
      </PageShell>
    )
  }

  const radiusDefault = duty.settingsOf(school.id).defaultRadiusM
  const edit = (p: Post | null) =>
    setForm(p ? { id: p.id, name: p.name, lat: String(p.lat), lng: String(p.lng), radiusM: p.radiusM } : { id: null, name: '', lat: '', lng: '', radiusM: radiusDefault })

  const useHere = async () => {
    if (!form) return
    setLocating(true)
    try {
      const fix = await checkin.locate()
      setForm({ ...form, lat: fix.lat.toFixed(6), lng: fix.lng.toFixed(6) })
      toast(`已填入当前位置（精度约 ${Math.round(fix.accuracy)} 米）`)
    } catch (e) {
      toast(locationErrorFrom(e).message)
    } finally {
      setLocating(false)
    }
  }

  const pickOnMap = async () => {
    if (!form) return
    try {
      const near = form.lat && form.lng ? { latitude: Number(form.lat), longitude: Number(form.lng) } : { latitude: school.lat, longitude: school.lng }
      const res = await Taro.chooseLocation(near)
      setForm({ ...form, lat: res.latitude.toFixed(6), lng: res.longitude.toFixed(6), name: form.name || res.name || '' })
    } catch (e) {
      if (!/cancel/i.test(String((e as { errMsg?: string })?.errMsg ?? ''))) toast(locationErrorFrom(e).message)
    }
  }

  const save = async () => {
    if (!form) return
    const problem = formProblem(form)
    if (problem) {
      toast(problem)
      return
    }
    try {
      await schedule.savePost(form.id, { name: form.name.trim(), lat: Number(form.lat), lng: Number(form.lng), radiusM: form.radiusM })
      toastSuccess(form.id ? '已保存' : '已添加岗点')
      setForm(null)
    } catch (e) {
      toastError(e)
    }
  }

  return (
    <PageShell className='posts'>
      <SchoolPicker schools={managed} value={schedule.schoolId} onChange={(id) => schedule.selectSchool(id)} />
      <View className='section-title'>{school.name}的岗点</View>
      {school.posts.length === 0 ? <EmptyState title='还没有岗点' description='先添加校门岗点，再为它设置排班模板。' /> : null}
      {school.posts.map((p) => (
        <View key={p.id} className='post card' data-testid='post'>
          <View className='post__head'>
            <Text className='post__name'>{p.name}</Text>
            <Text className='post__edit' onClick={() => edit(p)}>
              修改
            </Text>
          </View>
          <Text className='post__fact'>
            <Location size={12} /> {p.lat.toFixed(5)}, {p.lng.toFixed(5)}（GCJ-02）
          </Text>
          <Text className='post__fact'>签到范围半径 {p.radiusM} 米（另加定位误差，最多 100 米）</Text>
        </View>
      ))}
      <View className='posts__add'>
        <Button type='primary' block onClick={() => edit(null)}>
          添加岗点
        </Button>
      </View>

      <Popup visible={form !== null} position='bottom' round onClose={() => setForm(null)}>
        {form ? (
          <View className='posts__form'>
            <Text className='posts__title'>{form.id ? '修改岗点' : '添加岗点'}</Text>
            <Text className='posts__label'>名称</Text>
            <Input className='posts__input' value={form.name} onChange={(v) => setForm({ ...form, name: v })} placeholder='如 南门（京山北路）' maxLength={30} />
            <Text className='posts__label'>位置（GCJ-02，与微信定位一致）</Text>
            <View className='posts__coords'>
              <Input className='posts__input posts__input--half' type='digit' value={form.lat} onChange={(v) => setForm({ ...form, lat: v })} placeholder='纬度 28.64' />
              <Input className='posts__input posts__input--half' type='digit' value={form.lng} onChange={(v) => setForm({ ...form, lng: v })} placeholder='经度 115.91' />
            </View>
            <View className='posts__where'>
              <Button size='small' fill='outline' type='primary' loading={locating} onClick={useHere}>
                用我现在的位置
              </Button>
              {isWeapp ? (
                <Button size='small' fill='outline' type='primary' onClick={pickOnMap}>
                  在地图上选
                </Button>
              ) : null}
            </View>
            <Text className='posts__hint'>站在校门口点「用我现在的位置」最准确。</Text>
            <View className='posts__row'>
              <Text className='posts__label posts__label--inline'>签到半径（米）</Text>
              <InputNumber value={form.radiusM} min={30} max={2000} step={10} onChange={(v) => setForm({ ...form, radiusM: Number(v) })} />
            </View>
            <Button type='primary' block loading={schedule.saving} onClick={save}>
              保存
            </Button>
          </View>
        ) : null}
      </Popup>
    </PageShell>
  )
})

export default PostsPage
