export default definePageConfig({
  navigationBarTitleText: '最近报警',
  enablePullDownRefresh: true,
  onReachBottomDistance: 100,
})
