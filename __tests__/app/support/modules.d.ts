// Modules the jest shim of @tarojs/taro imports that ship no types of their own.
declare module 'react-dom'
declare module '@tarojs/plugin-framework-react/dist/runtime'
