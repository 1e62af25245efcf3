export default definePageConfig({
  navigationBarTitleText: '隐患处置',
  enablePullDownRefresh: true,
  backgroundTextStyle: 'dark',
})
