// Choosing photos for a report, a rectification or a "我也遇到了": each one uploads as soon as it
// is chosen (WeChat: chooseMedia → uploadFile; browser: a file input → uploadFile with a blob:
// URL). A failed one can be retried or removed.
import Taro from '@tarojs/taro'
import { Image, Text, View } from '@tarojs/components'
import { Loading } from '@nutui/nutui-react-taro'
import { Photograph } from '@nutui/icons-react-taro'
import { observer } from 'mobx-react-lite'
import type { ChangeEvent } from 'react'
import { localFileUrl } from '@/services/local-files'
import { explainRefusal, permissionProblemOf } from '@/services/permissions'
import type { PhotoUploads } from '@/stores/hazards/photo-uploads'
import './index.scss'

const isH5 = process.env.TARO_ENV === 'h5'

export const PhotoPicker = observer(function PhotoPicker({ uploads, hint }: { uploads: PhotoUploads; hint?: string }) {
  const choose = async () => {
    if (isH5) return // the file input laid over the tile takes the tap
    try {
      const res = await Taro.chooseMedia({ count: uploads.remaining, mediaType: ['image'], sizeType: ['compressed'], sourceType: ['album', 'camera'] })
      await uploads.add(res.tempFiles.map((f) => f.tempFilePath))
    } catch (e) {
      // closed without choosing: nothing to say; refused: the agreement again, or 去设置
      const problem = permissionProblemOf(e)
      if (problem) await explainRefusal(problem, '相机和相册', '拍照或选照片要用到相机和相册', choose)
    }
  }

  const onFiles = (event: ChangeEvent<HTMLInputElement>) => {
    const input = event.target
    const files = Array.from(input.files ?? [])
    input.value = '' // the same file can be chosen again after removing it
    void uploads.add(files.map(localFileUrl))
  }

  return (
    <View className='photo-picker'>
      <View className='photo-picker__grid'>
        {uploads.items.map((p) => (
          <View key={p.key} className='photo-picker__item' data-testid='photo-draft' data-state={p.state}>
            <Image className='photo-picker__image' src={p.localPath} mode='aspectFill' />
            {p.state === 'uploading' ? (
              <View className='photo-picker__mask'>
                <Loading />
              </View>
            ) : null}
            {p.state === 'error' ? (
              <View className='photo-picker__mask photo-picker__mask--error' onClick={() => void uploads.retry(p.key)}>
                <Text>上传失败</Text>
                <Text className='photo-picker__retry'>点击重试</Text>
              </View>
            ) : null}
            <View className='photo-picker__remove' onClick={() => uploads.remove(p.key)}>
              ×
            </View>
          </View>
        ))}
        {uploads.remaining > 0 ? (
          <View className='photo-picker__add' onClick={choose}>
            <Photograph size={24} color='#8f959e' />
            <Text className='photo-picker__count'>
              {uploads.items.length}/{uploads.max}
            </Text>
            {/* written out (not the const) so that the WeChat build drops it */}
            {process.env.TARO_ENV === 'h5' ? (
              <input className='photo-picker__input' type='file' accept='image/*' multiple={uploads.max > 1} data-testid='photo-input' onChange={onFiles} />
            ) : null}
          </View>
        ) : null}
      </View>
      {hint ? <Text className='photo-picker__hint'>{hint}</Text> : null}
    </View>
  )
})
