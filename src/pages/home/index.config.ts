export default definePageConfig({
  navigationBarTitleText: '护学岗',
  enablePullDownRefresh: true,
  backgroundTextStyle: 'dark',
})
