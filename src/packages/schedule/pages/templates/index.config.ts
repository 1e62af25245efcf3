export default definePageConfig({
  navigationBarTitleText: '排班模板',
  enablePullDownRefresh: true,
  backgroundTextStyle: 'dark',
})
