export default definePageConfig({
  navigationBarTitleText: '班次详情',
  enableShareAppMessage: true,
  enablePullDownRefresh: true,
  backgroundTextStyle: 'dark',
})
