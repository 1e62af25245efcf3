export default definePageConfig({
  navigationBarTitleText: '校历',
  enablePullDownRefresh: true,
  backgroundTextStyle: 'dark',
})
