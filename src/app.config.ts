// Tab pages live in the main package; everything else in one subpackage per area (DESIGN.md §5).
export default defineAppConfig({
  pages: ['pages/home/index', 'pages/duty/index', 'pages/report/index', 'pages/notices/index', 'pages/me/index'],
  subPackages: [
    { root: 'packages/account', pages: ['pages/login/index', 'pages/join/index'] },
    { root: 'packages/manage', pages: ['pages/members/index', 'pages/invites/index', 'pages/outbox/index'] },
    {
      root: 'packages/duty',
      pages: ['pages/my-shifts/index', 'pages/shift/index', 'pages/swaps/index', 'pages/board/index', 'pages/exceptions/index', 'pages/hours/index', 'pages/certificate/index'],
    },
    { root: 'packages/schedule', pages: ['pages/posts/index', 'pages/templates/index', 'pages/template/index', 'pages/calendar/index', 'pages/gaps/index'] },
    { root: 'packages/hazards', pages: ['pages/detail/index', 'pages/queue/index', 'pages/school/index', 'pages/assigned/index', 'pages/categories/index'] },
    { root: 'packages/notices', pages: ['pages/detail/index', 'pages/compose/index', 'pages/stats/index', 'pages/drill/index', 'pages/drills/index'] },
    { root: 'packages/coverage', pages: ['pages/school/index', 'pages/area/index', 'pages/bulletin/index'] },
    { root: 'packages/alarm', pages: ['pages/detail/index', 'pages/list/index', 'pages/broadcasts/index', 'pages/broadcast/index'] },
  ],
  preloadRule: {
    'pages/me/index': { network: 'all', packages: ['packages/account'] },
    'pages/report/index': { network: 'all', packages: ['packages/hazards'] },
    'pages/notices/index': { network: 'all', packages: ['packages/notices'] },
    'pages/duty/index': { network: 'all', packages: ['packages/duty'] },
    // the alarm page opens the moment the button fires: loaded with 首页
    'pages/home/index': { network: 'all', packages: ['packages/alarm'] },
  },
  window: {
    backgroundTextStyle: 'dark',
    backgroundColor: '#f5f6f8',
    navigationBarBackgroundColor: '#ffffff',
    navigationBarTitleText: '护学岗',
    navigationBarTextStyle: 'black',
    // WeChat's own default; in the H5 build it also turns on Taro's navigation bar (page title and
    // 返回), so the browser build is usable on its own.
    navigationStyle: 'default',
  },
  tabBar: {
    color: '#8a8f99',
    selectedColor: '#1f6feb',
    backgroundColor: '#ffffff',
    borderStyle: 'white',
    list: [
      { pagePath: 'pages/home/index', text: '首页', iconPath: 'assets/tabbar/home.png', selectedIconPath: 'assets/tabbar/home-active.png' },
      { pagePath: 'pages/duty/index', text: '值守', iconPath: 'assets/tabbar/duty.png', selectedIconPath: 'assets/tabbar/duty-active.png' },
      { pagePath: 'pages/report/index', text: '上报', iconPath: 'assets/tabbar/report.png', selectedIconPath: 'assets/tabbar/report-active.png' },
      { pagePath: 'pages/notices/index', text: '通知', iconPath: 'assets/tabbar/notices.png', selectedIconPath: 'assets/tabbar/notices-active.png' },
      { pagePath: 'pages/me/index', text: '我的', iconPath: 'assets/tabbar/me.png', selectedIconPath: 'assets/tabbar/me-active.png' },
    ],
  },
  // Every location API the app calls, and none it does not (checked by __tests__/app/app-config.test.ts).
  requiredPrivateInfos: ['getLocation', 'onLocationChange', 'startLocationUpdate', 'startLocationUpdateBackground', 'chooseLocation'],
  // Positions keep coming with the phone locked, during the duty only (the watch stops at check-out).
  requiredBackgroundModes: ['location'],
  permission: {
    // WeChat shows "你的位置信息将用于…" with this text; at most 30 characters
    'scope.userLocation': { desc: '值守签到与在岗期间确认你在岗点附近，及记录隐患位置' },
  },
  sitemapLocation: 'sitemap.json',
  __usePrivacyCheck__: true,
  lazyCodeLoading: 'requiredComponents',
})
