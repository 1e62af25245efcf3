export default definePageConfig({
  navigationBarTitleText: '校园安全简报',
  enablePullDownRefresh: true,
  backgroundTextStyle: 'dark',
})
