import { View } from '@tarojs/components'
import { Dialog } from '@nutui/nutui-react-taro'
import { AGREEMENTS, type AgreementKind } from './texts'
import './index.scss'

export function AgreementDialog({ kind, onClose }: { kind: AgreementKind | null; onClose: () => void }) {
  const doc = kind ? AGREEMENTS[kind] : null
  return (
    <Dialog className='agreement-dialog' visible={Boolean(doc)} title={doc?.title} hideCancelButton confirmText='我知道了' onConfirm={onClose} onClose={onClose}>
      <View className='agreement-dialog__body'>
        {doc?.paragraphs.map((p) => (
          <View key={p} className='agreement-dialog__p'>
            {p}
          </View>
        ))}
      </View>
    </Dialog>
  )
}

export type { AgreementKind }
