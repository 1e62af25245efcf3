export default definePageConfig({
  navigationBarTitleText: '片区覆盖率',
  enablePullDownRefresh: true,
  backgroundTextStyle: 'dark',
})
