// The admin extends the hazard categories: a name and the severity it proposes.
import { Text, View } from '@tarojs/components'
import { Button, Input } from '@nutui/nutui-react-taro'
import { observer } from 'mobx-react-lite'
import { useState } from 'react'
import { SEVERITIES, SEVERITY_LABELS, type Severity } from '@/types/hazards'
import { Chips } from '@/components/chips'
import { SeverityTag } from '@/components/hazard-tags'
import { PageShell } from '@/components/page-shell'
import { EmptyState, ErrorState, LoadingState } from '@/components/page-state'
import { useRequireLogin } from '@/hooks/use-require-login'
import { useScreen } from '@/hooks/use-screen'
import { useStores } from '@/stores'
import { toast, toastError, toastSuccess } from '@/utils/feedback'
import { HAZARD_ROUTES } from '@/utils/hazard-routes'
import './index.scss'

const CategoriesPage = observer(function CategoriesPage() {
  const { me, hazards } = useStores()
  const { ready } = useRequireLogin(HAZARD_ROUTES.categories)
  const { categories } = hazards
  const [name, setName] = useState('')
  const [severity, setSeverity] = useState<Severity>('medium')
  const isAdmin = me.holds('category.manage')

  useScreen({ load: () => categories.load(), ready })

  if (!ready || !me.me)
    return (
      <PageShell>
        <LoadingState />
      </PageShell>
    )
  if (!isAdmin)
    return (
      <PageShell>
        <EmptyState title='隐患类别全市统一，只有市局可以管理' />
      </PageShell>
    )

  const add = async () => {
    const trimmed = name.trim()
    if (!trimmed) return toast('请填写类别名称')
    try {
      await categories.add(trimmed, severity)
      toastSuccess('已添加')
      setName('')
    } catch (e) {
      toastError(e)
    }
  }

  return (
    <PageShell className='categories'>
      <View className='section-title'>新增类别</View>
      <View className='card categories__form'>
        <Input value={name} onChange={setName} placeholder='类别名称，如：校车停靠' maxLength={20} clearable />
        <Text className='categories__label'>默认严重程度（上报时可调整）</Text>
        <Chips size='small' options={SEVERITIES.map((s) => ({ value: s, label: SEVERITY_LABELS[s] }))} value={severity} onChange={setSeverity} />
        <Button type='primary' block loading={categories.adding} onClick={() => void add()} className='categories__add'>
          添加类别
        </Button>
      </View>

      <View className='section-title'>现有类别</View>
      {categories.state === 'error' ? (
        <ErrorState message={categories.error} onRetry={() => void categories.load()} />
      ) : categories.state !== 'ready' ? (
        <LoadingState />
      ) : (
        <View className='card categories__list'>
          {categories.items.map((c) => (
            <View key={c.id} className='categories__row'>
              <Text>{c.name}</Text>
              <SeverityTag severity={c.defaultSeverity} />
            </View>
          ))}
        </View>
      )}
    </PageShell>
  )
})

export default CategoriesPage
