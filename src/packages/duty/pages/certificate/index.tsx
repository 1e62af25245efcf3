// 志愿服务证明: the certificate drawn on a canvas, saved as an image (WeChat: to the photo album;
// browser: a PNG download) or printed / saved as a PDF from the browser's print dialog.
import Taro from '@tarojs/taro'
import { Canvas, Image, Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { observer } from 'mobx-react-lite'
import { saveImageToAlbum } from '@/utils/album'
import { useEffect, useRef, useState } from 'react'
import { PageShell } from '@/components/page-shell'
import { EmptyState, ErrorState, LoadingState } from '@/components/page-state'
import { SchoolPicker } from '@/components/school-picker'
import { useRequireLogin } from '@/hooks/use-require-login'
import { useScreen } from '@/hooks/use-screen'
import { useStores } from '@/stores'
import type { Certificate } from '@/types/attendance'
import { toast, toastSuccess } from '@/utils/feedback'
import { DUTY_ROUTES } from '@/utils/duty-routes'
import { SHEET, certificateText, drawCertificate, type Ctx2D } from './draw'
import './index.scss'

const isWeapp = process.env.TARO_ENV === 'weapp'

function fileName(c: Certificate): string {
  return `志愿服务证明-${c.personName}-${c.serial}.png`
}

/** Browser: draws offscreen at twice the sheet's size and returns a PNG data URL. */
function renderPng(c: Certificate): string {
  const canvas = document.createElement('canvas')
  canvas.width = SHEET.width * 2
  canvas.height = SHEET.height * 2
  const ctx = canvas.getContext('2d')!
  ctx.scale(2, 2)
  drawCertificate(ctx, c)
  return canvas.toDataURL('image/png')
}

interface WxCanvasNode {
  width: number
  height: number
  getContext(kind: '2d'): Ctx2D & { scale(x: number, y: number): void }
}

/** WeChat: the canvas 2d node of the page, sized to the screen's pixels, with the certificate on it. */
function drawOnWechatCanvas(c: Certificate): Promise<WxCanvasNode> {
  return new Promise((resolve, reject) => {
    Taro.createSelectorQuery()
      .select('#certificate-canvas')
      .fields({ node: true, size: true })
      .exec((res) => {
        const found = res?.[0] as { node?: WxCanvasNode; width: number; height: number } | undefined
        if (!found?.node) {
          reject(new Error('canvas not found'))
          return
        }
        const dpr = Taro.getWindowInfo().pixelRatio || 2
        const canvas = found.node
        canvas.width = found.width * dpr
        canvas.height = found.height * dpr
        const ctx = canvas.getContext('2d')
        const scale = (found.width / SHEET.width) * dpr
        ctx.scale(scale, scale)
        drawCertificate(ctx, c)
        resolve(canvas)
      })
  })
}

const CertificatePage = observer(function CertificatePage() {
  const { hours, schools } = useStores()
  const { ready } = useRequireLogin(DUTY_ROUTES.certificate)
  const [png, setPng] = useState<string | null>(null)
  const [saving, setSaving] = useState(false)
  const wxCanvas = useRef<WxCanvasNode | null>(null)

  useEffect(() => {
    if (ready) void Promise.allSettled([hours.load(), schools.load()])
  }, [ready, hours, schools])
  const served = hours.servedSchools
  useEffect(() => {
    if (served.length && !served.some((s) => s.id === hours.certificateSchoolId)) void hours.loadCertificate(served[0].id)
  }, [served, hours])

  const cert = hours.certificateState === 'ready' ? hours.certificate : null
  useEffect(() => {
    if (!cert) return
    if (isWeapp) {
      // the canvas is in the tree once the certificate is: draw on the next tick
      setTimeout(() => {
        drawOnWechatCanvas(cert).then(
          (node) => {
            wxCanvas.current = node
          },
          () => toast('证明绘制失败，请返回重试'),
        )
      }, 50)
    } else {
      setPng(renderPng(cert))
    }
  }, [cert])

  // Printing shows the certificate alone (see the print styles).
  useEffect(() => {
    if (isWeapp) return
    document.body.classList.add('certificate-printing')
    return () => document.body.classList.remove('certificate-printing')
  }, [])

  useScreen({
    refresh: async () => {
      await hours.load()
      if (hours.certificateSchoolId) await hours.loadCertificate(hours.certificateSchoolId)
    },
  })

  const saveToAlbum = async () => {
    if (!cert || !wxCanvas.current) return
    setSaving(true)
    try {
      const { tempFilePath } = await Taro.canvasToTempFilePath({ canvas: wxCanvas.current as unknown as Taro.Canvas, fileType: 'png' } as Taro.canvasToTempFilePath.Option)
      await saveImageToAlbum(tempFilePath)
    } catch {
      toast('保存失败，请稍后重试')
    } finally {
      setSaving(false)
    }
  }

  const download = () => {
    if (!cert || !png) return
    const a = document.createElement('a')
    a.href = png
    a.download = fileName(cert)
    document.body.appendChild(a)
    a.click()
    a.remove()
    toastSuccess('已下载图片')
  }

  if (!ready || (hours.state !== 'ready' && !hours.summary)) {
    if (hours.state === 'error')
      return (
        <PageShell>
          <ErrorState message={hours.error} onRetry={() => void hours.load()} />
        </PageShell>
      )
    return (
      <PageShell>
        <LoadingState />
      </PageShell>
    )
  }
  if (!served.length) {
    return (
      <PageShell>
        <EmptyState title='本学期还没有值守记录' description='完成签到、签退后，就可以在这里开具志愿服务证明。' />
      </PageShell>
    )
  }

  const sheet = () => {
    if (hours.certificateState === 'error') return <ErrorState message={hours.certificateError} onRetry={() => void hours.loadCertificate(hours.certificateSchoolId!)} />
    if (hours.certificateMissing) return <EmptyState title='在该校还没有值守记录' description={hours.certificateError ?? ''} />
    if (!cert) return <LoadingState text='正在生成证明…' />
    return (
      <>
        <View className='certificate__sheet' data-testid='certificate'>
          {isWeapp ? (
            <Canvas type='2d' id='certificate-canvas' className='certificate__canvas' />
          ) : png ? (
            <Image className='certificate__image' src={png} mode='widthFix' />
          ) : (
            <LoadingState text='正在生成证明…' />
          )}
        </View>
        <Text className='certificate__text'>{certificateText(cert)}</Text>
        <View className='certificate__actions'>
          {isWeapp ? (
            <Button type='primary' block loading={saving} onClick={saveToAlbum}>
              保存到相册
            </Button>
          ) : (
            <>
              <Button type='primary' block onClick={download} disabled={!png}>
                下载图片
              </Button>
              <Button type='primary' fill='outline' block onClick={() => window.print()} disabled={!png}>
                打印 / 存为 PDF
              </Button>
            </>
          )}
        </View>
      </>
    )
  }

  return (
    <PageShell className='certificate'>
      <SchoolPicker schools={schools.items.filter((s) => served.some((x) => x.id === s.id))} value={hours.certificateSchoolId} onChange={(id) => void hours.loadCertificate(id)} />
      {sheet()}
    </PageShell>
  )
})

export default CertificatePage
