export default definePageConfig({
  navigationBarTitleText: '值守',
  enablePullDownRefresh: true,
  backgroundTextStyle: 'dark',
})
