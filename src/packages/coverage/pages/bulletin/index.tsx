// The campus-safety bulletin (简报): a period and an area the person reaches, the figures laid out
// as the Word document lays them out (domain/bulletin-report.ts), and the two downloads.
import { ScrollView, Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { observer } from 'mobx-react-lite'
import { bulletinReport, type ReportTable } from '@/domain/bulletin-report'
import { Chips } from '@/components/chips'
import { PageShell } from '@/components/page-shell'
import { EmptyState, LoadingState, screenGate } from '@/components/page-state'
import { useRequireLogin } from '@/hooks/use-require-login'
import { useScreen } from '@/hooks/use-screen'
import { useStores } from '@/stores'
import { BULLETIN_PERIODS, bulletinStore, type BulletinPeriod } from '@/stores/coverage/bulletin-store'
import { COVERAGE_ROUTES } from '@/utils/coverage-routes'
import { saveExport } from '@/utils/save-export'
import './index.scss'

function Table({ table }: { table: ReportTable }) {
  return (
    <ScrollView scrollX className='bulletin__table-scroll'>
      <View className='bulletin__table' data-testid='bulletin-table'>
        <View className='bulletin__tr bulletin__tr--head'>
          {table.headers.map((h, i) => (
            <Text key={i} className={`bulletin__td ${i === 0 ? 'bulletin__td--first' : ''}`}>
              {h}
            </Text>
          ))}
        </View>
        {table.rows.map((r, k) => (
          <View key={k} className='bulletin__tr'>
            {r.map((c, i) => (
              <Text key={i} className={`bulletin__td ${i === 0 ? 'bulletin__td--first' : ''}`}>
                {c}
              </Text>
            ))}
          </View>
        ))}
      </View>
    </ScrollView>
  )
}

const BulletinPage = observer(function BulletinPage() {
  const root = useStores()
  const { me, schools } = root
  const { ready } = useRequireLogin(COVERAGE_ROUTES.bulletin)
  const store = root.store(bulletinStore)

  useScreen({
    load: async () => {
      await schools.load()
      await store.load({ quiet: true })
    },
    ready,
    refresh: () => store.load({ quiet: true }),
  })

  if (!ready || !me.me)
    return (
      <PageShell>
        <LoadingState />
      </PageShell>
    )
  if (!me.holds('bulletin.view')) {
    return (
      <PageShell>
        <EmptyState title='只有民警、区县管理员和市局可以查看简报' description='简报汇总一个派出所、区县或全市的护学岗、演练、隐患与安全教育数字。' />
      </PageShell>
    )
  }
  const areas = store.areas
  const chosen = store.chosenArea
  const b = store.current
  const report = b ? bulletinReport(b) : null

  return (
    <PageShell className='bulletin'>
      <View className='bulletin__filters'>
        <Chips<BulletinPeriod>
          size='small'
          testId='bulletin-period'
          options={BULLETIN_PERIODS.map((p) => ({ value: p.key, label: p.title }))}
          value={store.period}
          onChange={(p) => void store.setPeriod(p)}
        />
        {areas.length > 1 ? (
          <Chips
            size='small'
            testId='bulletin-area'
            options={areas.map((a) => ({ value: `${a.level}:${a.id ?? ''}`, label: a.name }))}
            value={chosen ? `${chosen.level}:${chosen.id ?? ''}` : null}
            onChange={(v) => {
              const area = areas.find((a) => `${a.level}:${a.id ?? ''}` === v)
              if (area) void store.setArea(area)
            }}
          />
        ) : null}
      </View>
      {screenGate(store, () => void store.load(), { has: !!report })}
      {report ? (
        <>
          <View className='card bulletin__head' data-testid='bulletin-head'>
            <Text className='bulletin__title'>{report.title}</Text>
            <Text className='bulletin__meta'>{report.period}</Text>
            <Text className='bulletin__meta'>{report.scope}</Text>
          </View>
          {report.sections.map((s) => (
            <View key={s.heading} className='card bulletin__section' data-testid='bulletin-section'>
              <Text className='bulletin__heading'>{s.heading}</Text>
              {s.paragraphs.map((p, i) => (
                <Text key={i} className='bulletin__p'>
                  {p}
                </Text>
              ))}
              {s.tables.map((t, i) => (
                <Table key={i} table={t} />
              ))}
            </View>
          ))}
          <View className='bulletin__downloads'>
            <Button type='primary' block loading={store.downloading === 'docx'} onClick={() => void saveExport(() => store.download('docx'))}>
              下载 Word 简报
            </Button>
            <Button block loading={store.downloading === 'xlsx'} onClick={() => void saveExport(() => store.download('xlsx'))}>
              下载 Excel 数据
            </Button>
            <Text className='bulletin__hint'>与页面数字相同；每项都与上一段同样长的时间相比。</Text>
          </View>
        </>
      ) : null}
    </PageShell>
  )
})

export default BulletinPage
