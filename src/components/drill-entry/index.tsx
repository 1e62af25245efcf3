// 我的 → 演练记录: where a principal (and the police) find their schools' drill history.
import { Text } from '@tarojs/components'
import { Cell, CellGroup } from '@nutui/nutui-react-taro'
import { observer } from 'mobx-react-lite'
import { useStores } from '@/stores'
import { openPage } from '@/utils/navigation'
import { drillsPath } from '@/utils/notice-routes'
import './index.scss'

export const DrillHistoryEntry = observer(function DrillHistoryEntry() {
  const { me } = useStores()
  if (!me.managesAnySchool) return null
  return (
    <CellGroup className='drill-entry'>
      <Cell title='演练记录' description='应急演练的情景和改进' clickable onClick={() => openPage(drillsPath())} extra={<Text className='drill-entry__arrow'>›</Text>} />
    </CellGroup>
  )
})
