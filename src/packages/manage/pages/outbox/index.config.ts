export default definePageConfig({
  navigationBarTitleText: '消息发件箱',
  enablePullDownRefresh: true,
  backgroundTextStyle: 'dark',
})
