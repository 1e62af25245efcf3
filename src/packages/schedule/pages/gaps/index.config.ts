export default definePageConfig({
  navigationBarTitleText: '补位',
  enableShareAppMessage: true,
  enablePullDownRefresh: true,
  backgroundTextStyle: 'dark',
})
