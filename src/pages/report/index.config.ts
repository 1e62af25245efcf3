export default definePageConfig({
  navigationBarTitleText: '上报',
  enablePullDownRefresh: true,
  backgroundTextStyle: 'dark',
})
