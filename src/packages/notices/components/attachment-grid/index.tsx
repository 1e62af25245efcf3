// Images attached to a notice or a drill record: thumbnails, tap to see them full size.
import Taro from '@tarojs/taro'
import { Image, View } from '@tarojs/components'
import './index.scss'

export interface AttachedImage {
  fileId: string
  url: string
  thumbUrl: string
}

export function AttachmentGrid({ images }: { images: AttachedImage[] }) {
  if (!images.length) return null
  return (
    <View className='attachment-grid'>
      {images.map((img) => (
        <Image
          key={img.fileId}
          className='attachment-grid__item'
          src={img.thumbUrl}
          mode='aspectFill'
          lazyLoad
          data-testid='notice-attachment'
          onClick={(e) => {
            e.stopPropagation()
            void Taro.previewImage({ urls: images.map((i) => i.url), current: img.url })
          }}
        />
      ))}
    </View>
  )
}
