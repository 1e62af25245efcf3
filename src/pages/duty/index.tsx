import { Clock } from '@nutui/icons-react-taro'
import { TabPlaceholder } from '@/components/tab-placeholder'

export default function DutyPage() {
  return (
    <TabPlaceholder
      icon={<Clock size={36} color='#c9cdd4' />}
      title='还没有值守班次'
      description='学校发布排班后，你报名的班次会显示在这里；到岗时也在这里签到、签退。'
    />
  )
}
