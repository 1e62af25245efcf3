export default definePageConfig({
  navigationBarTitleText: '换班',
  enablePullDownRefresh: true,
  backgroundTextStyle: 'dark',
})
