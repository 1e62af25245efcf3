export default definePageConfig({
  navigationBarTitleText: '回执统计',
  enablePullDownRefresh: true,
  backgroundTextStyle: 'dark',
})
