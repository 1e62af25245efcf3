export default definePageConfig({
  navigationBarTitleText: '学校周边隐患',
  enablePullDownRefresh: true,
  backgroundTextStyle: 'dark',
})
