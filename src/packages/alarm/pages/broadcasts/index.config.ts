export default definePageConfig({
  navigationBarTitleText: '远程广播',
  enablePullDownRefresh: true,
  backgroundTextStyle: 'dark',
})
