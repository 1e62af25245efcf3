export default definePageConfig({
  navigationBarTitleText: '学校覆盖率',
  enablePullDownRefresh: true,
  backgroundTextStyle: 'dark',
})
