// Export the station ledger (台账) for a date range as Excel. Browser: the file is saved through
// a download link; WeChat: downloadFile, then openDocument (share or save from there).
import { Text, View } from '@tarojs/components'
import { Button, DatePicker } from '@nutui/nutui-react-taro'
import { observer } from 'mobx-react-lite'
import { useState } from 'react'
import { Chips } from '@/components/chips'
import { useStores } from '@/stores'
import { hazardLedgerStore } from '@/stores/hazards/ledger-store'
import { toast } from '@/utils/feedback'
import { saveExport } from '@/utils/save-export'
import { serverNow } from '@/services/server-clock'

function asDate(day: string): Date {
  const [y, m, d] = day.split('-').map(Number)
  return new Date(y, m - 1, d)
}

export const LedgerExport = observer(function LedgerExport() {
  const ledger = useStores().store(hazardLedgerStore)
  const [picking, setPicking] = useState<'from' | 'to' | null>(null)
  const stations = ledger.stations
  if (!stations.length) return null

  const exportLedger = async () => {
    if (ledger.rangeError) return toast(ledger.rangeError)
    await saveExport(() => ledger.export())
  }

  const today = serverNow()
  return (
    <>
      <View className='section-title'>台账导出</View>
      <View className='card ledger' data-testid='ledger-export'>
        {stations.length > 1 ? (
          <Chips size='small' options={stations.map((s) => ({ value: s.id, label: s.name }))} value={ledger.station?.id} onChange={(id) => ledger.setStation(id)} />
        ) : (
          <Text className='ledger__station'>{stations[0].name}</Text>
        )}
        <View className='ledger__range'>
          <View className='ledger__date' onClick={() => setPicking('from')}>
            <Text className='ledger__date-label'>开始</Text>
            <Text data-testid='ledger-from'>{ledger.from}</Text>
          </View>
          <Text className='ledger__to'>至</Text>
          <View className='ledger__date' onClick={() => setPicking('to')}>
            <Text className='ledger__date-label'>结束</Text>
            <Text data-testid='ledger-to'>{ledger.to}</Text>
          </View>
        </View>
        {ledger.rangeError ? <Text className='ledger__error'>{ledger.rangeError}</Text> : null}
        <Button type='primary' block loading={ledger.exporting} onClick={() => void exportLedger()}>
          导出台账
        </Button>
        <Text className='ledger__hint'>Excel 文件，每条隐患一行：上报时间、类别、学校、状态、交办部门、期限、用时等。</Text>
      </View>
      <DatePicker
        visible={picking !== null}
        type='date'
        title={picking === 'to' ? '结束日期' : '开始日期'}
        showChinese
        value={asDate(picking === 'to' ? ledger.to : ledger.from)}
        startDate={new Date(today.getFullYear() - 3, 0, 1)}
        endDate={today}
        onClose={() => setPicking(null)}
        onConfirm={(_o, values) => {
          const [y, m, d] = values.map((v) => String(v).padStart(2, '0'))
          if (picking === 'to') ledger.setTo(`${y}-${m}-${d}`)
          else ledger.setFrom(`${y}-${m}-${d}`)
        }}
      />
    </>
  )
})
