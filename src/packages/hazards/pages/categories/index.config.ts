export default definePageConfig({
  navigationBarTitleText: '隐患类别',
  enablePullDownRefresh: true,
  backgroundTextStyle: 'dark',
})
