export default definePageConfig({
  navigationBarTitleText: '补位',
  enablePullDownRefresh: true,
  backgroundTextStyle: 'dark',
})
