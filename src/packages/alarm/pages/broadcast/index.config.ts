export default definePageConfig({
  navigationBarTitleText: '人员预警',
  enablePullDownRefresh: true,
  backgroundTextStyle: 'dark',
})
