export default definePageConfig({
  navigationBarTitleText: '演练记录',
  enablePullDownRefresh: true,
  backgroundTextStyle: 'dark',
})
