// A row of tabs over one list (NutUI's Tabs animates separate panes, which a list that reloads
// per tab does not need).
import { Text, View } from '@tarojs/components'
import './index.scss'

export interface SegmentTab<K extends string> {
  key: K
  title: string
  badge?: number | null
}

export function SegmentTabs<K extends string>({ tabs, value, onChange }: { tabs: SegmentTab<K>[]; value: K; onChange: (key: K) => void }) {
  return (
    <View className='segment-tabs'>
      {tabs.map((t) => (
        <View key={t.key} className={`segment-tabs__tab ${t.key === value ? 'segment-tabs__tab--active' : ''}`} onClick={() => onChange(t.key)}>
          <Text>{t.title}</Text>
          {t.badge ? <Text className='segment-tabs__badge'>{t.badge > 99 ? '99+' : t.badge}</Text> : null}
        </View>
      ))}
    </View>
  )
}
