// `@tarojs/taro` for jest: Taro's H5 APIs plus the React hooks, with the H5 component runtime
// wired to React first (without it, hooks such as useLoad fail: "React.useContext is not a function").
import * as React from 'react'
import * as ReactDOM from 'react-dom'
import Taro from '@tarojs/taro-h5'
import { createH5NativeComponentConfig } from '@tarojs/plugin-framework-react/dist/runtime'

createH5NativeComponentConfig(null, React, ReactDOM)

export * from '@tarojs/taro-h5'
export { useDidHide, useDidShow, useLaunch, useLoad, usePullDownRefresh, useReady, useRouter, useShareAppMessage, useUnload } from '@tarojs/plugin-framework-react/dist/runtime'
export default Taro
