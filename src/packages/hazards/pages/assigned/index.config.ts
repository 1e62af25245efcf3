export default definePageConfig({
  navigationBarTitleText: '交办给我的',
  enablePullDownRefresh: true,
  backgroundTextStyle: 'dark',
})
