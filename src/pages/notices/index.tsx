import { Notice } from '@nutui/icons-react-taro'
import { TabPlaceholder } from '@/components/tab-placeholder'

export default function NoticesPage() {
  return (
    <TabPlaceholder
      icon={<Notice size={36} color='#c9cdd4' />}
      title='暂无通知'
      description='学校和派出所发布的演练、培训和值守通知会显示在这里，需要确认的通知会提醒你回执。'
    />
  )
}
