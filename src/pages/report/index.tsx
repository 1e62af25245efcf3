import { Warning } from '@nutui/icons-react-taro'
import { TabPlaceholder } from '@/components/tab-placeholder'

export default function ReportPage() {
  return (
    <TabPlaceholder
      icon={<Warning size={36} color='#c9cdd4' />}
      title='还没有上报记录'
      description='你上报的校门口安全隐患（如占道停车、设施损坏）和它们的处理进度会显示在这里。'
    />
  )
}
