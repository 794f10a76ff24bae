// The main package holds only the tab pages and what they need; every flow is a subpackage,
// loaded when first opened. 消息 sits before 我的, which stays last as in WeChat's own tab bar
// (services/tabs.ts names its place for the unread badge).
// The staff workbench (subpackages/staff) is built into the browser app only: reviewers work at a
// desk on a PC, and the WeChat package stays the applicants' (workbench/nav.ts lists its pages).
const staffWorkbench =
  process.env.TARO_ENV === 'h5'
    ? [
        {
          root: 'subpackages/staff',
          pages: [
            'login/index',
            'queue/index',
            'application/index',
            'pools/index',
            'commendations/index',
            'targets/index',
            'notices/index',
            'editions/index',
            'accounts/index',
            'audit/index',
            'shops/index',
            'statistics/index',
            'referrals/index',
            'parks/index',
            'whitelist/index',
          ],
        },
      ]
    : [];

export default defineAppConfig({
  pages: [
    'pages/home/index',
    'pages/calculator/index',
    'pages/applications/index',
    'pages/messages/index',
    'pages/me/index',
  ],
  subPackages: [
    { root: 'subpackages/auth', pages: ['login/index'] },
    { root: 'subpackages/legal', pages: ['privacy/index'] },
    {
      root: 'subpackages/org',
      pages: ['index/index', 'register/index', 'join/index', 'profile/index', 'facilities/index'],
    },
    { root: 'subpackages/apply', pages: ['new/index', 'detail/index'] },
    { root: 'subpackages/notice', pages: ['index/index'] },
    { root: 'subpackages/messages', pages: ['settings/index'] },
    { root: 'subpackages/shops', pages: ['index/index', 'register/index', 'detail/index'] },
    // 通报表扬名单 (一、四、五), public: ECharts lives in this subpackage only.
    { root: 'subpackages/public', pages: ['commendations/index'] },
    { root: 'subpackages/finance', pages: ['index/index'] },
    { root: 'subpackages/parks', pages: ['ranking/index'] },
    { root: 'subpackages/whitelist', pages: ['apply/index', 'public/index'] },
    { root: 'subpackages/roster', pages: ['index/index'] },
    ...staffWorkbench,
  ],
  window: {
    navigationBarBackgroundColor: '#1a56b0',
    navigationBarTitleText: '电商惠企通',
    navigationBarTextStyle: 'white',
    backgroundColor: '#f4f6f9',
    backgroundTextStyle: 'dark',
  },
  tabBar: {
    color: '#4e5969',
    selectedColor: '#1a56b0',
    backgroundColor: '#ffffff',
    borderStyle: 'black',
    list: [
      {
        pagePath: 'pages/home/index',
        text: '首页',
        iconPath: 'assets/tab/home.png',
        selectedIconPath: 'assets/tab/home-active.png',
      },
      {
        pagePath: 'pages/calculator/index',
        text: '计算器',
        iconPath: 'assets/tab/calculator.png',
        selectedIconPath: 'assets/tab/calculator-active.png',
      },
      {
        pagePath: 'pages/applications/index',
        text: '我的申报',
        iconPath: 'assets/tab/applications.png',
        selectedIconPath: 'assets/tab/applications-active.png',
      },
      {
        pagePath: 'pages/messages/index',
        text: '消息',
        iconPath: 'assets/tab/messages.png',
        selectedIconPath: 'assets/tab/messages-active.png',
      },
      {
        pagePath: 'pages/me/index',
        text: '我的',
        iconPath: 'assets/tab/me.png',
        selectedIconPath: 'assets/tab/me-active.png',
      },
    ],
  },
  // H5 only: no sliding page transitions. They add nothing at a desk or in a phone's browser, and
  // Taro's H5 router times them with timers that, on a loaded machine, could leave the page a user
  // went back to hidden (seen as a flaky browser test after 返回).
  ...(process.env.TARO_ENV === 'h5' ? { animation: false } : {}),
  // Declares the privacy flow (wx.onNeedPrivacyAuthorization) as handled by the app.
  __usePrivacyCheck__: true,
  lazyCodeLoading: 'requiredComponents',
});
