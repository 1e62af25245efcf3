// A confirmation that needs a written reason (reject, revoke): the person concerned reads it.
import { View } from '@tarojs/components'
import { Dialog, TextArea } from '@nutui/nutui-react-taro'
import { useEffect, useState } from 'react'
import './index.scss'

export interface ReasonDialogProps {
  visible: boolean
  title: string
  /** What happens, above the text box. */
  message?: string
  placeholder: string
  confirmText: string
  /** Resolve to close; reject to keep the dialog open (the caller has shown why). */
  onConfirm: (reason: string) => Promise<void>
  onCancel: () => void
}

export function ReasonDialog({ visible, title, message, placeholder, confirmText, onConfirm, onCancel }: ReasonDialogProps) {
  const [reason, setReason] = useState('')
  useEffect(() => {
    if (visible) setReason('')
  }, [visible])

  return (
    <Dialog
      className='reason-dialog'
      visible={visible}
      title={title}
      confirmText={confirmText}
      cancelText='取消'
      disableConfirmButton={reason.trim().length === 0}
      closeOnOverlayClick={false}
      onConfirm={() => onConfirm(reason.trim())}
      onCancel={onCancel}
      onClose={onCancel}
    >
      <View className='reason-dialog__body'>
        {message ? <View className='reason-dialog__message'>{message}</View> : null}
        {/* `fixed`: inside a fixed layer WeChat places a native textarea wrongly without it */}
        <TextArea fixed className='reason-dialog__input' value={reason} onChange={setReason} placeholder={placeholder} maxLength={200} showCount rows={3} />
      </View>
    </Dialog>
  )
}
