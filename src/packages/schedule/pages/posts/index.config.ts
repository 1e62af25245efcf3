export default definePageConfig({
  navigationBarTitleText: '岗点',
  enablePullDownRefresh: true,
  backgroundTextStyle: 'dark',
})
