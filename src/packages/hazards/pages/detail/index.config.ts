export default definePageConfig({
  navigationBarTitleText: '隐患详情',
  enablePullDownRefresh: true,
  backgroundTextStyle: 'dark',
})
