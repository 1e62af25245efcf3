// In the browser an invite is also a QR code of the H5 join link (WeChat uses its own
// mini-program code). qrcode is imported only in the H5 build, as a separate chunk.
import { Image, View } from '@tarojs/components'
import { useEffect, useState } from 'react'
import { joinPath } from '@/utils/routes'

export function joinLink(code: string): string {
  return `${window.location.origin}/#${joinPath(code)}`
}

export function InviteQr({ code }: { code: string }) {
  const [dataUrl, setDataUrl] = useState<string | null>(null)
  useEffect(() => {
    let alive = true
    if (process.env.TARO_ENV === 'h5') {
      import('qrcode')
        .then((QRCode) => QRCode.toDataURL(joinLink(code), { margin: 1, width: 360, errorCorrectionLevel: 'M' }))
        .then((url) => {
          if (alive) setDataUrl(url)
        })
        .catch(() => {
          if (alive) setDataUrl(null)
        })
    }
    return () => {
      alive = false
    }
  }, [code])

  if (!dataUrl) return null
  return (
    <View className='invite-qr'>
      <Image className='invite-qr__img' src={dataUrl} mode='aspectFit' />
      <View className='invite-qr__text'>用手机扫码打开加入页面</View>
    </View>
  )
}
