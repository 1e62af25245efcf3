// Photos of a report or of a step on its timeline: thumbnails, tap to see them full size.
import Taro from '@tarojs/taro'
import { Image, View } from '@tarojs/components'
import type { HazardPhoto } from '@/types/hazards'
import './index.scss'

export function previewPhotos(photos: HazardPhoto[], current: HazardPhoto): void {
  void Taro.previewImage({ urls: photos.map((p) => p.url), current: current.url })
}

export function PhotoGrid({ photos, size = 'normal' }: { photos: HazardPhoto[]; size?: 'normal' | 'small' }) {
  if (!photos.length) return null
  return (
    <View className={`photo-grid photo-grid--${size}`}>
      {photos.map((p) => (
        <Image
          key={p.fileId}
          className='photo-grid__item'
          src={p.thumbUrl}
          mode='aspectFill'
          lazyLoad
          data-testid='hazard-photo'
          onClick={(e) => {
            e.stopPropagation()
            previewPhotos(photos, p)
          }}
        />
      ))}
    </View>
  )
}
