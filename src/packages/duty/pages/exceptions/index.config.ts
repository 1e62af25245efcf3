export default definePageConfig({
  navigationBarTitleText: '异常审核',
  enablePullDownRefresh: true,
  backgroundTextStyle: 'dark',
})
