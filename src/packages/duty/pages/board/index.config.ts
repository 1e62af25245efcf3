export default definePageConfig({
  navigationBarTitleText: '值守看板',
  enablePullDownRefresh: true,
  backgroundTextStyle: 'dark',
})
