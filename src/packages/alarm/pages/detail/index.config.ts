export default definePageConfig({
  navigationBarTitleText: '一键报警',
  navigationBarBackgroundColor: '#e5484d',
  navigationBarTextStyle: 'white',
  enablePullDownRefresh: true,
  backgroundTextStyle: 'dark',
})
